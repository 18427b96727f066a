/** Fapilog's scoped context carried by Micrometer's context-propagation library (Reactor, executors). */
package io.fapilog.spring.context;

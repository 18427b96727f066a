/** Trace and span ids of Micrometer Tracing's current span on every event, at call time. */
package io.fapilog.spring.tracing;

/**
 * Request logging for servlet applications (Spring MVC): a per-request {@code Logger} (THREAD) in
 * a request attribute and controller parameters, and the access log, asynchronous requests
 * included.
 */
package io.fapilog.spring.web.servlet;

/**
 * Request logging for Spring WebFlux: a per-request {@code AsyncLogger} (ASYNC) in the exchange,
 * the Reactor {@code Context} ({@link io.fapilog.spring.web.reactive.FapilogReactive}) and
 * controller parameters, and the access log.
 */
package io.fapilog.spring.web.reactive;

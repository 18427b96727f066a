/**
 * Request logging shared by the WebFlux and servlet integrations: the request id policy
 * ({@link io.fapilog.spring.web.RequestIds}), trace correlation
 * ({@link io.fapilog.spring.web.TraceContextResolver}) and the access log
 * ({@link io.fapilog.spring.web.HttpRequestLogging}). The framework adapters live in
 * {@code io.fapilog.spring.web.reactive} and {@code io.fapilog.spring.web.servlet}.
 */
package io.fapilog.spring.web;

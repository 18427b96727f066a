package io.fapilog.spring.web;

import java.util.List;

/**
 * What request logging reads from an HTTP request, whatever the web stack: the small adapter
 * each of the WebFlux and servlet integrations implements, so that the policy itself
 * ({@link HttpRequestLogging}) is written once.
 */
public interface HttpRequestView {

    /** The HTTP method, for example {@code GET}. */
    String method();

    /** The request path as sent, without the query string (logged as {@code path}). */
    String path();

    /** The path below the application's context path, matched against the skip paths. */
    String pathWithinApplication();

    /** The first value of a header (case-insensitive name), or null. */
    String header(String name);

    /** Every value of a header (case-insensitive name), empty when absent. */
    List<String> headerValues(String name);

    /** The address of the client as the server sees it (after forwarded-header processing), or null. */
    String clientIp();

    /** A request (servlet) or exchange (WebFlux) attribute, or null. */
    Object attribute(String name);
}

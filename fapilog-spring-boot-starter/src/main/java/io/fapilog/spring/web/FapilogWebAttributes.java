package io.fapilog.spring.web;

/**
 * Names of the request (servlet) and exchange (WebFlux) attributes the request logging filters set.
 */
public final class FapilogWebAttributes {

    /** The request's {@link HttpRequestContext}. */
    public static final String REQUEST_CONTEXT = "io.fapilog.spring.web.REQUEST_CONTEXT";

    /**
     * The request's logger: an {@link io.fapilog.AsyncLogger} in WebFlux, a {@link io.fapilog.Logger}
     * in a servlet application.
     */
    public static final String LOGGER = "io.fapilog.spring.web.LOGGER";

    private FapilogWebAttributes() {
    }
}

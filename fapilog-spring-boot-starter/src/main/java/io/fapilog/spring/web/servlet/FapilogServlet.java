package io.fapilog.spring.web.servlet;

import io.fapilog.Logger;
import io.fapilog.spring.web.FapilogWebAttributes;
import io.fapilog.spring.web.HttpRequestContext;
import jakarta.servlet.ServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import java.util.Optional;

/**
 * The request's logger and context for servlet code that is not a controller method (services
 * called on the request's thread, interceptors, exception handlers).
 */
public final class FapilogServlet {

    private FapilogServlet() {
    }

    /** The logger {@link FapilogServletFilter} bound to {@code request}. */
    public static Optional<Logger> logger(ServletRequest request) {
        return Optional.ofNullable((Logger) request.getAttribute(FapilogWebAttributes.LOGGER));
    }

    /** The request id, method, path and trace ids of {@code request}. */
    public static Optional<HttpRequestContext> requestContext(ServletRequest request) {
        return Optional.ofNullable((HttpRequestContext) request.getAttribute(FapilogWebAttributes.REQUEST_CONTEXT));
    }

    /** The logger of the request the current thread serves (through Spring's {@link RequestContextHolder}). */
    public static Optional<Logger> currentLogger() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes == null ? Optional.empty()
                : Optional.ofNullable((Logger) attributes.getAttribute(FapilogWebAttributes.LOGGER,
                        RequestAttributes.SCOPE_REQUEST));
    }
}

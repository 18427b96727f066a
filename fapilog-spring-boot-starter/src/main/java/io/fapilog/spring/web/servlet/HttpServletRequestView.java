package io.fapilog.spring.web.servlet;

import io.fapilog.spring.web.HttpRequestView;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** {@link HttpRequestView} of a servlet request. */
final class HttpServletRequestView implements HttpRequestView {

    private final HttpServletRequest request;

    HttpServletRequestView(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        return request.getRequestURI();
    }

    @Override
    public String pathWithinApplication() {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        if (contextPath != null && !contextPath.isEmpty() && uri.startsWith(contextPath)) {
            return uri.substring(contextPath.length());
        }
        return uri;
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public List<String> headerValues(String name) {
        Enumeration<String> values = request.getHeaders(name);
        return values != null ? Collections.list(values) : List.of();
    }

    @Override
    public String clientIp() {
        return request.getRemoteAddr();
    }

    @Override
    public Object attribute(String name) {
        return request.getAttribute(name);
    }
}

package io.fapilog.spring.web;

import io.fapilog.context.ScopedContext;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The logging context of one HTTP request: its request id, method, path and trace ids, which every
 * event of the request's logger carries in {@code context}. WebFlux keeps it in the exchange
 * attributes and the Reactor {@code Context}, the servlet filter in a request attribute (both under
 * {@link FapilogWebAttributes#REQUEST_CONTEXT}).
 */
public final class HttpRequestContext {

    private final String requestId;
    private final String method;
    private final String path;
    private final TraceIds traceIds;
    private final long startNanos;
    private final boolean accessLogged;
    private final Object[] keyValues;
    private final ScopedContext scopedContext;
    private final AtomicBoolean completed = new AtomicBoolean();

    HttpRequestContext(String requestId, String method, String path, TraceIds traceIds, long startNanos,
            boolean accessLogged) {
        this.requestId = requestId;
        this.method = method;
        this.path = path;
        this.traceIds = traceIds;
        this.startNanos = startNanos;
        this.accessLogged = accessLogged;
        this.keyValues = traceIds == null
                ? new Object[] {"request_id", requestId, "method", method, "path", path}
                : new Object[] {"request_id", requestId, "method", method, "path", path,
                        "trace_id", traceIds.traceId(), "span_id", traceIds.spanId()};
        this.scopedContext = ScopedContext.empty().with(keyValues);
    }

    /**
     * The context of a request fapilog does not log ({@code fapilog.enabled=false}): the valid
     * incoming request id or a new one, no trace ids, no access log event.
     */
    public static HttpRequestContext unlogged(String incomingRequestId, String method, String path) {
        return new HttpRequestContext(RequestIds.resolve(incomingRequestId), method, path, null, System.nanoTime(), false);
    }

    /** The request id: the valid incoming one or a generated UUID; echoed on the response. */
    public String requestId() {
        return requestId;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** The trace and span id the request is correlated with, if any. */
    public Optional<TraceIds> traceIds() {
        return Optional.ofNullable(traceIds);
    }

    /** {@link System#nanoTime()} when the request began. */
    public long startNanos() {
        return startNanos;
    }

    /** Whether the request gets an access log event (request logging on and the path not skipped). */
    public boolean isAccessLogged() {
        return accessLogged;
    }

    /** The key/value pairs bound to the request's loggers, in order: a copy. */
    public Object[] keyValues() {
        return keyValues.clone();
    }

    /**
     * {@code outer} plus the request's fields (the request's win), as the request's scoped context;
     * when {@code outer} is empty, one value made once per request, so the filters that make the
     * request's context current or write it into a Reactor {@code Context} merge nothing.
     */
    public ScopedContext scopedContext(ScopedContext outer) {
        return outer.isEmpty() ? scopedContext : outer.with(keyValues);
    }

    /** Claims the end of the request: true only for the first caller, so the access log is written once. */
    boolean markCompleted() {
        return completed.compareAndSet(false, true);
    }

    /**
     * Whether the end of the request was already claimed by its access log event (written, or
     * sampled out); always false for a request that gets none ({@link #isAccessLogged()} false).
     */
    public boolean isCompleted() {
        return completed.get();
    }

    @Override
    public String toString() {
        return "HttpRequestContext" + Arrays.toString(keyValues);
    }
}

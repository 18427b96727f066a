package io.fapilog.spring.web;

import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ResponseStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request logging policy, shared by the WebFlux filter and the servlet filter, which only
 * adapt their request type to {@link HttpRequestView} and write the events with their own kind of
 * logger.
 *
 * <ul>
 *   <li>{@link #open}: at the start of a request, the request id (the valid incoming
 *   {@code X-Request-ID} or a new UUID), the trace ids and the key/value pairs bound to the
 *   request's loggers ({@code request_id}, {@code method}, {@code path}, {@code trace_id},
 *   {@code span_id});</li>
 *   <li>{@link #complete}: at its end, once, the access log event: {@code request_completed}
 *   (INFO) or, for a status of 500 and above, {@code request_failed} (ERROR, with the exception),
 *   unless the path is skipped or a successful request is sampled out.</li>
 * </ul>
 */
public class HttpRequestLogging {

    /**
     * Name of the per-request logger kept in the request (exchange) attribute and the Reactor
     * {@code Context}; the loggers handed to controller methods are named after the controller class.
     */
    public static final String REQUEST_LOGGER = "http.request";

    /** Name of the logger of access log events. */
    public static final String ACCESS_LOGGER = "http.access";

    public static final String REQUEST_COMPLETED = "request_completed";

    public static final String REQUEST_FAILED = "request_failed";

    /** What a masked header's value is logged as. */
    public static final String MASK = "***";

    /** The status logged for a request the client abandoned before a status was set (as nginx does). */
    public static final int CLIENT_CLOSED_REQUEST = 499;

    private final FapilogRuntime runtime;
    private final RequestLoggingSettings settings;
    private final TraceContextResolver traceContextResolver;
    private final AntPathMatcher pathMatcher = new AntPathMatcher();

    public HttpRequestLogging(FapilogRuntime runtime, RequestLoggingSettings settings,
            TraceContextResolver traceContextResolver) {
        this.runtime = runtime;
        this.settings = settings;
        this.traceContextResolver = traceContextResolver;
    }

    public FapilogRuntime runtime() {
        return runtime;
    }

    public RequestLoggingSettings settings() {
        return settings;
    }

    /** The header the request id is read from and echoed in. */
    public String requestIdHeader() {
        return settings.requestIdHeader();
    }

    /** Starts a request: its id, trace ids and whether it will get an access log event. */
    public HttpRequestContext open(HttpRequestView request) {
        long start = System.nanoTime();
        String requestId = RequestIds.resolve(request.header(settings.requestIdHeader()));
        TraceIds traceIds = resolveTraceIds(request);
        boolean accessLogged = settings.accessLog() && !isSkipped(request.pathWithinApplication());
        return new HttpRequestContext(requestId, request.method(), request.path(), traceIds, start, accessLogged);
    }

    /** Whether {@code path} matches one of the skip paths. */
    public boolean isSkipped(String path) {
        String candidate = path == null || path.isEmpty() ? "/" : path;
        for (String pattern : settings.skipPaths()) {
            if (pathMatcher.match(pattern, candidate)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Ends a request and returns its access log event; empty when the request gets no access log
     * (nor is marked completed), when it was already ended (so a request is logged at most once,
     * whichever of completion, error or cancellation comes first), or when a successful request is
     * sampled out.
     *
     * @param status the response status; for an exception that left the handler before an error
     *        handler wrote the response, {@link #statusOf(Throwable)}; the status already sent when
     *        the exception came after it
     * @param error the exception that ended the request, or null; attached to {@code request_failed}
     * @param cancelled whether the client went away before the response completed
     */
    public Optional<AccessLogEvent> complete(HttpRequestContext context, HttpRequestView request, int status,
            Throwable error, boolean cancelled) {
        if (!context.isAccessLogged() || !context.markCompleted()) {
            return Optional.empty();
        }
        int statusCode = status;
        // An exception with a success status: the status was sent before the request broke (a stream
        // that failed half-way), so the client saw it, and the event says both.
        boolean failed = statusCode >= 500 || error != null && statusCode < 400;
        if (statusCode < 400 && !failed && !sampled()) { // failures are always logged
            return Optional.empty();
        }
        List<Object> data = new ArrayList<>(16);
        data.add("method");
        data.add(context.method());
        data.add("path");
        data.add(context.path());
        data.add("status_code");
        data.add(statusCode);
        data.add("latency_ms");
        data.add(latencyMillis(context.startNanos()));
        data.add("client_ip");
        data.add(request.clientIp());
        data.add("user_agent");
        data.add(request.header("User-Agent"));
        Map<String, String> headers = headers(request);
        if (!headers.isEmpty()) {
            data.add("headers");
            data.add(headers);
        }
        if (cancelled) {
            data.add("cancelled");
            data.add(true);
        }
        return Optional.of(new AccessLogEvent(failed ? Level.ERROR : Level.INFO,
                failed ? REQUEST_FAILED : REQUEST_COMPLETED, failed ? error : null, data.toArray()));
    }

    /**
     * The status an exception that escaped the handler turns into: that of an {@link ErrorResponse}
     * (such as {@code ResponseStatusException}), of a {@link ResponseStatus} annotation, else 500.
     */
    public static int statusOf(Throwable error) {
        if (error instanceof ErrorResponse response) {
            return response.getStatusCode().value();
        }
        ResponseStatus annotation = AnnotatedElementUtils.findMergedAnnotation(error.getClass(), ResponseStatus.class);
        if (annotation != null) {
            return annotation.code().value();
        }
        return 500;
    }

    private TraceIds resolveTraceIds(HttpRequestView request) {
        try {
            return traceContextResolver.resolve(request).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private boolean sampled() {
        double rate = settings.sampleRate();
        return rate >= 1.0 || (rate > 0.0 && ThreadLocalRandom.current().nextDouble() < rate);
    }

    private Map<String, String> headers(HttpRequestView request) {
        if (settings.headers().isEmpty()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : settings.headers()) {
            List<String> values = request.headerValues(name);
            if (!values.isEmpty()) {
                headers.put(name, settings.maskedHeaders().contains(name) ? MASK : String.join(", ", values));
            }
        }
        return headers;
    }

    private static double latencyMillis(long startNanos) {
        long micros = (System.nanoTime() - startNanos) / 1_000;
        return micros / 1_000.0;
    }
}

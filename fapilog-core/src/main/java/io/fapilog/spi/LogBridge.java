package io.fapilog.spi;

import io.fapilog.Level;
import io.fapilog.internal.FapilogThreads;
import io.fapilog.internal.encoding.BridgedArguments;
import io.fapilog.internal.encoding.TraceIdNames;
import io.fapilog.internal.encoding.ValueShapes;
import io.fapilog.internal.event.ThreadNames;
import tools.jackson.databind.json.JsonMapper;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Hands the events of another logging framework (Logback, Log4j2, java.util.logging) to a runtime's
 * pipeline, so that library logs share the application's queue, redaction, format and sinks. Get one
 * from {@link io.fapilog.FapilogRuntime#bridge()}. Thread-safe; never throws.
 */
public interface LogBridge {

    /**
     * Whether the calling thread runs fapilog's own work (a worker, a sink's hand-off or closer, the
     * drain). What a library logs there (a Kafka or HTTP client inside a sink's write) and is submitted
     * never waits, for room or for a drain, since fapilog may be waiting for that very thread; what it
     * logs while it writes events that were themselves logged there is dropped as a logging loop.
     * Known by the work it runs, not by its name.
     */
    static boolean isFapilogThread() {
        return FapilogThreads.isCurrent();
    }

    /**
     * The mapper fapilog writes a record's or bean's properties with, for a framework whose arguments
     * write themselves through a Jackson generator (logstash-logback-encoder's {@code kv}): the
     * platform's values as their text, Hibernate's lazy proxies and collections as what is loaded of
     * them (never loading anything), an object met again inside itself as {@code "[cycle]"}.
     */
    static JsonMapper valueMapper() {
        return ValueShapes.mapper();
    }

    /**
     * The calling thread's name as fapilog records it, never empty: for a framework whose event
     * carries an unnamed thread's empty name (Log4j2's, for a virtual thread), called on that thread.
     * An unnamed virtual thread is {@code virtual-<id>}, an unnamed platform thread {@code unnamed-<id>}.
     */
    static String currentThreadName() {
        return ThreadNames.current();
    }

    /**
     * This bridge, for a framework whose events read their throwables' stack traces at the call, as
     * Logback's do: their throwables are then weighed for the queue's memory budget by the frames they
     * hold, about three times what an unread stack holds, rather than as unread. By default this bridge.
     */
    default LogBridge stacksReadAtTheCall() {
        return this;
    }

    /** Whether the runtime's levels let {@code level} through for {@code loggerName}. */
    boolean isEnabled(String loggerName, Level level);

    /**
     * Submits one event in the mode a synchronous logger on this thread would use (never blocking
     * a Reactor non-blocking thread). Call it on the thread that logged: the scoped context and the
     * runtime's context providers (trace ids) are read there, after {@code context}. A drained
     * runtime writes the event synchronously, through the same redaction and encoders.
     *
     * @param context alternating String keys and values for {@code context} (an MDC), or null
     * @param data alternating String keys and values for {@code data}, or null
     * @param tags the event's tags (SLF4J markers), or an empty list
     */
    void submit(long timestampMillis, Level level, String loggerName, String message, Throwable throwable,
                   String threadName, Object[] context, Object[] data, List<String> tags);

    /**
     * As {@link #submit}, for a message the framework has not formatted: each {@code {}} of
     * {@code pattern} takes the next of {@code arguments} on the worker, written as SLF4J writes it
     * once redaction has masked it (a {@code byte[]} or {@code char[]} that SLF4J would spell out
     * element by element, past every text rule; a Kafka record or its headers, whose own text spells
     * a header's value out the same way, as an object of its parts; a Hibernate proxy or lazy
     * collection as what is loaded of it; a Spring Security authentication as its parts; a web
     * object as its summary, a cookie's value masked). Arguments beyond the
     * placeholders are ignored, and a placeholder without one stays {@code {}}, as in SLF4J. Use it
     * when {@link #formatsOnWorker} says so; {@link #submit} with the framework's text otherwise.
     */
    void submitUnformatted(long timestampMillis, Level level, String loggerName, String pattern, Object[] arguments,
                           Throwable throwable, String threadName, Object[] context, Object[] data, List<String> tags);

    /**
     * Whether a message with these {@code arguments} is to be formatted by fapilog, on the worker
     * ({@linkplain #submitUnformatted unformatted}), rather than by the framework on the caller's
     * thread: when the framework's text of an argument would hide text from the redaction rules (a
     * {@code byte[]} or {@code char[]}, written element by element, a Kafka record or its headers,
     * whose {@code toString()} writes a header's value so, a Spring Security authentication, whose
     * text names its principal, a bearer token before it is checked, or a cookie, whose text is its value), or
     * would load what a log call must not (a Hibernate proxy or lazy collection, whose
     * {@code toString()} runs SQL); a web server's other objects go with cookies, so that a message
     * writes each as fapilog's own placeholders do (a summary). The first elements of an array,
     * collection or map argument count too (a list of cookies), two levels down.
     */
    static boolean formatsOnWorker(Object[] arguments) {
        return BridgedArguments.anyFormattedOnWorker(arguments);
    }

    /**
     * An MDC's values as the alternating keys and values {@link #submit} takes as context; null when
     * empty. Micrometer Tracing's {@code traceId} and {@code spanId} become the context's {@code trace_id}
     * and {@code span_id} ({@link #mdcContext(Object[])}).
     */
    static Object[] contextPairs(Map<String, String> mdc) {
        if (mdc == null || mdc.isEmpty()) {
            return null;
        }
        Object[] pairs = new Object[mdc.size() * 2];
        int size = 0;
        for (Map.Entry<String, String> entry : mdc.entrySet()) {
            if (entry.getKey() != null) {
                pairs[size++] = entry.getKey();
                pairs[size++] = entry.getValue();
            }
        }
        return mdcContext(size == pairs.length ? pairs : Arrays.copyOf(pairs, size));
    }

    /**
     * Alternating keys and values a bridge read from its framework's MDC (or thread context), as
     * {@link #submit} takes them: Micrometer Tracing's {@code traceId} and {@code spanId} become the
     * context's {@code trace_id} and {@code span_id}, once each, so that an event carries its trace ids
     * once, under the names every fapilog event uses (the layouts write them as their format names
     * them). Changes {@code pairs}, the bridge's own, in place, or returns a shorter copy.
     */
    static Object[] mdcContext(Object[] pairs) {
        return TraceIdNames.contextPairs(pairs);
    }
}

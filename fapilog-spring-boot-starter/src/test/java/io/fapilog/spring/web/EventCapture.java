package io.fapilog.spring.web;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Preset;
import io.fapilog.sinks.InMemorySink;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.fail;

/**
 * Test support: a {@link FapilogRuntime} writing to an {@link InMemorySink}, and waits for the
 * JSON lines of particular events (no sleeping: it waits on the sink's monitor).
 */
public final class EventCapture {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventCapture() {
    }

    /** A runtime of the {@code webflux} preset (request logging on) writing only to {@code sink}, flushing every 10 ms. */
    public static FapilogRuntime runtime(InMemorySink sink) {
        return Fapilog.runtime(Fapilog.builder().preset(Preset.WEBFLUX).sinks().sink(sink)
                .batchTimeout(Duration.ofMillis(10)).bridgeSlf4j(false).shutdownHook(false).build());
    }

    public static List<JsonNode> events(InMemorySink sink) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : sink.lines()) {
            events.add(JSON.readTree(line));
        }
        return events;
    }

    public static List<JsonNode> matching(InMemorySink sink, Predicate<JsonNode> filter) {
        return events(sink).stream().filter(filter).toList();
    }

    /** Waits until {@code count} events match {@code filter} and returns the matches (there may be more). */
    public static List<JsonNode> await(InMemorySink sink, Predicate<JsonNode> filter, int count) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            List<String> lines = sink.lines();
            List<JsonNode> matches = new ArrayList<>();
            for (String line : lines) {
                JsonNode event = JSON.readTree(line);
                if (filter.test(event)) {
                    matches.add(event);
                }
            }
            if (matches.size() >= count) {
                return matches;
            }
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !sink.awaitSize(lines.size() + 1, Duration.ofNanos(left))) {
                    return fail("expected %d matching events within %s, found %d among:%n%s", count, TIMEOUT,
                            matches.size(), String.join("\n", sink.lines()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail("interrupted");
            }
        }
    }

    /** Waits for the one event matching {@code filter}. */
    public static JsonNode awaitOne(InMemorySink sink, Predicate<JsonNode> filter) {
        return await(sink, filter, 1).get(0);
    }

    public static Predicate<JsonNode> requestId(String requestId) {
        return event -> requestId.equals(event.path("context").path("request_id").asString(null));
    }

    public static Predicate<JsonNode> message(String message) {
        return event -> message.equals(event.path("message").asString(null));
    }

    /** The access log event ({@code request_completed} or {@code request_failed}) of a request. */
    public static Predicate<JsonNode> accessLogOf(String requestId) {
        return requestId(requestId).and(event -> HttpRequestLogging.ACCESS_LOGGER.equals(event.path("logger").asString(null)));
    }

    /** An event with this message, of this request. */
    public static Predicate<JsonNode> eventOf(String requestId, String message) {
        return requestId(requestId).and(message(message));
    }
}

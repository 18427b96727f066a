package io.fapilog.spring.web;

import io.fapilog.FapilogRuntime;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

import static io.fapilog.spring.web.EventCapture.accessLogOf;
import static io.fapilog.spring.web.EventCapture.awaitOne;
import static io.fapilog.spring.web.EventCapture.matching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A web stack's request filter alone, on mock requests (what a real server would not even let
 * through): the scenarios both stacks share. The subclass builds its filter on {@link #logging}.
 */
public abstract class AbstractRequestFilterTest {

    protected final InMemorySink sink = new InMemorySink();
    protected final FapilogRuntime runtime = EventCapture.runtime(sink);
    protected final HttpRequestLogging logging = new HttpRequestLogging(runtime,
            new RequestLoggingSettings(true, List.of("/actuator/**"), Set.of(), Set.of(), 1.0, "X-Request-ID"),
            new W3cTraceContextResolver());

    /** What a request left once through the filter: the echoed request id and the request's attributes. */
    public record Filtered(String echoedRequestId, HttpRequestContext context, Object logger) {
    }

    /** Sends {@code GET path} with this {@code X-Request-ID} through the filter to a chain that answers at once. */
    protected abstract Filtered sendThrough(String path, String requestId) throws Exception;

    /**
     * Sends {@code GET path} with this {@code X-Request-ID} through the filter to a chain in which
     * the controller throws {@code boom} (as the stack reports it), and asserts what the filter
     * passes on is exactly what the chain gave it.
     */
    protected abstract void sendThroughFailing(String path, String requestId, IllegalStateException boom);

    /** The type of the request logger in the request attribute {@link FapilogWebAttributes#LOGGER}. */
    protected abstract Class<?> loggerType();

    @AfterEach
    protected void close() {
        runtime.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc\r\nX-Injected: yes", "abc\ndef", "abc\rdef", "\r\n"})
    protected void requestIdsWithLineBreaksAreReplaced(String invalid) throws Exception {
        Filtered filtered = sendThrough("/orders", invalid);
        String echoed = filtered.echoedRequestId();
        assertThat(echoed).matches("[0-9a-f-]{36}");
        assertThat(filtered.context().requestId()).isEqualTo(echoed);
        assertThat(filtered.logger()).isInstanceOf(loggerType());
        assertThat(awaitOne(sink, accessLogOf(echoed)).toString()).doesNotContain("X-Injected");
    }

    @Test
    protected void anErrorIsPassedOnUnchangedAndLoggedOnceWithTheControllersException() {
        IllegalStateException boom = new IllegalStateException("boom");
        sendThroughFailing("/fail", "error-1", boom);
        JsonNode access = awaitOne(sink, accessLogOf("error-1"));
        assertThat(access.path("message").asString()).isEqualTo("request_failed");
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(500);
        assertThat(access.path("diagnostics").path("exception").path("type").asString())
                .isEqualTo(IllegalStateException.class.getName());
        runtime.stopAndDrain().join();
        assertThat(matching(sink, accessLogOf("error-1"))).hasSize(1);
    }
}

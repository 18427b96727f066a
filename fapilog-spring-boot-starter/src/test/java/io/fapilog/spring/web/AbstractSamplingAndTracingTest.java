package io.fapilog.spring.web;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static io.fapilog.spring.web.EventCapture.accessLogOf;
import static io.fapilog.spring.web.EventCapture.await;
import static io.fapilog.spring.web.EventCapture.awaitOne;
import static io.fapilog.spring.web.EventCapture.eventOf;
import static io.fapilog.spring.web.EventCapture.matching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with {@code fapilog.request-logging.sample-rate=0} and a Micrometer
 * {@code Tracer} (the subclass's {@code @SpringBootTest} adds {@link FixedSpanTracerConfiguration}):
 * successful requests get no access log, failures still do; trace ids come from the tracer's span.
 */
@TestPropertySource(properties = "fapilog.request-logging.sample-rate=0")
public abstract class AbstractSamplingAndTracingTest extends AbstractWebServerTest {

    @Test
    protected void sampleRateZeroDropsSuccessfulAccessLogsButKeepsFailures() {
        String ok = newId();
        client.get().uri("/hello").header("X-Request-ID", ok).exchange().expectStatus().isOk();
        awaitOne(sink, eventOf(ok, "Saying hello")); // the request's own events are not sampled

        String failed = newId();
        client.get().uri("/fail").header("X-Request-ID", failed).exchange().expectStatus().isEqualTo(500);
        JsonNode access = awaitOne(sink, accessLogOf(failed));
        assertThat(access.path("message").asString()).isEqualTo("request_failed");
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(500);

        assertThat(matching(sink, accessLogOf(ok))).isEmpty();
    }

    @Test
    protected void theTracersSpanGivesTraceAndSpanIdsEvenWithATraceparentHeader() {
        String id = newId();
        client.get().uri("/fail").header("X-Request-ID", id)
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .exchange().expectStatus().isEqualTo(500);
        for (JsonNode event : await(sink, eventOf(id, "About to fail").or(accessLogOf(id)), 2)) {
            assertThat(event.path("context").path("trace_id").asString()).isEqualTo(FixedSpanTracerConfiguration.TRACE_ID);
            assertThat(event.path("context").path("span_id").asString()).isEqualTo(FixedSpanTracerConfiguration.SPAN_ID);
        }
    }
}

package io.fapilog.spring.web.reactive;

import io.fapilog.sinks.InMemorySink;
import io.fapilog.spring.web.FixedSpanTracerConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.UUID;

import static io.fapilog.spring.web.EventCapture.accessLogOf;
import static io.fapilog.spring.web.EventCapture.await;
import static io.fapilog.spring.web.EventCapture.awaitOne;
import static io.fapilog.spring.web.EventCapture.eventOf;
import static io.fapilog.spring.web.EventCapture.matching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Netty application with {@code fapilog.request-logging.sample-rate=0} and a Micrometer
 * {@code Tracer}: successful requests get no access log, failures still do; trace ids come from
 * the tracer's span.
 */
@SpringBootTest(classes = {WebFluxTestApp.class, FixedSpanTracerConfiguration.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=reactive",
        "fapilog.bridge.slf4j=false",
        "fapilog.request-logging.sample-rate=0"})
class WebFluxSamplingAndTracingTest {

    @LocalServerPort
    int port;

    @Autowired
    InMemorySink sink;

    WebTestClient client;

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void sampleRateZeroDropsSuccessfulAccessLogsButKeepsFailures() {
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
    void theTracersSpanGivesTraceAndSpanIdsEvenWithATraceparentHeader() {
        String id = newId();
        client.get().uri("/fail").header("X-Request-ID", id)
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .exchange().expectStatus().isEqualTo(500);
        for (JsonNode event : await(sink, eventOf(id, "About to fail").or(accessLogOf(id)), 2)) {
            assertThat(event.path("context").path("trace_id").asString()).isEqualTo(FixedSpanTracerConfiguration.TRACE_ID);
            assertThat(event.path("context").path("span_id").asString()).isEqualTo(FixedSpanTracerConfiguration.SPAN_ID);
        }
    }

    private static String newId() {
        return "req-" + UUID.randomUUID();
    }
}

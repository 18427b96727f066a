package io.fapilog.spring.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import static io.fapilog.spring.web.EventCapture.accessLogOf;
import static io.fapilog.spring.web.EventCapture.await;
import static io.fapilog.spring.web.EventCapture.awaitOne;
import static io.fapilog.spring.web.EventCapture.eventOf;
import static io.fapilog.spring.web.EventCapture.matching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request logging on a real server, the scenarios both web stacks share. The application (the
 * subclass's {@code @SpringBootTest}) answers {@code GET /hello} (logs "Saying hello" with
 * {@code greeting=hi}, answers the logger's execution mode), {@code /context} (the request context
 * parameter), {@code /internal/ping} (logs "Ping"), {@code /fail} (logs "About to fail", then fails
 * with {@code IllegalStateException("boom")}) and a path answering 404.
 */
@TestPropertySource(properties = {
        "fapilog.request-logging.skip-paths=/actuator/**,/internal/**",
        "fapilog.request-logging.headers=X-Tenant,x-tenant-pin",
        "fapilog.request-logging.masked-headers=x-tenant-pin"})
public abstract class AbstractRequestLoggingTest extends AbstractWebServerTest {

    /** The body of {@code GET /hello}: the execution mode of the controller's logger. */
    protected abstract String helloExecutionMode();

    /** A path the application answers with 404. */
    protected abstract String notFoundPath();

    /** The application's controller class: the name of the logger its methods are handed. */
    protected abstract Class<?> controllerClass();

    @Test
    protected void controllerEventAndAccessLogShareTheRequestContext() {
        String id = newId();
        client.get().uri("/hello").header("X-Request-ID", id).header("User-Agent", "fapilog-test/1.0")
                .header("X-Tenant", "acme").header("X-Tenant-Pin", "1234").header("X-Other", "not logged")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-ID", id)
                .expectBody(String.class).isEqualTo(helloExecutionMode());

        JsonNode controller = awaitOne(sink, eventOf(id, "Saying hello"));
        assertThat(controller.path("level").asString()).isEqualTo("INFO");
        assertThat(controller.path("logger").asString()).isEqualTo(controllerClass().getName());
        assertThat(controller.path("context").path("method").asString()).isEqualTo("GET");
        assertThat(controller.path("context").path("path").asString()).isEqualTo("/hello");
        assertThat(controller.path("context").has("trace_id")).isFalse();
        assertThat(controller.path("data").path("greeting").asString()).isEqualTo("hi");

        JsonNode access = awaitOne(sink, accessLogOf(id));
        assertThat(access.path("level").asString()).isEqualTo("INFO");
        assertThat(access.path("message").asString()).isEqualTo("request_completed");
        assertThat(access.path("context").path("request_id").asString()).isEqualTo(id);
        JsonNode data = access.path("data");
        assertThat(data.path("method").asString()).isEqualTo("GET");
        assertThat(data.path("path").asString()).isEqualTo("/hello");
        assertThat(data.path("status_code").asInt()).isEqualTo(200);
        assertThat(data.path("latency_ms").isNumber()).isTrue();
        assertThat(data.path("latency_ms").asDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(data.path("client_ip").asString()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(data.path("user_agent").asString()).isEqualTo("fapilog-test/1.0");
        assertThat(data.path("headers").properties()).hasSize(2);
        assertThat(data.path("headers").path("x-tenant").asString()).isEqualTo("acme");
        assertThat(data.path("headers").path("x-tenant-pin").asString()).isEqualTo("***");
        assertThat(access.path("diagnostics").has("exception")).isFalse();
        assertThat(matching(sink, accessLogOf(id))).hasSize(1);
    }

    @Test
    protected void requestContextParameter() {
        String id = newId();
        client.get().uri("/context").header("X-Request-ID", id).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo(id + " GET /context");
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "<script>", "semi;colon", "quote\"", "ünïcode", "tab\tinside"})
    protected void anInvalidRequestIdIsReplacedByAUuid(String invalid) {
        assertReplaced(invalid);
    }

    @Test
    protected void aRequestIdOf129CharactersIsReplaced() {
        assertReplaced("a".repeat(129));
    }

    @Test
    protected void aRequestIdOf128AllowedCharactersIsKept() {
        String id = "Az09._:-".repeat(16);
        assertThat(id).hasSize(128);
        client.get().uri("/hello").header("X-Request-ID", id).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("X-Request-ID", id);
        awaitOne(sink, accessLogOf(id));
    }

    @Test
    protected void withoutARequestIdOneIsGeneratedAndEchoed() {
        String id = client.get().uri("/hello").exchange()
                .expectStatus().isOk().returnResult(String.class).getResponseHeaders().getFirst("X-Request-ID");
        assertThat(id).matches(UUID_PATTERN);
        awaitOne(sink, accessLogOf(id));
        awaitOne(sink, eventOf(id, "Saying hello"));
    }

    @Test
    protected void skipPathsGetNoAccessLog() {
        String skipped = newId();
        client.get().uri("/internal/ping").header("X-Request-ID", skipped).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("X-Request-ID", skipped);
        // The request logger still works on a skipped path.
        awaitOne(sink, eventOf(skipped, "Ping"));
        // A later request's access log is written after the skipped one's would have been (one worker, FIFO).
        String later = newId();
        client.get().uri("/hello").header("X-Request-ID", later).exchange().expectStatus().isOk();
        awaitOne(sink, accessLogOf(later));
        assertThat(matching(sink, accessLogOf(skipped))).isEmpty();
    }

    @Test
    protected void aFailingEndpointIsLoggedAsRequestFailedWithTheException() {
        String id = newId();
        client.get().uri("/fail").header("X-Request-ID", id).exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().valueEquals("X-Request-ID", id);
        awaitOne(sink, eventOf(id, "About to fail"));
        JsonNode access = awaitOne(sink, accessLogOf(id));
        assertThat(access.path("level").asString()).isEqualTo("ERROR");
        assertThat(access.path("message").asString()).isEqualTo("request_failed");
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(500);
        assertThat(access.path("data").path("path").asString()).isEqualTo("/fail");
        JsonNode exception = access.path("diagnostics").path("exception");
        assertThat(exception.path("type").asString()).isEqualTo(IllegalStateException.class.getName());
        assertThat(exception.path("message").asString()).isEqualTo("boom");
        assertNoSecondAccessLog(id);
    }

    @Test
    protected void aClientErrorIsACompletedRequestWithItsStatus() {
        String id = newId();
        client.get().uri(notFoundPath()).header("X-Request-ID", id).exchange().expectStatus().isNotFound();
        JsonNode access = awaitOne(sink, accessLogOf(id));
        assertThat(access.path("message").asString()).isEqualTo("request_completed");
        assertThat(access.path("level").asString()).isEqualTo("INFO");
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(404);
        assertThat(access.path("diagnostics").has("exception")).isFalse();
        assertNoSecondAccessLog(id);
    }

    @Test
    protected void traceparentHeaderGivesTraceAndSpanIds() {
        String id = newId();
        client.get().uri("/hello").header("X-Request-ID", id)
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .exchange().expectStatus().isOk();
        for (JsonNode event : await(sink, eventOf(id, "Saying hello").or(accessLogOf(id)), 2)) {
            assertThat(event.path("context").path("trace_id").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(event.path("context").path("span_id").asString()).isEqualTo("00f067aa0ba902b7");
        }
    }

    @Test
    protected void aMalformedTraceparentIsIgnored() {
        String id = newId();
        client.get().uri("/hello").header("X-Request-ID", id)
                .header("traceparent", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")
                .exchange().expectStatus().isOk();
        JsonNode access = awaitOne(sink, accessLogOf(id));
        assertThat(access.path("context").has("trace_id")).isFalse();
        assertThat(access.path("context").has("span_id")).isFalse();
    }

    @Test
    protected void aRequestIdFoldedOverALineBreakIsReplaced() throws Exception {
        // Obsolete line folding (CR LF then a space) reaches the application as one value.
        RawHttp.Response response = RawHttp.get(port, "/hello", "X-Request-ID: abc\r\n X-Injected: yes\r\n");
        assertThat(response.status()).isEqualTo(200);
        String echoed = response.header("X-Request-ID");
        assertThat(echoed).matches(UUID_PATTERN);
        assertThat(response.headers()).doesNotContainKey("x-injected");
        assertThat(awaitOne(sink, accessLogOf(echoed)).toString()).doesNotContain("X-Injected");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc\rdef", "abc\ndef"})
    protected void bareLineBreaksInARequestIdAreRejectedByTheServerItself(String value) throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/hello", "X-Request-ID: " + value + "\r\n");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("X-Request-ID")).isNull();
    }

    /** A later request's access log is written after a duplicate would have been (one worker, FIFO). */
    protected void assertNoSecondAccessLog(String id) {
        String later = newId();
        client.get().uri("/hello").header("X-Request-ID", later).exchange().expectStatus().isOk();
        awaitOne(sink, accessLogOf(later));
        assertThat(matching(sink, accessLogOf(id))).hasSize(1);
    }

    private void assertReplaced(String invalid) {
        String echoed = client.get().uri("/hello").header("X-Request-ID", invalid).exchange()
                .expectStatus().isOk().returnResult(String.class).getResponseHeaders().getFirst("X-Request-ID");
        assertThat(echoed).matches(UUID_PATTERN).isNotEqualTo(invalid);
        awaitOne(sink, accessLogOf(echoed));
        awaitOne(sink, eventOf(echoed, "Saying hello"));
    }
}

package io.fapilog.spring.web.reactive;

import io.fapilog.sinks.InMemorySink;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static io.fapilog.spring.web.EventCapture.accessLogOf;
import static io.fapilog.spring.web.EventCapture.awaitOne;
import static org.assertj.core.api.Assertions.assertThat;

/** Boot's error handler's line of a failed request, which runs outside the filter chain. */
final class ErrorHandlerLines {

    private ErrorHandlerLines() {
    }

    /** Fails {@code /fail} with request id {@code id}, then asserts that Boot's error handler's line carries the request's context. */
    static void assertTheErrorHandlersLineCarriesTheRequestsContext(WebTestClient client, InMemorySink sink, String id) {
        assertTheErrorHandlersLineCarriesTheRequestsContext(client, sink, id, "/fail");
        awaitOne(sink, accessLogOf(id));
    }

    /** The same for a request to {@code path}, which may get no access event (a skipped path). */
    static void assertTheErrorHandlersLineCarriesTheRequestsContext(WebTestClient client, InMemorySink sink, String id, String path) {
        client.get().uri(path).header("X-Request-ID", id).exchange().expectStatus().isEqualTo(500);
        JsonNode handled = awaitOne(sink, event -> event.path("logger").asString().endsWith("AbstractErrorWebExceptionHandler")
                && event.path("context").path("request_id").asString().equals(id));
        assertThat(handled.path("message").asString()).endsWith("500 Server Error for HTTP GET \"" + path + "\"");
        assertThat(handled.path("level").asString()).isEqualTo("ERROR");
        assertThat(handled.path("context").path("path").asString()).isEqualTo(path);
    }
}

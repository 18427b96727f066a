package io.fapilog.spring.web.servlet;

import io.fapilog.spring.web.AbstractBridgedWebServerTest;
import io.fapilog.spring.web.EventCapture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.fapilog.spring.web.EventCapture.awaitOne;
import static io.fapilog.spring.web.EventCapture.eventOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every logger used inside a servlet request carries its context: an SLF4J logger (bridged) and a
 * fapilog logger that was not handed out by the request, on Tomcat, one request at a time and many
 * at once.
 */
@SpringBootTest(classes = WebMvcContextApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebMvcContextPropagationTest extends AbstractBridgedWebServerTest {

    @Test
    void slf4jAndPlainFapilogLoggersInsideARequestCarryItsContext() {
        String id = newId();
        client.get().uri("/everywhere").header("X-Request-ID", id).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo(id);

        JsonNode slf4j = awaitOne(sink, eventOf(id, "Slf4j inside"));
        assertThat(slf4j.path("logger").asString()).isEqualTo(WebMvcContextApp.Controller.class.getName());
        assertThat(slf4j.path("context").path("method").asString()).isEqualTo("GET");
        assertThat(slf4j.path("context").path("path").asString()).isEqualTo("/everywhere");
        assertThat(slf4j.path("data").path("expected").asString()).isEqualTo(id);
        JsonNode plain = awaitOne(sink, eventOf(id, "Plain inside"));
        assertThat(plain.path("logger").asString()).isEqualTo("com.acme.PlainService");
        assertThat(plain.path("context").path("path").asString()).isEqualTo("/everywhere");
    }

    @Test
    void theCallbacksOfADeferredResultThatTimesOutCarryTheRequestsContext() {
        String id = newId();
        client.get().uri("/deferred-timeout").header("X-Request-ID", id).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo(id);

        for (String message : List.of("Timed out", "Plain timed out", "Completed")) {
            JsonNode event = awaitOne(sink, EventCapture.message(message)
                    .and(logged -> id.equals(logged.path("data").path("expected").asString(null))));
            assertThat(event.path("context").path("request_id").asString()).as(message).isEqualTo(id);
            assertThat(event.path("context").path("path").asString()).as(message).isEqualTo("/deferred-timeout");
        }
    }

    @Test
    void aTaskOfBootsExecutorSeesTheRequestsMdc() {
        String id = newId();
        client.get().uri("/executor-mdc").header("X-Request-ID", id).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo(id);
    }

    @Test
    void concurrentRequestsNeverSeeEachOthersIds() throws Exception {
        int requests = 200;
        String prefix = newId() + "-";
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/everywhere"))
                    .header("X-Request-ID", prefix + i).GET().build();
            responses.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = responses.get(i).get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).as("the MDC's request id").isEqualTo(prefix + i);
        }

        List<JsonNode> events = EventCapture.await(sink, event -> event.path("data").path("expected").asString("")
                .startsWith(prefix), requests * 2);
        assertThat(events).hasSize(requests * 2);
        Set<String> seen = new HashSet<>();
        for (JsonNode event : events) {
            String expected = event.path("data").path("expected").asString();
            assertThat(event.path("context").path("request_id").asString()).as(event.toString()).isEqualTo(expected);
            seen.add(expected);
        }
        assertThat(seen).hasSize(requests);
    }
}

package io.fapilog.spring.web.reactive;

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
 * Every logger called inside a WebFlux request's chain carries the request's context, on whatever
 * thread the chain runs: after subscribeOn, publishOn and a WebClient call to the same server, and
 * with many requests at once.
 */
@SpringBootTest(classes = WebFluxContextApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.web-application-type=reactive")
class WebFluxContextPropagationTest extends AbstractBridgedWebServerTest {

    @Test
    void loggersCarryTheRequestContextAcrossSubscribeOnAndPublishOn() {
        String id = newId();
        client.get().uri("/hops").header("X-Request-ID", id).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo(id);

        JsonNode subscribed = awaitOne(sink, eventOf(id, "On subscribeOn"));
        assertThat(thread(subscribed)).startsWith("boundedElastic-");
        assertThat(subscribed.path("context").path("path").asString()).isEqualTo("/hops");
        assertThat(subscribed.path("logger").asString()).isEqualTo(WebFluxContextApp.Controller.class.getName());
        JsonNode published = awaitOne(sink, eventOf(id, "After publishOn"));
        assertThat(thread(published)).startsWith("parallel-");
        JsonNode plain = awaitOne(sink, eventOf(id, "Plain after publishOn"));
        assertThat(thread(plain)).startsWith("parallel-");
        assertThat(plain.path("context").path("method").asString()).isEqualTo("GET");
    }

    /** Boot's error handler logs the failure it answers, outside the filter chain: with the request's context. */
    @Test
    void theErrorHandlersLineCarriesTheRequestsContext() {
        ErrorHandlerLines.assertTheErrorHandlersLineCarriesTheRequestsContext(client, sink, newId());
    }

    @Test
    void aWebClientCallToTheSameServerKeepsBothRequestsApart() {
        String id = newId();
        client.get().uri("/outer").header("X-Request-ID", id).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo(id + "-inner");

        JsonNode inner = awaitOne(sink, eventOf(id + "-inner", "Inner"));
        assertThat(inner.path("context").path("path").asString()).isEqualTo("/inner");
        JsonNode after = awaitOne(sink, eventOf(id, "After client call"));
        assertThat(after.path("context").path("path").asString()).isEqualTo("/outer");
        assertThat(thread(after)).startsWith("reactor-http-");
        JsonNode plain = awaitOne(sink, eventOf(id, "Plain after client call"));
        assertThat(plain.path("context").path("path").asString()).isEqualTo("/outer");
    }

    @Test
    void concurrentRequestsNeverSeeEachOthersIds() throws Exception {
        int requests = 100;
        String prefix = newId() + "-";
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String path = i % 2 == 0 ? "/hops" : "/outer";
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("X-Request-ID", prefix + i).GET().build();
            responses.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }

        // Three events per request: /hops logs three; /outer two, and the /inner request it makes one.
        int expectedEvents = requests * 3;
        List<JsonNode> events = EventCapture.await(sink, event -> event.path("data").path("expected").asString("")
                .startsWith(prefix), expectedEvents);
        assertThat(events).hasSize(expectedEvents);
        Set<String> seen = new HashSet<>();
        for (JsonNode event : events) {
            String expected = event.path("data").path("expected").asString();
            assertThat(event.path("context").path("request_id").asString()).as(event.toString()).isEqualTo(expected);
            seen.add(expected);
        }
        assertThat(seen).hasSize(requests + requests / 2);
    }

    private static String thread(JsonNode event) {
        return event.path("diagnostics").path("thread").asString();
    }
}

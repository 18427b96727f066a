package io.fapilog.spring.web.reactive;

import io.fapilog.spring.web.AbstractRequestLoggingTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.fapilog.spring.web.EventCapture.accessLogOf;
import static io.fapilog.spring.web.EventCapture.awaitOne;
import static io.fapilog.spring.web.EventCapture.eventOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Request logging of a WebFlux application on a real Netty server. */
@SpringBootTest(classes = WebFluxTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.web-application-type=reactive")
class WebFluxRequestLoggingTest extends AbstractRequestLoggingTest {

    @Override
    protected String helloExecutionMode() {
        return "ASYNC";
    }

    @Override
    protected Class<?> controllerClass() {
        return WebFluxTestApp.Controller.class;
    }

    @Override
    protected String notFoundPath() {
        return "/missing"; // a ResponseStatusException from the controller
    }

    /**
     * The event's status is the one the error handlers sent: Boot's answers an ErrorResponseException
     * with 500 (the event said 409, the exception's own, at INFO, without the exception), and an
     * error handler of the application's answers its exception with 400 (the event said 500).
     */
    @Test
    void aFailureIsLoggedWithTheStatusTheErrorHandlersSent() {
        String id = newId();
        client.get().uri("/error-response").header("X-Request-ID", id).exchange().expectStatus().isEqualTo(500);
        JsonNode access = awaitOne(sink, accessLogOf(id));
        assertThat(access.path("message").asString()).isEqualTo("request_failed");
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(500);
        assertThat(access.path("diagnostics").path("exception").path("type").asString())
                .isEqualTo(org.springframework.web.ErrorResponseException.class.getName());

        String mapped = newId();
        client.get().uri("/mapped").header("X-Request-ID", mapped).exchange().expectStatus().isEqualTo(400);
        JsonNode answered = awaitOne(sink, accessLogOf(mapped));
        assertThat(answered.path("message").asString()).isEqualTo("request_completed");
        assertThat(answered.path("data").path("status_code").asInt()).isEqualTo(400);
        assertNoSecondAccessLog(id);
        assertNoSecondAccessLog(mapped);
    }

    /**
     * The client leaves while the error handlers are still answering a failure: the event, which waits
     * for their answer, is written all the same, once (the exchange's end writes it when nothing was sent).
     */
    @Test
    void aFailureTheClientLeavesBeforeItIsAnsweredIsLoggedOnce() throws Exception {
        String id = newId();
        io.fapilog.spring.web.RawHttp.getAndGiveUp(port, "/slowly-answered", "X-Request-ID: " + id + "\r\n", Duration.ofMillis(300));
        JsonNode access = awaitOne(sink, accessLogOf(id));
        assertThat(access.path("diagnostics").path("exception").path("type").asString()).endsWith("SlowlyAnsweredException");
        assertNoSecondAccessLog(id);
    }

    /**
     * Failed exchanges on a connection the client keeps alive are released as each ends. The watch for
     * a client gone before the error handlers answered was the connection's, not the exchange's: it held
     * every failed exchange (its exception, its request's context), about 14 KB each, until the
     * connection closed, and a proxy's connection open for hours ran the application out of memory.
     */
    @Test
    void failedExchangesOnAKeptAliveConnectionAreReleasedAsEachEnds() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        WebFluxTestApp.Controller.TRACKED.clear();
        for (int i = 0; i < 20; i++) {
            java.net.http.HttpResponse<String> response = http.send(java.net.http.HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/tracked-failure")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(500);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (reachable(WebFluxTestApp.Controller.TRACKED) > 1 && System.nanoTime() < deadline) {
            System.gc();
            Thread.onSpinWait();
        }
        // the connection is still open (the last exchange may stay with it until the next request)
        assertThat(reachable(WebFluxTestApp.Controller.TRACKED)).as("failed exchanges still held").isLessThanOrEqualTo(1);
        java.lang.ref.Reference.reachabilityFence(http);
    }

    private static long reachable(List<java.lang.ref.WeakReference<Object>> references) {
        return references.stream().filter(reference -> reference.get() != null).count();
    }

    /**
     * A client that closes an event stream (a browser tab closed): Reactor Netty cancels the handler and
     * completes the exchange normally, which was logged as a stream the server ended; it is cancelled,
     * with the status it was sent, as Spring MVC's is.
     */
    @Test
    void anEventStreamTheClientClosesIsLoggedCancelled() throws Exception {
        String id = newId();
        // the headers and a few events read, then gone
        io.fapilog.spring.web.RawHttp.getAndLeave(port, "/ticks", "Accept: text/event-stream\r\nX-Request-ID: " + id + "\r\n", 300);
        JsonNode access = awaitOne(sink, accessLogOf(id));
        assertThat(access.path("message").asString()).isEqualTo("request_completed");
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(200);
        assertThat(access.path("data").path("cancelled").asBoolean()).isTrue();
        assertNoSecondAccessLog(id);
    }

    /** An accepted WebSocket handshake is logged with the 101 the client got (Reactor Netty leaves the response's status unset: it read 200). */
    @Test
    void aWebSocketHandshakeIsLoggedWithStatus101() {
        String id = newId();
        HttpHeaders headers = new HttpHeaders();
        headers.add("X-Request-ID", id);
        List<String> received = new CopyOnWriteArrayList<>();
        new ReactorNettyWebSocketClient().execute(URI.create("ws://localhost:" + port + "/ws"), headers,
                session -> session.receive().doOnNext(message -> received.add(message.getPayloadAsText())).then())
                .block(Duration.ofSeconds(10));
        assertThat(received).containsExactly("hi");
        JsonNode access = awaitOne(sink, accessLogOf(id));
        assertThat(access.path("message").asString()).isEqualTo("request_completed");
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(101);
        assertNoSecondAccessLog(id);
    }

    /** An {@code Upgrade: websocket} header on a plain endpoint answered 200 is logged 200. */
    @Test
    void anUpgradeHeaderOnAPlainEndpointKeepsItsStatus() {
        String id = newId();
        client.get().uri("/hello").header("X-Request-ID", id).header("Upgrade", "websocket").exchange().expectStatus().isOk();
        JsonNode access = awaitOne(sink, accessLogOf(id));
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(200);
    }

    @Test
    void loggerParameterIsTheBoundLoopViewOfTheRequestLogger() {
        String id = newId();
        client.get().uri("/sync").header("X-Request-ID", id).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("BOUND_LOOP");
        JsonNode event = awaitOne(sink, eventOf(id, "Sync view"));
        assertThat(event.path("logger").asString()).isEqualTo(WebFluxTestApp.Controller.class.getName());
        assertThat(event.path("context").path("path").asString()).isEqualTo("/sync");
    }

    /** On Reactor Netty an unsent response reads status 200 (its default): a client that gives up is still 499. */
    @Test
    void aRequestTheClientAbandonsIsLogged499() throws Exception {
        String id = newId();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-ID: " + id + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            awaitOne(sink, eventOf(id, "Slow request started"));
        }
        JsonNode access = awaitOne(sink, accessLogOf(id));
        assertThat(access.path("data").path("cancelled").asBoolean()).isTrue();
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(499);
    }

    @Test
    void theRequestContextIsReachableFromTheReactorContextInAService() {
        String id = newId();
        client.get().uri("/service").header("X-Request-ID", id).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo(id);
        JsonNode event = awaitOne(sink, eventOf(id, "Service work"));
        assertThat(event.path("context").path("path").asString()).isEqualTo("/service");
        assertThat(event.path("data").path("work").asString()).isEqualTo("work");
        awaitOne(sink, accessLogOf(id));
    }
}

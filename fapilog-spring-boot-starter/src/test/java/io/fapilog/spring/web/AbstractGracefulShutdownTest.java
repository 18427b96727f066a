package io.fapilog.spring.web;

import io.fapilog.DrainResult;
import io.fapilog.FapilogRuntime;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.fapilog.spring.web.EventCapture.accessLogOf;
import static io.fapilog.spring.web.EventCapture.eventOf;
import static io.fapilog.spring.web.EventCapture.matching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Graceful shutdown under load, for either web stack: {@link #REQUESTS} requests are held inside
 * the controller ({@code GET /slow}, which logs "Slow request done" when released) while the
 * context closes; once the server has stopped accepting connections they are released. Every one
 * must answer 200 and get its access log line, and the drain must account for every event.
 */
public abstract class AbstractGracefulShutdownTest {

    public static final int REQUESTS = 8;

    private final Class<? extends SlowEndpoint> controller;
    private final String webApplicationType;

    /**
     * @param controller the stack's {@link SlowEndpoint}
     * @param webApplicationType the value of {@code spring.main.web-application-type}
     */
    protected AbstractGracefulShutdownTest(Class<? extends SlowEndpoint> controller, String webApplicationType) {
        this.controller = controller;
        this.webApplicationType = webApplicationType;
    }

    @Test
    protected void requestsInFlightAtShutdownAreAllLogged() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class, controller)
                .properties("server.port=0", "server.shutdown=graceful", "fapilog.bridge.slf4j=false",
                        "spring.main.banner-mode=off", "spring.main.web-application-type=" + webApplicationType)
                .run();
        boolean closed = false;
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            InMemorySink sink = context.getBean(InMemorySink.class);
            FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
            SlowGate gate = context.getBean(SlowEndpoint.class).gate;

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                responses.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/slow"))
                        .header("X-Request-ID", "slow-" + i).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            assertThat(gate.entered().await(10, TimeUnit.SECONDS)).as("all requests in the controller").isTrue();

            CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
            closed = true;
            awaitConnectionsRefused(port);
            gate.release();

            for (int i = 0; i < REQUESTS; i++) {
                HttpResponse<String> response = responses.get(i).get(30, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("X-Request-ID")).contains("slow-" + i);
            }
            closing.get(60, TimeUnit.SECONDS);

            // Closing the context drained the runtime; draining again returns that same result.
            DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
            assertThat(runtime.isStopped()).isTrue();
            for (int i = 0; i < REQUESTS; i++) {
                List<JsonNode> access = matching(sink, accessLogOf("slow-" + i));
                assertThat(access).as("access log of slow-" + i).hasSize(1);
                assertThat(access.get(0).path("message").asString()).isEqualTo("request_completed");
                assertThat(access.get(0).path("data").path("status_code").asInt()).isEqualTo(200);
                assertThat(matching(sink, eventOf("slow-" + i, "Slow request done"))).hasSize(1);
            }
            assertThat(result.submitted()).isEqualTo(result.processed() + result.dropped() + result.filtered());
            assertThat(result.dropped()).isZero();
            assertThat(result.filtered()).isZero();
            assertThat(result.processed()).isEqualTo(sink.size()).isGreaterThanOrEqualTo(2L * REQUESTS);
        } finally {
            if (!closed) {
                context.close();
            }
        }
    }

    /** Waits (bounded) until the server's listening socket is closed: graceful shutdown has begun. */
    private static void awaitConnectionsRefused(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("localhost", port), 200);
            } catch (IOException refused) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        throw new AssertionError("the server still accepts connections 20s after the context began to close");
    }

    /** The application, around the stack's controller. */
    @InMemoryFapilogApplication
    static class App {
    }

    /**
     * The stack's controller (a {@code @RestController}) for {@code GET /slow}: it enters the
     * {@link #gate}, waits for its release, then logs "Slow request done" and answers.
     */
    public abstract static class SlowEndpoint {

        protected final SlowGate gate = new SlowGate(REQUESTS);
    }
}

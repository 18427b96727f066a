package io.fapilog.internal.sinks;

import io.fapilog.config.HttpSinkSettings;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpSinkTest {

    record Received(String body, String contentType, String token) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Integer> statuses = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private ExecutorService executor;
    private HttpServer server;
    private volatile boolean hang;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/logs", this::handle);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            received.add(new Received(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("X-Token")));
            if (hang) {
                release.await();
            }
            Integer status = statuses.poll();
            exchange.sendResponseHeaders(status == null ? 204 : status, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpSinkSettings settings(Duration timeout) {
        URI endpoint = URI.create("http://localhost:" + server.getAddress().getPort() + "/logs");
        return new HttpSinkSettings(endpoint, timeout, Map.of("X-Token", "secret"));
    }

    @Test
    void postsTheBatchAsNdjson() throws Exception {
        HttpSink sink = new HttpSink(settings(Duration.ofSeconds(10)));

        sink.write(TestBatches.of("{\"a\":1}", "{\"b\":2}"));

        assertThat(received).containsExactly(new Received("{\"a\":1}\n{\"b\":2}\n", "application/x-ndjson", "secret"));
        assertThat(sink.name()).isEqualTo("http");
    }

    @Test
    void aStatusOtherThan2xxIsAFailure() {
        HttpSink sink = new HttpSink(settings(Duration.ofSeconds(10)));
        statuses.add(503);

        assertThatThrownBy(() -> sink.write(TestBatches.of("x")))
                .isInstanceOf(IOException.class).hasMessageContaining("HTTP 503");
    }

    @Test
    void aSlowServerTimesOut() {
        HttpSink sink = new HttpSink(settings(Duration.ofMillis(300)));
        hang = true;

        assertThatThrownBy(() -> sink.write(TestBatches.of("x"))).isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void aResilientSinkRetriesAFailedPost() {
        statuses.add(500);
        ResilientSink sink = ResilientSink.builder(new HttpSink(settings(Duration.ofSeconds(10))))
                .sleeper(delay -> { }).build();

        sink.write(TestBatches.of("retried"));

        assertThat(received).extracting(Received::body).containsExactly("retried\n", "retried\n");
        assertThat(sink.errorCount()).isEqualTo(1);
        assertThat(sink.fallbackEventCount()).isZero();
    }

    @Test
    void settingsRejectBadValues() {
        assertThatThrownBy(() -> new HttpSinkSettings(URI.create("ftp://host/logs")))
                .hasMessageContaining("fapilog.http.endpoint");
        assertThatThrownBy(() -> new HttpSinkSettings(URI.create("http://host"), Duration.ZERO, null))
                .hasMessageContaining("fapilog.http.timeout");
        assertThat(HttpSinkSettings.defaults().timeout()).isEqualTo(HttpSinkSettings.DEFAULT_TIMEOUT);
    }
}

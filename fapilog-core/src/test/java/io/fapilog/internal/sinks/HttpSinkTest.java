package io.fapilog.internal.sinks;

import io.fapilog.DrainResult;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Preset;
import io.fapilog.config.SinkType;
import io.fapilog.spi.SinkWriteException;
import io.fapilog.config.HttpSinkSettings;
import io.fapilog.config.InvalidSettingException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    private final BlockingQueue<String> retryAfters = new LinkedBlockingQueue<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private ExecutorService executor;
    private HttpServer server;
    private volatile boolean hang;
    private final List<String> upgradeHeaders = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

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
            upgradeHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Upgrade")));
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            received.add(new Received(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("X-Token")));
            if (hang) {
                release.await();
            }
            Integer status = statuses.poll();
            String retryAfter = retryAfters.poll();
            if (retryAfter != null) {
                exchange.getResponseHeaders().set("Retry-After", retryAfter);
            }
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
        assertThat(upgradeHeaders).as("plain HTTP/1.1: no h2c upgrade, which some collectors refuse").containsExactly("null");
        assertThat(sink.name()).isEqualTo("http");
    }

    /**
     * The JDK's client starts its selector thread, which logs as it starts, at the first post, on the
     * sink's thread: made with the sink, at start-up, that line came before the bridge was connected,
     * as a plain line on the console.
     */
    @Test
    void theHttpClientIsMadeAtTheFirstWrite() throws Exception {
        java.util.Set<Thread> before = selectorThreads();
        HttpSink sink = new HttpSink(settings(Duration.ofSeconds(10)));
        assertThat(selectorThreads()).as("no selector thread started").isSubsetOf(before);

        sink.write(TestBatches.of("{\"a\":1}"));

        assertThat(selectorThreads()).as("the client's selector thread").filteredOn(thread -> !before.contains(thread)).hasSize(1);
        assertThat(received).hasSize(1);
    }

    private static java.util.Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("HttpClient-") && thread.getName().endsWith("-SelectorManager"))
                .collect(java.util.stream.Collectors.toSet());
    }

    /**
     * What the JDK's HTTP client logs (its {@code jdk.httpclient} and {@code jdk.internal.httpclient}
     * loggers, routed into fapilog by a bridge) is not posted: each post would log, and be posted, again.
     * A sink beside it, written from the same encoding, has every event.
     */
    @Test
    void theHttpClientsOwnEventsAreNotPosted() throws Exception {
        io.fapilog.sinks.InMemorySink beside = new io.fapilog.sinks.InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks(SinkType.HTTP).sink(beside)
                .http(settings(Duration.ofSeconds(10))).shutdownHook(false).start();
        runtime.getLogger("jdk.httpclient.HttpClient").info("REQUEST: POST /logs");
        runtime.getLogger("jdk.internal.httpclient.debug").info("HttpClientImpl: sending");
        runtime.getLogger("com.acme.Orders").info("Order placed");
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        assertThat(result.processed()).isEqualTo(3);
        assertThat(received.stream().flatMap(post -> post.body().lines()))
                .singleElement().satisfies(line -> assertThat(line).contains("\"logger\":\"com.acme.Orders\""));
        assertThat(beside.lines()).hasSize(3);
    }

    /** The JDK's client ignores a URL's user info: the credentials were never sent, and a collector that asks for them refused every batch. */
    @Test
    void theEndpointsUserInfoIsSentAsBasicCredentialsUnlessAnAuthorizationHeaderIsSet() throws Exception {
        int port = server.getAddress().getPort();
        URI withUser = URI.create("http://al%20ice:s3cr%3At@localhost:" + port + "/logs");
        new HttpSink(new HttpSinkSettings(withUser, Duration.ofSeconds(10), Map.of())).write(TestBatches.of("x"));
        new HttpSink(new HttpSinkSettings(withUser, Duration.ofSeconds(10), Map.of("authorization", "Bearer T0K3N")))
                .write(TestBatches.of("y"));
        new HttpSink(new HttpSinkSettings(URI.create("http://APIKEY@localhost:" + port + "/logs"), Duration.ofSeconds(10), Map.of()))
                .write(TestBatches.of("z")); // a key alone: the colon that separates an empty password, as RFC 7617 writes it

        assertThat(authorizations).containsExactly(
                "Basic " + java.util.Base64.getEncoder().encodeToString("al ice:s3cr:t".getBytes(StandardCharsets.UTF_8)),
                "Bearer T0K3N",
                "Basic " + java.util.Base64.getEncoder().encodeToString("APIKEY:".getBytes(StandardCharsets.UTF_8)));
        assertThat(received).extracting(Received::body).containsExactly("x\n", "y\n", "z\n");
    }

    @Test
    void aStatusOtherThan2xxIsAFailure() {
        HttpSink sink = new HttpSink(settings(Duration.ofSeconds(10)));
        statuses.add(503);

        assertThatThrownBy(() -> sink.write(TestBatches.of("x")))
                .isInstanceOf(SinkWriteException.class).hasMessageContaining("HTTP 503");
    }

    @Test
    void aSlowServerTimesOut() {
        HttpSink sink = new HttpSink(settings(Duration.ofMillis(300)));
        hang = true;

        assertThatThrownBy(() -> sink.write(TestBatches.of("x"))).isInstanceOf(SinkWriteException.class)
                .hasMessageContaining(HttpTimeoutException.class.getSimpleName())
                .satisfies(e -> assertThat(((SinkWriteException) e).retryable()).isTrue());
    }

    @Test
    void onlyRequestTimeoutTooManyRequestsBadGatewayUnavailableAndGatewayTimeoutAreRetried() {
        for (int status : new int[] {400, 401, 403, 404, 409, 413, 422, 500, 501}) {
            received.clear();
            statuses.add(status);
            ResilientSink sink = resilient(settings(Duration.ofSeconds(10)), new ArrayList<>());
            sink.write(TestBatches.of("once"));
            assertThat(received).as("HTTP %d is not retried", status).hasSize(1);
            assertThat(sink.errorCount()).isEqualTo(1);
        }
        for (int status : new int[] {408, 429, 502, 503, 504}) {
            received.clear();
            statuses.add(status);
            ResilientSink sink = resilient(settings(Duration.ofSeconds(10)), new ArrayList<>());
            sink.write(TestBatches.of("twice"));
            assertThat(received).as("HTTP %d is retried", status).extracting(Received::body)
                    .containsExactly("twice\n", "twice\n");
            assertThat(sink.fallbackEventCount()).isZero();
        }
    }

    @Test
    void retryAfterIsHonouredInSecondsAndAsADate() {
        List<Duration> sleeps = new ArrayList<>();
        statuses.add(503);
        retryAfters.add("3");
        resilient(settings(Duration.ofSeconds(10)), sleeps).write(TestBatches.of("later"));
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));

        sleeps.clear();
        statuses.add(429);
        retryAfters.add(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(5)));
        resilient(settings(Duration.ofSeconds(10)), sleeps).write(TestBatches.of("later"));
        assertThat(sleeps).singleElement().satisfies(d -> assertThat(d).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(6)));

        sleeps.clear();
        statuses.add(503);
        resilient(settings(Duration.ofSeconds(10)), sleeps).write(TestBatches.of("soon"));
        assertThat(sleeps).as("no Retry-After: the back-off").containsExactly(Duration.ofMillis(10));
    }

    @Test
    void aRetryAfterLongerThanTheFailureBudgetIsNotWaitedFor() {
        List<Duration> sleeps = new ArrayList<>();
        statuses.add(503);
        retryAfters.add("3600");
        ResilientSink sink = resilient(settings(Duration.ofSeconds(10)), sleeps);
        sink.write(TestBatches.of("later"));
        assertThat(sleeps).isEmpty();
        assertThat(received).hasSize(1);
    }

    @Test
    void theEndpointIsShownByHostPortAndPathOnly() {
        int port = server.getAddress().getPort();
        URI secret = URI.create("http://alice:hunter2@localhost:" + port + "/logs?api_key=SECRET-KEY&x=1#frag");
        statuses.add(404);
        ResilientSink sink = resilient(new HttpSinkSettings(secret, Duration.ofSeconds(10), Map.of()), new ArrayList<>());
        sink.write(TestBatches.of("x"));
        String shown = "http://localhost:" + port + "/logs";
        assertThat(sink.health().lastError()).isEqualTo(SinkWriteException.class.getName()
                + ": sink 'http': HTTP 404 from " + shown);

        URI refused = URI.create("http://bob:pw@127.0.0.1:1/in?token=T0K3N");
        ResilientSink unreachable = resilient(new HttpSinkSettings(refused, Duration.ofSeconds(10), Map.of()), new ArrayList<>());
        unreachable.write(TestBatches.of("x"));
        assertThat(unreachable.health().lastError()).contains("http://127.0.0.1:1/in")
                .doesNotContain("bob").doesNotContain("pw").doesNotContain("T0K3N");
        HttpSinkSettings withSecrets = new HttpSinkSettings(secret, Duration.ofSeconds(10), Map.of("Authorization", "Bearer T0K3N"));
        assertThat(withSecrets.displayedEndpoint()).isEqualTo(shown);
        assertThat(withSecrets.toString()).isEqualTo("HttpSinkSettings[endpoint=" + shown + ", timeout=PT10S, headers=[Authorization]]");
        assertThatThrownBy(() -> new HttpSinkSettings(secret, Duration.ofSeconds(1), Map.of("Authorization", "Bearer T0K3N\r\nX: y")))
                .isInstanceOf(InvalidSettingException.class).hasMessageNotContaining("T0K3N")
                .hasMessage("Invalid value for fapilog.http.headers.Authorization; allowed: a value of visible Latin-1 "
                        + "characters, spaces and tabs (no line break, no control character)");
        assertThatThrownBy(() -> new HttpSinkSettings(secret, Duration.ofSeconds(1), Map.of("Authorization", "Bearer T0K\u200B3N")))
                .isInstanceOf(InvalidSettingException.class).hasMessageNotContaining("T0K");
        assertThat(new HttpSink(new HttpSinkSettings(secret, Duration.ofSeconds(1), Map.of("X-Note", "café\tok"))).name())
                .isEqualTo("http");
        assertThatThrownBy(() -> new HttpSinkSettings(secret, Duration.ofSeconds(1), Map.of("Host", "example.com")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("fapilog.http.headers")
                .hasMessageContaining("'Host'");
        assertThatThrownBy(() -> new HttpSinkSettings(secret, Duration.ofSeconds(1), Map.of("Bad Name", "v")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("'Bad Name'");
        assertThatThrownBy(() -> new HttpSinkSettings(URI.create("ftp://carol:secret@host/x")))
                .hasMessageNotContaining("secret").hasMessageContaining("fapilog.http.endpoint");
        assertThatThrownBy(() -> new HttpSinkSettings(URI.create("http:/no-host/x")))
                .hasMessageContaining("fapilog.http.endpoint");
        assertThatThrownBy(() -> new HttpSinkSettings(URI.create("http://127.0.0.1:99999/x")))
                .hasMessageContaining("fapilog.http.endpoint").hasMessageContaining("port");
        assertThat(new HttpSinkSettings(URI.create("http://127.0.0.1:65535/x")).endpoint().getPort()).isEqualTo(65535);
        // a collector that takes its key in the path (Sumo Logic's /receiver/v1/http/<token>): not shown
        assertThat(HttpSinkSettings.displayed(URI.create("https://collectors.example.com/receiver/v1/http/ZaVnC4dhaV3PATHSECRET==")))
                .isEqualTo("https://collectors.example.com/receiver/v1/http/***");
        assertThat(HttpSinkSettings.displayed(URI.create("http://h:8080/api/v2/logs/ingest-endpoint"))).isEqualTo("http://h:8080/api/v2/logs/ingest-endpoint");
        assertThat(HttpSinkSettings.displayed(URI.create("http://h"))).isEqualTo("http://h");
        assertThat(HttpSinkSettings.displayed(URI.create("http://h/"))).isEqualTo("http://h/");
    }

    /**
     * A collector that accepts connections and never answers: the batch costs about
     * {@code maxFailureTime}, not timeout x attempts, and the circuit opens after that one batch,
     * so the next batches go to the fallback at once.
     */
    @Test
    void aCollectorThatNeverAnswersOpensTheCircuitWithinTheFailureBudget() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            URI endpoint = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/logs");
            io.fapilog.sinks.InMemorySink fallback = new io.fapilog.sinks.InMemorySink("fallback");
            ResilientSink sink = ResilientSink.builder(new HttpSink(new HttpSinkSettings(endpoint, Duration.ofMillis(200), Map.of())))
                    .settings(new io.fapilog.config.CircuitBreakerSettings(2, Duration.ofMillis(10), 5,
                            Duration.ofHours(1), true, Duration.ofMillis(300)))
                    .fallback(fallback).build();

            sink.write(TestBatches.of("first"));
            assertThat(sink.state()).isEqualTo(io.fapilog.CircuitState.OPEN);
            assertThat(sink.errorCount()).isBetween(1L, 2L);
            long errors = sink.errorCount();
            sink.write(TestBatches.of("second"));
            assertThat(sink.errorCount()).as("the open circuit does not call the collector").isEqualTo(errors);
            assertThat(fallback.lines()).containsExactly("first", "second");
            for (java.net.Socket socket : accepted) {
                socket.close();
            }
        }
    }

    /**
     * A collector that closes each connection once it answered, without saying so: the client's
     * next request on the kept connection fails before the collector read it. Retried on a new
     * connection, it arrives; it once went to the fallback.
     */
    @Test
    void aRequestOnAConnectionTheCollectorClosedIsRetriedNotSentToTheFallback() throws Exception {
        try (java.net.ServerSocket closing = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<String> bodies = new CopyOnWriteArrayList<>();
            acceptInBackground(closing, socket -> {
                try (socket) {
                    bodies.add(readRequestBody(socket.getInputStream()));
                    socket.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                } // closed right after the answer, no "Connection: close"
            });
            URI endpoint = URI.create("http://127.0.0.1:" + closing.getLocalPort() + "/logs");
            io.fapilog.sinks.InMemorySink fallback = new io.fapilog.sinks.InMemorySink("fallback");
            ResilientSink sink = ResilientSink.builder(new HttpSink(new HttpSinkSettings(endpoint, Duration.ofSeconds(10), Map.of())))
                    .fallback(fallback).sleeper(delay -> { }).build();

            for (int i = 0; i < 5; i++) {
                sink.write(TestBatches.of("{\"n\":" + i + "}"));
            }

            assertThat(fallback.lines()).isEmpty();
            assertThat(bodies).containsExactly("{\"n\":0}\n", "{\"n\":1}\n", "{\"n\":2}\n", "{\"n\":3}\n", "{\"n\":4}\n");
        }
    }

    /** What a raw collector does with each connection it accepts. */
    @FunctionalInterface
    private interface Connection {
        void accept(java.net.Socket socket) throws IOException;
    }

    /** Accepts connections on a daemon thread until {@code server} is closed, handing each to {@code connection}. */
    private static void acceptInBackground(java.net.ServerSocket server, Connection connection) {
        Thread collector = new Thread(() -> {
            try {
                while (true) {
                    connection.accept(server.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        collector.setDaemon(true);
        collector.start();
    }

    /**
     * A collector that sends the status line and headers of its first answer, a 200, then 3 of the
     * 100 bytes of body it announced, and stalls; it answers every later request at once. The 200
     * delivered the batch: it is not sent again (the post once timed out waiting for the body and
     * was retried, a duplicate), the next batches follow on other connections, and the stalled
     * one is closed by the client once the timeout has passed, not kept for good.
     */
    @Test
    void aCollectorThatStallsInTheBodyOfA2xxAnswerHasTheBatchOnceAndTheConnectionIsClosed() throws Exception {
        try (StallingCollector collector = new StallingCollector()) {
            URI endpoint = collector.endpoint();
            io.fapilog.sinks.InMemorySink fallback = new io.fapilog.sinks.InMemorySink("fallback");
            ResilientSink sink = ResilientSink.builder(new HttpSink(new HttpSinkSettings(endpoint, Duration.ofMillis(500), Map.of())))
                    .fallback(fallback).sleeper(delay -> { }).build();
            CountDownLatch written = new CountDownLatch(1);
            Thread writer = new Thread(() -> {
                for (int batch = 0; batch < 5; batch++) {
                    sink.write(TestBatches.of("{\"b\":" + batch + ",\"i\":0}", "{\"b\":" + batch + ",\"i\":1}",
                            "{\"b\":" + batch + ",\"i\":2}"));
                }
                written.countDown();
            });
            writer.setDaemon(true);
            writer.start();

            assertThat(written.await(20, TimeUnit.SECONDS)).as("the sink goes on after the stalled answer's headers").isTrue();
            assertThat(collector.linesAnswered.get()).as("every event reaches the collector once").isEqualTo(15);
            assertThat(collector.requests.get()).as("one post a batch, none sent again").isEqualTo(5);
            assertThat(fallback.lines()).isEmpty();
            assertThat(sink.fallbackEventCount()).isZero();
            assertThat(sink.errorCount()).as("a 200 is no failure").isZero();
            assertThat(collector.stalledConnectionClosed.await(20, TimeUnit.SECONDS))
                    .as("the client closes the stalled connection, it does not keep it").isTrue();
        }
    }

    /** Closing the sink (the drain is over) closes a connection whose body is still being read, without waiting for the timeout. */
    @Test
    void closingTheSinkClosesAConnectionStalledInItsAnswersBody() throws Exception {
        try (StallingCollector collector = new StallingCollector()) {
            HttpSink sink = new HttpSink(new HttpSinkSettings(collector.endpoint(), Duration.ofMinutes(5), Map.of()));
            sink.write(TestBatches.of("{\"i\":0}", "{\"i\":1}"));
            assertThat(collector.linesAnswered.get()).isEqualTo(2);

            sink.close();

            assertThat(collector.stalledConnectionClosed.await(30, TimeUnit.SECONDS))
                    .as("closed at the sink's close, not after its five-minute timeout").isTrue();
        }
    }

    /**
     * A collector on a loopback port that stalls in the body of its first answer and answers every
     * later request at once ({@link #serveStallingTheFirstBody}), counting requests and lines.
     */
    private static final class StallingCollector implements AutoCloseable {

        final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicLong linesAnswered = new java.util.concurrent.atomic.AtomicLong();
        final CountDownLatch stalledConnectionClosed = new CountDownLatch(1);
        private final List<java.net.Socket> accepted = new CopyOnWriteArrayList<>();
        private final java.net.ServerSocket server = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress());

        StallingCollector() throws IOException {
            acceptInBackground(server, socket -> {
                accepted.add(socket);
                Thread connection = new Thread(() -> serveStallingTheFirstBody(socket, requests, linesAnswered,
                        stalledConnectionClosed));
                connection.setDaemon(true);
                connection.start();
            });
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/logs");
        }

        @Override
        public void close() throws IOException {
            for (java.net.Socket socket : accepted) {
                socket.close();
            }
            server.close();
        }
    }

    /**
     * One connection of the stalling collector: the first request of all gets headers and 3 bytes
     * of its body, then nothing until the client closes the connection; any other is answered.
     */
    private static void serveStallingTheFirstBody(java.net.Socket socket, java.util.concurrent.atomic.AtomicInteger requests,
                                                  java.util.concurrent.atomic.AtomicLong linesAnswered,
                                                  CountDownLatch stalledConnectionClosed) {
        try (socket) {
            java.io.InputStream in = socket.getInputStream();
            java.io.OutputStream out = socket.getOutputStream();
            while (true) {
                String body = readRequestBody(in);
                linesAnswered.addAndGet(body.lines().count());
                if (requests.incrementAndGet() == 1) {
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    try {
                        while (in.read() >= 0) {
                            // the client sends nothing more on this connection: wait for its end
                        }
                    } finally {
                        stalledConnectionClosed.countDown();
                    }
                    return;
                }
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException endOfConnection) {
            // the client closed it (readRequestBody: end of stream), or the test is over
        }
    }

    /** The body of one HTTP/1.1 request with a Content-Length. */
    private static String readRequestBody(java.io.InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("end of stream in the request head");
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void aClosedSinkFailsAtOnceWithoutCallingTheCollector() throws Exception {
        HttpSink sink = new HttpSink(settings(Duration.ofSeconds(10)));
        hang = true;
        sink.close();

        assertThatThrownBy(() -> sink.write(TestBatches.of("late"))).isInstanceOf(SinkWriteException.class)
                .hasMessageContaining("closed");
        assertThat(received).isEmpty();
    }

    @Test
    void closingTheSinkEndsAPostStillWaitingForTheCollector() throws Exception {
        HttpSink sink = new HttpSink(settings(Duration.ofSeconds(60)));
        hang = true;
        java.util.concurrent.CompletableFuture<Throwable> posting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                sink.write(TestBatches.of("in flight"));
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        sink.close();

        assertThat(posting.get(10, TimeUnit.SECONDS)).isInstanceOf(SinkWriteException.class)
                .hasMessageContaining("closed while posting");
    }

    private ResilientSink resilient(HttpSinkSettings settings, List<Duration> sleeps) {
        return ResilientSink.builder(new HttpSink(settings))
                .settings(new io.fapilog.config.CircuitBreakerSettings(1, Duration.ofMillis(10), 5, Duration.ofHours(1), false))
                .sleeper(sleeps::add).jitter(() -> 0.5).build();
    }

    @Test
    void aResilientSinkRetriesAFailedPost() {
        statuses.add(503);
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

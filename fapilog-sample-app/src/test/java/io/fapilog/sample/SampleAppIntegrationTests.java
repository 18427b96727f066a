package io.fapilog.sample;

import io.fapilog.FapilogRuntime;
import io.fapilog.EngineStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.fapilog.sample.StdoutJsonLines.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Boots the sample app on a random port, calls its endpoints and checks the JSON lines it prints:
 * the same checks for the WebFlux app and the servlet profile, which differ only in their modes.
 */
abstract class SampleAppIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final StdoutJsonLines stdout = new StdoutJsonLines();

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    FapilogRuntime runtime;

    /** The mode the actuator endpoint, the metrics tag and the start-up event report. */
    abstract String applicationMode();

    abstract String preset();

    abstract String webStack();

    /** The mode of the logger of {@code /users/{id}}. */
    abstract String requestLoggerMode();

    /** The class name of the controller of {@code /users/{id}}: the name of the logger it is handed. */
    abstract String controllerLogger();

    /** The mode of the logger of {@code /quote}. */
    abstract String syncLoggerMode();

    @Test
    void printsWhereItListensItsModeAndPresetAndThreeCurlLinesOnce() {
        await().atMost(WAIT).until(() -> stdout.events(message(StartupGuide.TRY_IT)).size() >= 3);
        List<JsonNode> ready = stdout.events(message(StartupGuide.READY));
        assertThat(ready).hasSize(1);
        JsonNode data = ready.get(0).get("data");
        assertThat(data.get("url").asString()).isEqualTo("http://localhost:" + port);
        assertThat(data.get("mode").asString()).isEqualTo(applicationMode());
        assertThat(data.get("preset").asString()).isEqualTo(preset());
        assertThat(data.get("web_stack").asString()).isEqualTo(webStack());
        assertThat(stdout.events(message(StartupGuide.TRY_IT)))
                .extracting(event -> event.get("data").get("curl").asString())
                .containsExactly(StartupGuide.curlLines("localhost:" + port).stream()
                        // credentials redaction masks the value after a sensitive name in text too
                        .map(curl -> curl.replace("password=hunter2", "password=***").replace("token=invite-7f3c", "token=***"))
                        .toArray(String[]::new));
    }

    @Test
    void springsOwnStartUpLogsAreJsonLinesOfTheSameStream() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(stdout.events())
                .anySatisfy(event -> assertThat(event.get("message").asString()).startsWith("Started ")));
    }

    @Test
    void requestLoggerEventAndAccessLogEventShareTheRequestId() throws Exception {
        String requestId = "it-users-" + webStack();
        HttpResponse<String> response = get("/users/42", requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-ID")).hasValue(requestId);
        assertThat(json(response).get("loggedWith").asString()).isEqualTo(requestLoggerMode());

        List<JsonNode> events = awaitRequest(requestId, 2);
        JsonNode fetching = only(events, "Fetching user");
        assertThat(fetching.get("level").asString()).isEqualTo("INFO");
        assertThat(fetching.get("logger").asString()).isEqualTo(controllerLogger());
        assertThat(fetching.get("data").get("user_id").asLong()).isEqualTo(42);
        assertThat(fetching.get("context").get("method").asString()).isEqualTo("GET");
        assertThat(fetching.get("context").get("path").asString()).isEqualTo("/users/42");
        assertThat(fetching.get("diagnostics").get("service").asString()).isEqualTo("fapilog-sample");

        JsonNode completed = only(events, "request_completed");
        assertThat(completed.get("level").asString()).isEqualTo("INFO");
        assertThat(completed.get("logger").asString()).isEqualTo("http.access");
        JsonNode data = completed.get("data");
        assertThat(data.get("method").asString()).isEqualTo("GET");
        assertThat(data.get("path").asString()).isEqualTo("/users/42");
        assertThat(data.get("status_code").asInt()).isEqualTo(200);
        assertThat(data.get("latency_ms").isNumber()).isTrue();
        assertThat(data.get("user_agent").asString()).startsWith("Java-http-client");
    }

    @Test
    void generatesARequestIdWhenTheClientSendsNoneOrAnInvalidOne() throws Exception {
        for (String incoming : new String[] {null, "not valid: spaces", "x".repeat(129)}) {
            HttpResponse<String> response = get("/users/7", incoming);
            String requestId = response.headers().firstValue("X-Request-ID").orElseThrow();
            assertThat(requestId).matches(UUID_PATTERN);
            List<JsonNode> events = awaitRequest(requestId, 2);
            assertThat(events).extracting(event -> event.get("message").asString())
                    .containsExactlyInAnyOrder("Fetching user", "request_completed");
        }
    }

    @Test
    void quoteIsLoggedBySynchronousCodeWithTheRequestsLogger() throws Exception {
        String requestId = "it-quote-" + webStack();
        HttpResponse<String> response = get("/quote?sku=book&quantity=3", requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode quote = json(response);
        assertThat(quote.get("loggedWith").asString()).isEqualTo(syncLoggerMode());
        assertThat(quote.get("total").decimalValue()).isEqualByComparingTo("37.50");

        List<JsonNode> events = awaitRequest(requestId, 3);
        JsonNode computed = only(events, "Quote computed");
        // logged through SLF4J by code that knows nothing of the request, on whatever thread
        assertThat(only(events, "Unit price looked up").get("logger").asString()).isEqualTo("io.fapilog.sample.PriceList");
        assertThat(computed.get("data").get("sku").asString()).isEqualTo("book");
        assertThat(computed.get("data").get("quantity").asInt()).isEqualTo(3);
        assertThat(computed.get("data").get("total").decimalValue()).isEqualByComparingTo(new BigDecimal("37.50"));
    }

    @Test
    void failingRequestIsLoggedAsRequestFailedWithTheException() throws Exception {
        String requestId = "it-fail-" + webStack();
        HttpResponse<String> response = get("/fail", requestId);

        assertThat(response.statusCode()).isEqualTo(500);
        List<JsonNode> events = awaitRequest(requestId, 2);
        assertThat(only(events, "Charging card").get("level").asString()).isEqualTo("WARN");

        JsonNode failed = only(events, "request_failed");
        assertThat(failed.get("level").asString()).isEqualTo("ERROR");
        assertThat(failed.get("data").get("status_code").asInt()).isEqualTo(500);
        assertThat(failed.get("data").get("path").asString()).isEqualTo("/fail");
        JsonNode exception = failed.get("diagnostics").get("exception");
        assertThat(exception.get("type").asString()).isEqualTo(PaymentFailedException.class.getName());
        assertThat(exception.get("message").asString()).isEqualTo("Payment gateway timed out");
        assertThat(exception.get("stack").isArray()).isTrue();
        assertThat(exception.get("cause").get("type").asString()).isEqualTo("java.util.concurrent.TimeoutException");
    }

    @Test
    void clientErrorIsACompletedRequest() throws Exception {
        String requestId = "it-bad-count-" + webStack();
        HttpResponse<String> response = get("/burst?count=0", requestId);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode completed = only(awaitRequest(requestId, 1), "request_completed");
        assertThat(completed.get("level").asString()).isEqualTo("INFO");
        assertThat(completed.get("data").get("status_code").asInt()).isEqualTo(400);
    }

    @Test
    void secretsInTheSignupFormAreMasked() throws Exception {
        String requestId = "it-signup-" + webStack();
        HttpRequest request = HttpRequest.newBuilder(uri("/signup"))
                .header("X-Request-ID", requestId)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "username=ada&password=correct-horse-battery&token=invite-7f3c9a&card_number=4111111111111111"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("username").asString()).isEqualTo("ada");
        JsonNode form = only(awaitRequest(requestId, 2), "Signup received").get("data").get("form");
        assertThat(form.get("username").asString()).isEqualTo("ada");
        assertThat(form.get("password").asString()).isEqualTo("***");
        assertThat(form.get("token").asString()).isEqualTo("***");
        assertThat(form.get("card_number").asString()).isEqualTo("***");
        assertThat(stdout.text()).doesNotContain("correct-horse-battery", "invite-7f3c9a", "4111111111111111");
    }

    @Test
    void burstMovesTheQueueAndEveryEventIsAccountedFor() throws Exception {
        String requestId = "it-burst-" + webStack();
        int count = 20_000;
        Settled before = settled();
        HttpResponse<String> response = get("/burst?count=" + count, requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = json(response);
        assertThat(report.get("loggedWith").asString()).isEqualTo(requestLoggerMode());
        assertBurstAccounted(requestId, report, count, before);
    }

    /** The engine's counters and the number of JSON lines on stdout, with nothing in flight. */
    record Settled(EngineStats stats, int lines) {
    }

    Settled settled() {
        return await().atMost(WAIT).until(() -> {
            EngineStats stats = runtime.stats();
            int lines = stdout.events().size();
            boolean quiet = stats.queueSize() == 0
                    && stats.processed() + stats.dropped() + stats.filtered() == stats.submitted()
                    && stats.equals(runtime.stats());
            return quiet ? new Settled(stats, lines) : null;
        }, settled -> settled != null);
    }

    /**
     * Every event submitted since {@code before} (the burst's, and any other, such as the request's
     * access event, which may itself be dropped by a full line) is a line on stdout or counted as
     * dropped or filtered, exactly; and every event of the burst is a line or among the dropped.
     */
    void assertBurstAccounted(String requestId, JsonNode report, int count, Settled before) {
        assertThat(report.get("count").asInt()).isEqualTo(count);
        assertThat(report.get("after").get("queueHighWatermark").asInt()).isPositive();
        // Events still in the waiting line when the report was taken are counted once they are resolved.
        Settled after = await().atMost(WAIT).until(this::settled,
                settled -> settled.stats().submitted() - before.stats().submitted() >= count);
        long submitted = after.stats().submitted() - before.stats().submitted();
        long dropped = after.stats().dropped() - before.stats().dropped();
        long filtered = after.stats().filtered() - before.stats().filtered();
        assertThat(after.lines() - before.lines() + dropped + filtered).isEqualTo(submitted);
        long burstLines = stdout.request(requestId).stream().filter(message("Burst event")).count();
        assertThat(burstLines).isLessThanOrEqualTo(count);
        assertThat(burstLines + dropped).isGreaterThanOrEqualTo(count);
    }

    @Test
    void actuatorExposesHealthMetricsAndTheFapilogEndpoint() throws Exception {
        JsonNode health = json(get("/actuator/health", "it-health"));
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("fapilog").get("status").asString()).isEqualTo("UP");

        JsonNode queueSize = json(get("/actuator/metrics/fapilog.queue.size", null));
        assertThat(queueSize.get("availableTags")).anySatisfy(tag -> {
            assertThat(tag.get("tag").asString()).isEqualTo("mode");
            assertThat(tag.get("values").get(0).asString()).isEqualTo(applicationMode());
        });

        JsonNode fapilog = json(get("/actuator/fapilog", null));
        assertThat(fapilog.get("mode").asString()).isEqualTo(applicationMode());
        assertThat(fapilog.get("preset").asString()).isEqualTo(preset());
        // the sample adds a field to the preset's rules, never replaces them (a --fapilog.preset=hardened keeps hipaa)
        assertThat(fapilog.get("redaction").get("presets").toString()).isEqualTo("[\"credentials\"]");
        assertThat(fapilog.get("redaction").get("fields").toString()).isEqualTo("[\"card_number\"]");
        assertThat(fapilog.get("queue").get("capacity").asInt()).isEqualTo(10_000);
        assertThat(fapilog.get("queue").get("maxBytes").asLong()).isEqualTo(Runtime.getRuntime().maxMemory() / 10);
        assertThat(fapilog.get("events").get("trimmed").asLong()).isZero();
        assertThat(fapilog.get("sinks").get(0).get("name").asString()).isEqualTo("stdout-json");

        // The actuator is a skip path: no access log event. A later request's event proves the
        // worker got that far.
        get("/users/1", "it-after-health");
        awaitRequest("it-after-health", 2);
        assertThat(stdout.request("it-health")).isEmpty();
    }

    @Test
    void prometheusNamesOfTheMetricsPageAreTheRealOnes() throws Exception {
        String scrape = get("/actuator/prometheus", null).body();
        List<String> documented = prometheusNamesOfTheMetricsPage();
        assertThat(documented).hasSize(19);
        for (String name : documented) {
            assertThat(scrape).as("Prometheus exposition").containsPattern("(?m)^" + name + "(_count|_sum|_max|_bucket)?\\{");
        }
        assertThat(scrape).contains("mode=\"" + applicationMode() + "\"");
    }

    static List<String> prometheusNamesOfTheMetricsPage() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "metrics.md"));
        Matcher row = Pattern.compile("(?m)^\\| `fapilog\\.[a-z.]+` \\|[^|]*\\|[^|]*\\| `([a-z_]+)` \\|").matcher(page);
        List<String> names = new java.util.ArrayList<>();
        while (row.find()) {
            names.add(row.group(1));
        }
        return names;
    }

    List<JsonNode> awaitRequest(String requestId, int atLeast) {
        await().atMost(WAIT).until(() -> stdout.request(requestId).size() >= atLeast);
        return stdout.request(requestId);
    }

    static JsonNode only(List<JsonNode> events, String message) {
        List<JsonNode> matching = events.stream().filter(message(message)).toList();
        assertThat(matching).as("events '%s' in %s", message, events).hasSize(1);
        return matching.get(0);
    }

    HttpResponse<String> get(String path, String requestId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (requestId != null) {
            request.header("X-Request-ID", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

}

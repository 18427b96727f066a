package io.fapilog.sample.log4j2;

import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import org.apache.logging.log4j.LogManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application on Log4j2 (no Logback on the class path), on a real server: Spring's and a
 * library's Log4j2 events and the application's fapilog events are one redacted JSON stream,
 * {@code logging.level.com.acme=WARN} from {@code application.properties} governs both kinds of
 * logger, and a {@code POST /actuator/loggers} changes the level of both while the application runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class Log4j2SampleAppTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    FapilogRuntime runtime;

    @Autowired
    LoggingSystem loggingSystem;

    @Test
    void runsOnLog4j2WithoutLogback() {
        assertThat(ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", getClass().getClassLoader())).isFalse();
        assertThat(loggingSystem.getClass().getSimpleName()).isEqualTo("Log4J2LoggingSystem");
        assertThat(runtime.config().bridgeSlf4j()).isTrue();
    }

    @Test
    void springsLog4j2EventsAreJsonLinesOfTheSameStream() throws Exception {
        runtime.flush().join();
        String started = "Tomcat started on port " + port + " (http)";
        List<JsonNode> startedLines = lines().stream()
                .filter(line -> line.get("message").asString().startsWith(started)).toList();
        assertThat(startedLines).hasSize(1);
        assertThat(startedLines.get(0).get("logger").asString()).isEqualTo("org.springframework.boot.tomcat.TomcatWebServer");
        assertThat(startedLines.get(0).get("level").asString()).isEqualTo("INFO");
        assertThat(startedLines.get(0).at("/diagnostics/service").asString()).isEqualTo("orders-log4j2");
    }

    @Test
    void levelsFromApplicationPropertiesGovernBothAndRedactionAppliesToLog4j2Events() throws Exception {
        String id = UUID.randomUUID().toString();

        assertThat(get("/orders/" + id).statusCode()).isEqualTo(200);
        runtime.flush().join();

        List<JsonNode> lines = linesOf(id);
        assertThat(lines).extracting(line -> line.get("message").asString())
                .containsExactlyInAnyOrder("fapilog warn", "log4j2 warn " + id);
        JsonNode log4j2 = lines.stream().filter(line -> line.get("logger").asString().equals("com.acme.library"))
                .findFirst().orElseThrow();
        assertThat(log4j2.get("level").asString()).isEqualTo("WARN");
        assertThat(log4j2.at("/context/order_id").asString()).isEqualTo(id);
        assertThat(log4j2.at("/context/password").asString()).isNotEqualTo("hunter2").isNotEmpty();
        assertThat(Files.readString(file(), StandardCharsets.UTF_8)).doesNotContain("hunter2");
    }

    @Test
    void postToActuatorLoggersChangesTheLevelOfBothAtRunTime() throws Exception {
        try {
            assertThat(post("/actuator/loggers/com.acme", "{\"configuredLevel\":\"DEBUG\"}").statusCode()).isEqualTo(204);
            assertThat(runtime.isEnabled("com.acme.orders", Level.DEBUG)).isTrue();
            assertThat(LogManager.getLogger("com.acme.library").isDebugEnabled()).isTrue();
            String id = UUID.randomUUID().toString();

            assertThat(get("/orders/" + id).statusCode()).isEqualTo(200);
            runtime.flush().join();

            assertThat(linesOf(id)).extracting(line -> line.get("message").asString()).containsExactlyInAnyOrder(
                    "fapilog debug", "fapilog warn", "log4j2 debug " + id, "log4j2 warn " + id);
            assertThat(get("/actuator/loggers/com.acme").body()).contains("\"configuredLevel\":\"DEBUG\"");
        } finally {
            post("/actuator/loggers/com.acme", "{\"configuredLevel\":\"WARN\"}");
        }
        assertThat(runtime.isEnabled("com.acme.orders", Level.DEBUG)).isFalse();
        assertThat(runtime.isEnabled("com.acme.orders", Level.WARN)).isTrue();
        assertThat(LogManager.getLogger("com.acme.library").isDebugEnabled()).isFalse();
    }

    /**
     * Log4j2 cuts logger names at dots only: a nested class's logger ({@code Outer$Inner}) does not
     * take the level set for its outer class, on Log4j2's loggers, on fapilog's, and in
     * {@code /actuator/loggers} alike (fapilog's followed Logback's rule here, where a {@code $} cuts).
     */
    @Test
    void aNestedClassLoggerHasOneLevelAsLog4j2CutsNamesAtDotsOnly() throws Exception {
        String outer = "com.acme.Outer";
        String nested = outer + "$Inner";
        try {
            assertThat(post("/actuator/loggers/" + outer, "{\"configuredLevel\":\"DEBUG\"}").statusCode()).isEqualTo(204);

            assertThat(LogManager.getLogger(nested).isDebugEnabled()).isFalse();
            assertThat(runtime.isEnabled(nested, Level.DEBUG)).isFalse();
            assertThat(runtime.isEnabled(nested, Level.WARN)).as("com.acme's level").isTrue();
            assertThat(runtime.isEnabled(outer + ".Inner", Level.DEBUG)).isTrue();
            assertThat(JSON.readTree(get("/actuator/loggers/" + nested).body()).get("effectiveLevel").asString())
                    .isEqualTo("WARN");
        } finally {
            post("/actuator/loggers/" + outer, "{\"configuredLevel\":null}");
        }
    }

    /** The controller's fapilog logger, which no Log4j2 code ever asked for, is listed like Log4j2's own. */
    @Test
    void actuatorLoggersListsFapilogsOwnLoggers() throws Exception {
        System.gc(); // Log4j2 lists the loggers still referenced
        JsonNode loggers = JSON.readTree(get("/actuator/loggers").body()).get("loggers");
        assertThat(loggers.has("com.acme.orders")).as("%s", loggers.propertyNames()).isTrue();
        assertThat(loggers.get("com.acme.orders").get("effectiveLevel").asString()).isEqualTo("WARN");
    }

    private Path file() {
        return runtime.config().file().path();
    }

    /** Every line of the file, each a JSON object. */
    private List<JsonNode> lines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file(), StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    /** The lines of one order: its id in the data, the context or the message. */
    private List<JsonNode> linesOf(String id) throws IOException {
        return lines().stream().filter(line -> id.equals(line.at("/data/order_id").asString(null))
                || id.equals(line.at("/context/order_id").asString(null))).toList();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}

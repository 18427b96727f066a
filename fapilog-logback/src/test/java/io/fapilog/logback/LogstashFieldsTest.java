package io.fapilog.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import io.fapilog.Preset;
import io.fapilog.sinks.InMemorySink;
import net.logstash.logback.argument.StructuredArguments;
import net.logstash.logback.marker.Markers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.assertj.core.api.Assertions.assertThat;

/** Code written for logstash-logback-encoder, bridged: its structured arguments and markers become fields. */
class LogstashFieldsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Shipment(String carrier, int parcels) {
    }

    private final LoggerContext loggerContext = new LoggerContext();
    private final InMemorySink sink = new InMemorySink();
    private final FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink)
            .level(Level.DEBUG).shutdownHook(false).start();
    private final Logger logger;

    LogstashFieldsTest() {
        loggerContext.setMDCAdapter(MDC.getMDCAdapter());
        FapilogAppender appender = new FapilogAppender();
        appender.setContext(loggerContext);
        appender.start();
        appender.connect(runtime);
        loggerContext.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        logger = loggerContext.getLogger("com.acme.Orders");
    }

    @AfterEach
    void stop() {
        runtime.close();
        loggerContext.stop();
    }

    @Test
    void structuredArgumentsAreFieldsAndTheMessageReadsAsWithLogstash() {
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("net", 90);
        totals.put("tax", 18);

        logger.info("order {} placed by {} for {}", kv("order_id", 42), StructuredArguments.value("customer", "ann"),
                StructuredArguments.keyValue("country", "NO", "{0}:{1}"), StructuredArguments.entries(totals),
                StructuredArguments.fields(new Shipment("posten", 2)), StructuredArguments.array("skus", "a-1", "b-2"),
                StructuredArguments.raw("meta", "{\"source\":\"web\"}"));

        JsonNode line = onlyLine();
        assertThat(line.get("message").asString()).isEqualTo("order order_id=42 placed by ann for country:NO");
        assertThat(JSON.writeValueAsString(line.get("data"))).isEqualTo("{\"order_id\":42,\"customer\":\"ann\","
                + "\"country\":\"NO\",\"net\":90,\"tax\":18,\"carrier\":\"posten\",\"parcels\":2,"
                + "\"skus\":[\"a-1\",\"b-2\"],\"meta\":{\"source\":\"web\"}}");
    }

    @Test
    void logstashMarkersAreFieldsOtherMarkersStayTags() {
        logger.info(Markers.append("tenant", "acme").and(Markers.appendEntries(Map.of("region", "eu")))
                .and(MarkerFactory.getMarker("AUDIT")), "tenant switched");

        JsonNode line = onlyLine();
        assertThat(JSON.writeValueAsString(line.get("data"))).isEqualTo("{\"tenant\":\"acme\",\"region\":\"eu\"}");
        assertThat(line.get("tags").toString()).isEqualTo("[\"AUDIT\"]");
    }

    @Test
    void theirValuesAreRedactedInTheFieldsAndInTheMessage() {
        logger.info("login {}", kv("password", "hunter2"));

        JsonNode line = onlyLine();
        assertThat(line.at("/data/password").asString()).isEqualTo("***");
        assertThat(line.get("message").asString()).isEqualTo("login password=***");
    }

    @Test
    void aMutableValueIsLoggedAsItWasAtTheCall() {
        List<String> items = new ArrayList<>(List.of("a"));

        logger.info("basket", kv("items", items));
        items.add("b");

        assertThat(onlyLine().at("/data/items").toString()).isEqualTo("[\"a\"]");
    }

    /** A JPA-style association: the line points back at its order. */
    public static final class Order {
        public long id = 7;
        public List<Line> lines = new ArrayList<>();
        public Instant placed = Instant.parse("2026-12-04T10:00:00Z");
        public TimeUnit unit = TimeUnit.SECONDS;
    }

    public static final class Line {
        public String sku = "A-1";
        public Order order;
    }

    @Test
    void anObjectIsWrittenAsFapilogWritesItsOwnValuesWithItsBackReferenceCut() {
        Order order = new Order();
        Line line = new Line();
        line.order = order;
        order.lines.add(line);

        logger.info("placed", kv("order", order));

        assertThat(onlyLine().at("/data/order").toString()).isEqualTo("{\"id\":7,\"lines\":[{\"order\":\"[cycle]\","
                + "\"sku\":\"A-1\"}],\"placed\":\"2026-12-04T10:00:00Z\",\"unit\":\"SECONDS\"}");
    }

    @Test
    void anArgumentThatFailsToWriteItselfLeavesTheEventAndSaysWhy() {
        logger.info("report {}", StructuredArguments.defer(() -> {
            throw new IllegalStateException("supplier failed");
        }), kv("kept", 1));

        JsonNode line = onlyLine();
        assertThat(line.at("/data/kept").asInt()).isEqualTo(1);
        assertThat(line.at("/data/" + LogstashFields.ERROR_KEY).asString())
                .isEqualTo("java.lang.IllegalStateException: supplier failed");
    }

    private JsonNode onlyLine() {
        runtime.stopAndDrain(Duration.ofSeconds(10));
        List<String> lines = sink.lines();
        assertThat(lines).hasSize(1);
        return JSON.readTree(lines.get(0));
    }
}

package io.fapilog.internal.encoding;

import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.internal.event.LogEvent;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Encoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-line byte budget holds for every part of an event; a JsonNode is written as the JSON it holds. */
class EncodingBudgetTest {

    private static final EncodingLimits LIMITS = EncodingLimits.DEFAULT;
    /** The default budget, {@code max(1 MiB, 16 × maxStringLength)}, plus room for the last member written. */
    private static final long BUDGET = LIMITS.maxLineBytes() + 64L * LIMITS.maxStringLength();
    /** What a sink that lowers the budget (Kafka's) leaves for the last member and the markers past it. */
    private static final int SLACK_BELOW_A_CAP = 128 * 1024;

    private static EncodedBatch encode(Format format, LogEvent event) {
        Encoder encoder = Encoders.json(format, LIMITS).create();
        EncodedBatch batch = new EncodedBatch();
        encoder.encode(event, batch);
        return batch;
    }

    private static JsonNode onlyLine(EncodedBatch batch) {
        assertThat(batch.eventCount()).isEqualTo(1);
        assertThat((long) batch.length()).as("line bytes").isLessThanOrEqualTo(BUDGET);
        return StrictJson.parse(batch).get(0);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void manyTopLevelFieldsStopAtTheBudget(Format format) {
        int fields = 30_000;
        Object[] pairs = new Object[fields * 2];
        String value = "v".repeat(100);
        for (int i = 0; i < fields; i++) {
            pairs[2 * i] = "field_" + i;
            pairs[2 * i + 1] = value;
        }
        JsonNode line = onlyLine(encode(format, Events.data(pairs)));
        assertThat(line.toString()).contains("more]");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void manyLongTagsStopAtTheBudget(Format format) {
        java.util.List<String> tags = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            tags.add(i + "t".repeat(8_000));
        }
        LogEvent event = Events.data("k", "v");
        event.tags(tags);
        JsonNode line = onlyLine(encode(format, event));
        assertThat(line.toString()).contains("0ttt");
    }

    private static Exception withSuppressed(int count) {
        Exception top = new IllegalStateException("top");
        for (int i = 0; i < count; i++) {
            top.addSuppressed(new IllegalArgumentException("suppressed " + i + " " + "m".repeat(200)));
        }
        return top;
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void manySuppressedExceptionsStopAtTheBudget(Format format) {
        JsonNode line = onlyLine(encode(format, Events.failed(withSuppressed(2_000))));
        assertThat(line.toString()).contains("suppressed 0");
    }

    /**
     * Causes past the budget stop there, and messages take no more than the line has left: four
     * suppressed exceptions, each heading a chain of 16 whose messages escape to 48 KiB, took the
     * fapilog layout's line 435 KB past its budget (each chain was written whole once begun).
     */
    @ParameterizedTest
    @EnumSource(Format.class)
    void longCauseChainsStopWithinAFewKibOfTheBudget(Format format) {
        String heavy = "\u0001".repeat(LIMITS.maxStringLength());
        RuntimeException top = new RuntimeException(heavy);
        for (int s = 0; s < 4; s++) {
            Throwable chain = new IllegalStateException(heavy);
            for (int depth = 0; depth < 15; depth++) {
                chain = new IllegalStateException(heavy, chain);
            }
            top.addSuppressed(chain);
        }
        EncodedBatch batch = encode(format, Events.failed(top));
        assertThat((long) batch.length()).isLessThanOrEqualTo(LIMITS.maxLineBytes() + 64 * 1024L);
        StrictJson.parse(batch);
    }

    /**
     * GELF writes the trace twice, each copy with half of what the line has left: cut at the longest
     * string (8 KiB), an ordinary three-level trace (web, service, JDBC) lost its root cause.
     */
    @Test
    void gelfKeepsTheRootCauseOfAnOrdinaryTrace() {
        Throwable root = withFrames(new java.sql.SQLException("ROOT CAUSE: Connection refused to db-7:5432"), "com.acme.jdbc.Pool");
        Throwable service = withFrames(new IllegalStateException("order lookup failed", root), "com.acme.service.Orders");
        Throwable web = withFrames(new RuntimeException("request failed", service), "com.acme.web.OrdersController");

        JsonNode line = onlyLine(encode(Format.GELF, Events.failed(web)));

        assertThat(line.get("full_message").asString()).contains("ROOT CAUSE: Connection refused to db-7:5432");
        assertThat(line.get("_error_stack_trace").asString()).contains("ROOT CAUSE: Connection refused to db-7:5432");
    }

    /**
     * A chain deeper than the depth limit (a start-up failure wrapped bean by bean) keeps its root
     * cause after the omission marker: it was cut at the 16th cause, and the line that says what went
     * wrong was never written.
     */
    @Test
    void aChainDeeperThanTheLimitKeepsItsRootCause() {
        Throwable chain = new java.sql.SQLException("ROOT: Connection refused to db-7:5432");
        for (int i = 0; i < 40; i++) {
            chain = new IllegalStateException("Error creating bean " + i, chain);
        }
        String trace = onlyLine(encode(Format.ECS, Events.failed(chain))).at("/error/stack_trace").asString();
        assertThat(trace).contains("... [nested throwables omitted]\nCaused by: java.sql.SQLException: ROOT: Connection refused to db-7:5432");
    }

    /** A cause chain that never ends (each {@code getCause()} a new exception) is cut, not followed for good. */
    @Test
    void aChainWithoutEndIsCut() {
        String trace = onlyLine(encode(Format.ECS, Events.failed(new Endless(0)))).at("/error/stack_trace").asString();
        assertThat(trace).contains("[nested throwables omitted]").contains("Caused by: " + Endless.class.getName());
    }

    /** Each one's cause is a new one, without end. */
    private static final class Endless extends RuntimeException {
        private final int level;

        Endless(int level) {
            super("level " + level, null, false, false);
            this.level = level;
        }

        @Override
        public synchronized Throwable getCause() {
            return new Endless(level + 1);
        }
    }

    /** {@code t} with 60 frames of its own, as a framework's deep stack gives it. */
    private static Throwable withFrames(Throwable t, String className) {
        StackTraceElement[] frames = new StackTraceElement[60];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new StackTraceElement(className + i, "handleRequest" + i, className.replace('.', '/') + ".java", 100 + i);
        }
        t.setStackTrace(frames);
        return t;
    }

    @Test
    void theDefaultBudgetIsOneMebibyteOrSixteenLongestStrings() {
        assertThat(EncodingLimits.DEFAULT.maxLineBytes()).isEqualTo(1 << 20);
        assertThat(new EncodingLimits(100_000, 256, 16, 64).maxLineBytes()).isEqualTo(1_600_000);
        assertThat(EncodingLimits.DEFAULT.withLineBudgetAtMost(64 * 1024).maxLineBytes()).isEqualTo(64 * 1024);
        assertThat(EncodingLimits.DEFAULT.withLineBudgetAtMost(8 << 20)).isSameAs(EncodingLimits.DEFAULT);
    }

    /** The worst shapes for a lowered budget: every character escaped to six bytes, in long strings, many fields, many causes. */
    @ParameterizedTest
    @EnumSource(Format.class)
    void aLoweredBudgetHoldsWithinTheSlackASinkLeaves(Format format) {
        int budget = 64 * 1024;
        Encoder encoder = Encoders.json(format, LIMITS.withLineBudgetAtMost(budget)).create();
        String escaped = "\u0001".repeat(LIMITS.maxStringLength());
        Object[] manyFields = new Object[2_000];
        for (int i = 0; i < manyFields.length; i += 2) {
            manyFields[i] = "field_" + i;
            manyFields[i + 1] = escaped;
        }
        for (LogEvent event : new LogEvent[] {
                Events.data("rows", java.util.Collections.nCopies(300, escaped), "map", java.util.Map.of("k", escaped)),
                Events.data(manyFields),
                Events.failed(withSuppressed(2_000))}) {
            EncodedBatch batch = new EncodedBatch();
            encoder.encode(event, batch);
            assertThat(batch.length()).as("line bytes").isLessThanOrEqualTo(budget + SLACK_BELOW_A_CAP);
            assertThat(StrictJson.parse(batch)).hasSize(1);
        }
    }

    @Test
    void aJsonNodeIsWrittenAsTheJsonItHolds() {
        ObjectNode node = JsonMapper.builder().build().createObjectNode();
        node.put("a", 1).putArray("list").add("x").add(2);
        node.putObject("nested").put("ok", true);
        JsonNode line = onlyLine(encode(Format.FAPILOG, Events.data("payload", node,
                "array", JsonMapper.builder().build().createArrayNode().add(1).add(2))));
        assertThat(line.at("/data/payload").toString()).isEqualTo("{\"a\":1,\"list\":[\"x\",2],\"nested\":{\"ok\":true}}");
        assertThat(line.at("/data/array").toString()).isEqualTo("[1,2]");
    }
}

package io.fapilog;

import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Encoder;
import io.fapilog.spi.JsonLineWriter;
import io.fapilog.spi.LogEventView;
import io.fapilog.spi.Sink;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** User filters, enrichers, redactors, sinks and encoders plug in through the builder. */
class ExtensionPointsTest {

    /**
     * A thread without a name (every virtual thread of {@code newVirtualThreadPerTaskExecutor()}, or a
     * platform thread named "") is recorded as {@code virtual-<id>} or {@code unnamed-<id>}, as Logback records it, not as "".
     */
    @Test
    void aThreadWithoutANameIsRecordedByItsId() throws Exception {
        InMemorySink sink = new InMemorySink();
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false)
                .start()) {
            Logger log = runtime.getLogger("jobs");
            Thread unnamed = new Thread(() -> {
                log.info("plain");
                log.atInfo().log("fluent");
                runtime.getAsyncLogger("jobs").info("async");
            }, "");
            unnamed.start();
            unnamed.join();
            runtime.stopAndDrain(Duration.ofSeconds(10));
            @SuppressWarnings("deprecation") String expected = "unnamed-" + unnamed.getId();
            assertThat(TestSinks.parse(sink.lines())).hasSize(3)
                    .allSatisfy(line -> assertThat(line.at("/diagnostics/thread").asString()).isEqualTo(expected));
        }
    }

    /**
     * A sink instance added twice (a Spring bean that a customizer adds again in another format) is
     * written once, in the encoder given last: it was two sinks of one name, which stopped the start.
     */
    @Test
    void aSinkAddedTwiceIsWrittenOnceInTheEncoderGivenLast() throws Exception {
        InMemorySink audit = new InMemorySink("audit");
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(audit)
                .sink(audit, io.fapilog.config.Format.LOGSTASH).shutdownHook(false).start()) {
            runtime.getLogger("orders").info("Order placed");
            runtime.flush().join();
            assertThat(runtime.config().customSinks()).hasSize(1);
            assertThat(audit.lines()).singleElement().asString().contains("\"@version\"");
        }
    }

    @Test
    void userFiltersEnrichersAndRedactorsRunAfterTheBuiltInOnes() throws Exception {
        InMemorySink sink = new InMemorySink();
        DrainResult result;
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false)
                .filter(event -> !"health".equals(event.data().get("path")))
                .enricher(event -> event.context().put("region", "eu-west-1"))
                .redactor(event -> {
                    int index = event.data().indexOf("iban");
                    if (index >= 0) {
                        event.data().setValue(index, "IBAN-***");
                    }
                })
                .start()) {
            Logger log = runtime.getLogger("payments");
            log.info("Probe", "path", "health");
            log.info("Transfer", "iban", "DE89370400440532013000", "password", "hunter2");
            result = runtime.stopAndDrain(Duration.ofSeconds(10));
        }

        assertThat(result.submitted()).isEqualTo(2);
        assertThat(result.filtered()).isEqualTo(1);
        assertThat(result.processed()).isEqualTo(1);
        JsonNode line = TestSinks.parse(sink.lines()).get(0);
        assertThat(line.get("message").asString()).isEqualTo("Transfer");
        assertThat(line.at("/context/region").asString()).isEqualTo("eu-west-1");
        assertThat(line.at("/data/iban").asString()).isEqualTo("IBAN-***");
        assertThat(line.at("/data/password").asString()).isEqualTo("***"); // the built-in redaction still ran
    }

    /**
     * An {@code Error} from a stage of the application's (a class its optional dependency lacks) is a
     * failure of that stage like an exception: every event is kept and the failure noted, none dropped.
     */
    @Test
    void anErrorFromAFilterEnricherOrRedactorKeepsEveryEvent() throws Exception {
        NoClassDefFoundError missing = new NoClassDefFoundError("com/acme/OptionalDependency");
        InMemorySink sink = new InMemorySink();
        DrainResult result;
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).shutdownHook(false)
                .filter(event -> {
                    throw missing;
                })
                .enricher(event -> {
                    throw new AssertionError("enricher's assertion");
                })
                .redactor(event -> {
                    throw missing;
                })
                .start()) {
            for (int i = 0; i < 10; i++) {
                runtime.getLogger("stages").info("event " + i);
            }
            result = runtime.stopAndDrain(Duration.ofSeconds(10));
        }

        assertThat(result.submitted()).isEqualTo(10);
        assertThat(result.processed()).isEqualTo(10);
        assertThat(result.dropped()).isZero();
        List<JsonNode> lines = TestSinks.parse(sink.lines());
        assertThat(lines).hasSize(10);
        JsonNode diagnostics = lines.get(9).get("diagnostics");
        assertThat(diagnostics.get("filter_error").asString()).isEqualTo(missing.toString());
        assertThat(diagnostics.get("enricher_error").asString()).isEqualTo("java.lang.AssertionError: enricher's assertion");
        assertThat(diagnostics.get("redaction_error").asString()).startsWith(missing.getClass().getName() + " in ");
    }

    /**
     * A redactor that fails part-way may have left any value as it was. Before, the event was written
     * with what it had not reached: here the {@code iban} only this redactor masks. Now the message,
     * every value and the exception's message are masked, and the failure is said.
     */
    @Test
    void aRedactionThatFailsPartWayMasksTheWholeEvent() throws Exception {
        InMemorySink sink = new InMemorySink();
        DrainResult result;
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false)
                .redactor(event -> {
                    throw new AssertionError("iban redactor's assertion");
                })
                .start()) {
            runtime.getLogger("stages").warn("transfer from DE89370400440532013000 failed",
                    new IllegalStateException("account DE89370400440532013000 closed"),
                    "iban", "DE89370400440532013000", "password", "hunter2", "amount", 12);
            result = runtime.stopAndDrain(Duration.ofSeconds(10));
        }

        assertThat(result.processed()).isEqualTo(1);
        JsonNode line = TestSinks.parse(sink.lines()).get(0);
        assertThat(line.get("diagnostics").get("redaction_error").asString()).startsWith("java.lang.AssertionError in ")
                .doesNotContain("iban redactor's assertion");
        assertThat(line.get("message").asString()).isEqualTo("***");
        assertThat(line.get("data").toString()).isEqualTo("{\"iban\":\"***\",\"password\":\"***\",\"amount\":\"***\"}");
        assertThat(line.at("/diagnostics/exception/type").asString()).isEqualTo(IllegalStateException.class.getName());
        assertThat(sink.lines().get(0)).doesNotContain("DE89370400440532013000").doesNotContain("hunter2");
    }

    @Test
    void whatEnrichersPutIntoDiagnosticsIsRedactedAndTheBuiltInDiagnosticsAreKept() throws Exception {
        InMemorySink sink = new InMemorySink();
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false)
                .service("orders", "prod", "1.2.3")
                .enricher(event -> event.diagnostics().put("db_password", "hunter2"))
                .enricher(event -> event.diagnostics().put("client_url", "https://ann:s3cret@api.example.com/x"))
                .enricher(event -> event.diagnostics().put("version", "https://ann:s3cret@repo.example.com/1.2.3"))
                .enricher(event -> {
                    throw new IllegalStateException("lookup failed for password=hunter3");
                })
                .start()) {
            runtime.getLogger("orders").info("Order placed");
            runtime.getLogger("orders").info("Order placed again"); // the same values, remembered as unmasked or not
            runtime.stopAndDrain(Duration.ofSeconds(10));
        }

        assertThat(TestSinks.parse(sink.lines()).get(1).get("diagnostics")).isEqualTo(TestSinks.parse(sink.lines()).get(0).get("diagnostics"));
        JsonNode diagnostics = TestSinks.parse(sink.lines()).get(0).get("diagnostics");
        assertThat(diagnostics.get("db_password").asString()).isEqualTo("***");
        assertThat(diagnostics.get("client_url").asString()).isEqualTo("https://***@api.example.com/x");
        assertThat(diagnostics.get("enricher_error").asString()).contains("password=***").doesNotContain("hunter3");
        assertThat(diagnostics.get("service").asString()).isEqualTo("orders");
        assertThat(diagnostics.get("version").asString()).as("a built-in field an enricher overwrote")
                .isEqualTo("https://***@repo.example.com/1.2.3");
        assertThat(diagnostics.get("thread").asString()).isEqualTo(Thread.currentThread().getName());
        assertThat(diagnostics.has("redaction_failures")).isFalse();
    }

    @Test
    void fapilogsOwnDiagnosticsAreRedactedToo() throws Exception {
        InMemorySink sink = new InMemorySink();
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false)
                .redaction(new io.fapilog.config.RedactionSettings(java.util.Set.of("credentials"), java.util.Set.of("host"),
                        java.util.List.of(), true, false))
                .start()) {
            Thread logging = new Thread(() -> runtime.getLogger("jobs").info("Started"), "job-for-ann password=hunter2");
            logging.start();
            logging.join();
            runtime.stopAndDrain(Duration.ofSeconds(10));
        }

        JsonNode diagnostics = TestSinks.parse(sink.lines()).get(0).get("diagnostics");
        assertThat(diagnostics.get("thread").asString()).isEqualTo("job-for-ann password=***");
        assertThat(diagnostics.get("host").asString()).as("a configured field name").isEqualTo("***");
    }

    @Test
    void eachSinkWritesInTheFormatOrEncoderItWasGivenWith() throws Exception {
        InMemorySink plain = new InMemorySink("plain");
        InMemorySink ecs = new InMemorySink("ecs");
        InMemorySink custom = new InMemorySink("custom");
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().shutdownHook(false)
                .sink(plain).sink(ecs, Format.ECS).sink(custom, MessageOnlyEncoder::new).start()) {
            runtime.getLogger("orders").info("Order placed", "order_id", 7);
            runtime.stopAndDrain(Duration.ofSeconds(10));
        }

        assertThat(TestSinks.parse(plain.lines()).get(0).get("message").asString()).isEqualTo("Order placed");
        JsonNode ecsLine = TestSinks.parse(ecs.lines()).get(0);
        assertThat(ecsLine.get("@timestamp")).isNotNull();
        assertThat(ecsLine.at("/log/logger").asString()).isEqualTo("orders");
        assertThat(custom.lines()).containsExactly("{\"msg\":\"Order placed\",\"fields\":{\"order_id\":7}}");
    }

    @Test
    void sinksReadEachLineAndTheRecordItsEncoderAttached() throws Exception {
        List<String> seen = new ArrayList<>();
        Sink recordSink = TestSinks.writing("records", batch -> {
            for (int i = 0; i < batch.eventCount(); i++) {
                String line = new String(batch.array(), batch.lineStart(i), batch.lineEnd(i) - batch.lineStart(i),
                        StandardCharsets.UTF_8);
                seen.add(batch.record(i) + " " + line);
            }
        });
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().shutdownHook(false)
                .sink(recordSink, () -> (event, out) -> {
                    out.append(event.message().getBytes(StandardCharsets.UTF_8), 0, event.message().length());
                    out.endEvent(Map.of("key", event.data().get("tenant")));
                }).start()) {
            Logger log = runtime.getLogger("t");
            log.info("one", "tenant", "a");
            log.info("two", "tenant", "b");
            runtime.stopAndDrain(Duration.ofSeconds(10));
        }

        assertThat(seen).containsExactly("{key=a} one", "{key=b} two");
    }

    @Test
    void jsonLineWriterKeepsLinesValidWhateverTheValues() {
        JsonLineWriter json = JsonLineWriter.create(EncodingLimits.DEFAULT);
        Map<String, Object> cyclic = new java.util.HashMap<>();
        cyclic.put("self", cyclic);
        EncodedBatch batch = new EncodedBatch();
        json.beginObject().member("text", "line\nbreak \u0001").member("nan", Double.NaN).member("cycle", cyclic).endObject();
        json.endLine(batch);

        JsonNode line = TestSinks.parse(batch.lines()).get(0);
        assertThat(line.get("text").asString()).isEqualTo("line\nbreak \u0001");
        assertThat(line.at("/cycle/self").asString()).isEqualTo("[cycle]");
        assertThat(batch.eventCount()).isEqualTo(1);
    }

    /**
     * A failure's text is likely to hold what the failing stage held: a redactor's (noted after every
     * redactor ran) in the event's diagnostics, an encoder's on standard error. Both were written as
     * they were. A redactor's is written as its type and the redactor's now (its message may hold what
     * that redactor alone would have masked); an encoder's is masked by the redaction's rules.
     */
    @Test
    void theTextOfARedactorsOrAnEncodersFailureIsMasked() throws Exception {
        String secrets = "password=SEKRET-1 and Authorization: Bearer SEKRET-2abc";
        java.io.PrintStream originalErr = System.err;
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(stderr, true, StandardCharsets.UTF_8));
        InMemorySink sink = new InMemorySink();
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink)
                .redactor(event -> {
                    throw new IllegalStateException("could not mask " + secrets);
                })
                .shutdownHook(false).start();
             FapilogRuntime encoding = Fapilog.builder().preset(Preset.PRODUCTION).sinks()
                     .sink(new InMemorySink("failing-encoder"), () -> (event, out) -> {
                         throw new IllegalStateException("could not encode " + secrets);
                     })
                     .shutdownHook(false).start()) {
            runtime.getLogger("stages").info("one");
            encoding.getLogger("stages").info("two");
            runtime.stopAndDrain(Duration.ofSeconds(10));
            encoding.stopAndDrain(Duration.ofSeconds(10));
        } finally {
            System.setErr(originalErr);
        }

        JsonNode line = TestSinks.parse(sink.lines()).get(0);
        assertThat(line.at("/diagnostics/redaction_error").asString()).startsWith("java.lang.IllegalStateException in ")
                .doesNotContain("could not mask");
        String written = stderr.toString(StandardCharsets.UTF_8);
        assertThat(written).contains("could not encode password=*** and Authorization: ***").doesNotContain("SEKRET");
    }

    /**
     * A map of 20,000 entries an enricher adds to every event: redaction walked all of them (tens of
     * milliseconds an event, a drain timed out), though the encoders write 256. It walks as many as
     * are written now, and the event carries a copy of those that knows how many it left out; the
     * names of the others are still looked at, so that a value under a sensitive one is masked where
     * the event repeats it.
     */
    @Test
    void aHugeMapAnEnricherAddsIsWalkedOnlyAsFarAsItIsWritten() throws Exception {
        java.util.concurrent.atomic.AtomicInteger read = new java.util.concurrent.atomic.AtomicInteger();
        Map<String, Object> entries = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 20_000; i++) {
            entries.put(i == 3 ? "password" : i == 19_000 ? "api_key" : "key-" + i, "value-" + i);
        }
        Map<String, Object> counted = new java.util.AbstractMap<>() {
            @Override
            public java.util.Set<Map.Entry<String, Object>> entrySet() {
                return new java.util.AbstractSet<>() {
                    @Override
                    public java.util.Iterator<Map.Entry<String, Object>> iterator() {
                        java.util.Iterator<Map.Entry<String, Object>> it = entries.entrySet().iterator();
                        return new java.util.Iterator<>() {
                            public boolean hasNext() {
                                return it.hasNext();
                            }

                            public Map.Entry<String, Object> next() {
                                read.incrementAndGet();
                                return it.next();
                            }
                        };
                    }

                    @Override
                    public int size() {
                        return entries.size();
                    }
                };
            }
        };
        InMemorySink sink = new InMemorySink();
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false)
                .enricher(event -> event.data().put("big", counted))
                .enricher(event -> event.data().put("ids", java.util.stream.IntStream.range(0, 20_000)
                        .mapToObj(i -> i == 7 ? "Bearer abcdef123" : "id-" + i).toList())).start()) {
            runtime.getLogger("stages").info("key value-19000 rejected");
            runtime.stopAndDrain(Duration.ofSeconds(10));
        }

        JsonNode event = TestSinks.parse(sink.lines()).get(0);
        assertThat(event.get("message").asString()).isEqualTo("key *** rejected"); // a value under a name left out, repeated
        JsonNode big = event.at("/data/big");
        assertThat(big.size()).isEqualTo(257);
        assertThat(big.get("password").asString()).isEqualTo("***");
        assertThat(big.get("key-255").asString()).isEqualTo("value-255");
        assertThat(big.get("…").asString()).isEqualTo("…[+19744 more]");
        assertThat(read.get()).isLessThan(20_600); // the entries past the cut only by their names
        JsonNode ids = TestSinks.parse(sink.lines()).get(0).at("/data/ids");
        assertThat(ids.size()).isEqualTo(257);
        assertThat(ids.get(7).asString()).isEqualTo("Bearer ***");
        assertThat(ids.get(256).asString()).isEqualTo("…[+19744 more]");
    }

    /** A sink that reads a record beside each line (a message key) gets it from an encoder on the public JSON writer. */
    @Test
    void theJsonWriterEndsALineWithARecordForTheSink() {
        JsonLineWriter json = JsonLineWriter.create(EncodingLimits.DEFAULT);
        EncodedBatch batch = new EncodedBatch();
        json.beginObject().member("order", 7).endObject();
        json.endLine(batch, "key-7");
        json.beginObject().member("order", 8).endObject();
        json.endLine(batch);

        assertThat(batch.lines()).containsExactly("{\"order\":7}", "{\"order\":8}");
        assertThat(batch.record(0)).isEqualTo("key-7");
        assertThat(batch.record(1)).isNull();
    }

    /** An enricher that puts a null key is told so in the event's diagnostics, and the line stays valid JSON. */
    @Test
    void aNullKeyFromAnEnricherIsToldNotWritten() throws Exception {
        InMemorySink sink = new InMemorySink();
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false)
                .enricher(event -> event.context().put(null, "x")).start()) {
            runtime.getLogger("stages").info("one");
            runtime.stopAndDrain(Duration.ofSeconds(10));
        }

        JsonNode line = TestSinks.parse(sink.lines()).get(0);
        assertThat(line.at("/diagnostics/enricher_error").asString())
                .isEqualTo("java.lang.NullPointerException: a field's key must not be null (a JSON member needs a name)");
        assertThat(line.has("context")).isFalse();
    }

    /** A custom encoder built on the public JSON writer. */
    static final class MessageOnlyEncoder implements Encoder {
        private final JsonLineWriter json = JsonLineWriter.create(EncodingLimits.DEFAULT);

        @Override
        public void encode(LogEventView event, EncodedBatch out) {
            json.beginObject();
            json.member("msg", event.message());
            json.name("fields").members(event.data());
            json.endObject();
            json.endLine(out);
        }
    }
}

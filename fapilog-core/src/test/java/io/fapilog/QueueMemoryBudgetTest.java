package io.fapilog;

import io.fapilog.TestSinks.GatedSink;
import io.fapilog.config.FullPolicy;
import io.fapilog.config.InvalidSettingException;
import io.fapilog.spi.Sink;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The queue's memory budget ({@code queue.max-bytes}): events holding large values are weighed, and
 * one that finds the budget spent waits for room (a THREAD caller under {@code wait}) or is trimmed,
 * never dropped for its weight; the bytes held come back to zero once the queue is empty.
 */
class QueueMemoryBudgetTest {

    /** A body of 10,000 characters: under the call's own cut (16,384), so each event weighs 10,003 bytes (its message's and its body's; the key is light). */
    private static final String BODY = "word ".repeat(2_000);
    /** Four such events fit; a fifth would pass it. */
    private static final long BUDGET = 50_000;
    /** Cut at the edge of the word the 512th character falls in, and the space after it. */
    private static final String TRIMMED_BODY = BODY.substring(0, 515) + "…[truncated 9485 chars]";
    private static final String WRITTEN_BODY = BODY.substring(0, 8192) + "…[truncated 1808 chars]";

    @BeforeAll
    static void installBlockHound() {
        BlockHound.install();
    }

    private static FapilogRuntime runtime(Sink sink, FullPolicy policy, Duration waitTimeout) {
        return Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).queueMaxBytes(BUDGET)
                .batchMaxSize(1).fullPolicy(policy).waitTimeout(waitTimeout).shutdownHook(false).start();
    }

    private static List<String> bodies(GatedSink sink) {
        return TestSinks.parse(sink.lines()).stream().map(e -> e.path("data")).filter(d -> d.has("body")).map(d -> d.get("body").asString()).toList();
    }

    /** One event holds the worker in the sink; the queue behind it is empty. */
    private static Logger heldWorker(FapilogRuntime runtime, GatedSink sink) throws InterruptedException {
        Logger log = runtime.getLogger("big");
        log.info("blocker");
        sink.awaitBlocked();
        return log;
    }

    /** The worker held, and four heavy events behind it: the budget has no room for a fifth. */
    private static Logger fullBudget(FapilogRuntime runtime, GatedSink sink) throws InterruptedException {
        Logger log = heldWorker(runtime, sink);
        for (int i = 0; i < 4; i++) {
            log.info("big", "body", BODY);
        }
        return log;
    }

    @Test
    void heavyEventsPastTheBudgetAreTrimmedAndWrittenUnderTheDropPolicy() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = runtime(sink, FullPolicy.DROP, Duration.ZERO);
        Logger log = heldWorker(runtime, sink);
        for (int i = 0; i < 20; i++) {
            log.info("big", "body", BODY);
        }
        assertThat(runtime.stats().trimmed()).isEqualTo(16);
        assertThat(runtime.stats().queueBytes()).as("a trimmed event is light").isEqualTo(4 * 10_003L);
        sink.open();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        assertThat(result.submitted()).isEqualTo(21);
        assertThat(result.processed()).isEqualTo(21);
        assertThat(result.dropped()).isZero();
        List<String> bodies = bodies(sink);
        assertThat(bodies).hasSize(20);
        assertThat(bodies.subList(0, 4)).containsOnly(WRITTEN_BODY);
        assertThat(bodies.subList(4, 20)).allSatisfy(body -> assertThat(body).isEqualTo(TRIMMED_BODY));
        assertThat(runtime.stats().queueBytes()).as("every weight given back").isZero();
        assertThat(runtime.stats().trimmed()).isEqualTo(16);
    }

    @Test
    void aThreadCallerUnderTheWaitPolicyWaitsForRoomAndItsEventIsWrittenWhole() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = runtime(sink, FullPolicy.WAIT, Duration.ofSeconds(30));
        Logger log = fullBudget(runtime, sink);
        Thread caller = new Thread(() -> log.info("big", "body", BODY), "waits-for-memory");
        caller.start();
        awaitParked(caller);
        assertThat(runtime.stats().submitted()).as("its event not in the queue yet").isEqualTo(5);

        sink.open();
        caller.join(10_000);
        assertThat(caller.isAlive()).isFalse();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.processed()).isEqualTo(6);
        assertThat(runtime.stats().trimmed()).isZero();
        assertThat(runtime.stats().callerWaits()).isEqualTo(1);
        assertThat(bodies(sink)).hasSize(5).containsOnly(WRITTEN_BODY);
        assertThat(runtime.stats().queueBytes()).isZero();
    }

    @Test
    void aThreadCallerWhoseWaitRunsOutWritesItsEventTrimmed() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = runtime(sink, FullPolicy.WAIT, Duration.ofMillis(50));
        Logger log = heldWorker(runtime, sink);
        for (int i = 0; i < 5; i++) {
            log.info("big", "body", BODY);
        }
        assertThat(runtime.stats().trimmed()).isEqualTo(1);
        sink.open();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.processed()).isEqualTo(6);
        assertThat(result.dropped()).isZero();
        assertThat(bodies(sink)).element(4).isEqualTo(TRIMMED_BODY);
    }

    /** An event loop never waits for memory: its heavy events past the budget are trimmed at once (BlockHound watches). */
    @Test
    void asyncCallersNeverWaitForMemory() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = runtime(sink, FullPolicy.WAIT, Duration.ofSeconds(30));
        heldWorker(runtime, sink);
        AsyncLogger log = runtime.getAsyncLogger("big");
        Flux.range(0, 10).concatMap(i -> Mono.defer(() -> log.info("big", "body", BODY)))
                .subscribeOn(Schedulers.parallel()).blockLast(Duration.ofSeconds(10));
        assertThat(runtime.stats().trimmed()).isEqualTo(6);
        sink.open();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.processed()).isEqualTo(11);
        assertThat(bodies(sink).subList(4, 10)).containsOnly(TRIMMED_BODY);
    }

    /** Structures and arrays are weighed by what they hold, and trimmed to 16 elements, a byte array to its length. */
    @Test
    void structuresAndArraysAreWeighedAndTrimmed() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = runtime(sink, FullPolicy.DROP, Duration.ZERO);
        Logger log = heldWorker(runtime, sink);
        log.info("fills", "body", "f".repeat(49_000));
        List<String> rows = new ArrayList<>(Collections.nCopies(1_000, "row"));
        byte[] image = new byte[100_000];
        log.info("structures", "rows", rows, "image", image);
        assertThat(runtime.stats().trimmed()).isEqualTo(1);
        sink.open();
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        JsonNode event = TestSinks.parse(sink.lines()).stream().map(e -> e.path("data")).filter(d -> d.has("rows"))
                .findFirst().orElseThrow();
        assertThat(event.get("rows")).hasSize(17);
        assertThat(event.get("rows").get(15).asString()).isEqualTo("row");
        assertThat(event.get("rows").get(16).asString()).startsWith("…[");
        assertThat(event.get("image").asString()).isEqualTo("[100000 bytes, trimmed]");
        assertThat(runtime.stats().queueBytes()).isZero();
    }

    /**
     * Many threads logging heavy and light events through two workers, under the wait policy, with
     * a budget a few events deep: every event written, none dropped, and every weight given back.
     */
    @Test
    void underManyThreadsEveryEventIsWrittenAndEveryWeightGivenBack() throws Exception {
        io.fapilog.sinks.InMemorySink sink = new io.fapilog.sinks.InMemorySink();
        int threads = 8;
        int perThread = 2_000;
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).queueMaxBytes(BUDGET)
                .queueCapacity(threads * perThread).workers(2).fullPolicy(FullPolicy.WAIT)
                .waitTimeout(Duration.ofMillis(2)).shutdownHook(false).start();
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong heavy = new AtomicLong();
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(CompletableFuture.runAsync(() -> {
                Logger log = runtime.getLogger("t" + thread);
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < perThread; i++) {
                    if (i % 3 == 0) {
                        log.info("light", "i", i);
                    } else {
                        heavy.incrementAndGet();
                        log.info("heavy", "body", BODY, "i", i);
                    }
                }
            }, runnable -> new Thread(runnable).start()));
        }
        start.countDown();
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        DrainResult result = runtime.stopAndDrain().get(30, TimeUnit.SECONDS);

        assertThat(result.submitted()).isEqualTo((long) threads * perThread);
        assertThat(result.processed()).isEqualTo((long) threads * perThread);
        assertThat(result.dropped()).isZero();
        assertThat(sink.lines()).hasSize(threads * perThread);
        List<JsonNode> heavyEvents = TestSinks.parse(sink.lines()).stream().map(e -> e.path("data"))
                .filter(d -> d.has("body")).toList();
        assertThat(heavyEvents).hasSize((int) heavy.get());
        long trimmedWritten = heavyEvents.stream().filter(e -> e.get("body").asString().equals(TRIMMED_BODY)).count();
        assertThat(trimmedWritten).isEqualTo(runtime.stats().trimmed());
        assertThat(runtime.stats().queueBytes()).isZero();
    }

    /**
     * A trimmed value is written whole, so its cut never falls inside a secret: a JWT the 512th
     * character falls in is kept whole and masked; a byte array becomes its length; the production
     * preset's redaction sees what is written.
     */
    @Test
    void aTrimmedEventLeaksNoSecretItsCutMet() throws Exception {
        String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
                + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
        String text = "word ".repeat(88) + jwt + " " + "word ".repeat(2_000);  // the JWT from character 440: cut at 512 in its payload
        byte[] header = ("Authorization: Bearer s3cr3t-" + "t".repeat(2_000)).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).queueMaxBytes(BUDGET)
                .batchMaxSize(1).fullPolicy(FullPolicy.DROP).shutdownHook(false).start();
        Logger log = fullBudget(runtime, sink);
        assertThat(runtime.stats().queueBytes()).isEqualTo(4 * 10_003L);
        log.info("secrets", "text", text, "raw", header);
        assertThat(runtime.stats().trimmed()).isEqualTo(1);
        sink.open();
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        String line = sink.lines().stream().filter(l -> l.contains("\"secrets\"")).findFirst().orElseThrow();
        assertThat(line).doesNotContain("eyJzdWIiOiIxMjM0").doesNotContain("SflKxwRJ").doesNotContain("s3cr3t");
        JsonNode data = TestSinks.parse(List.of(line)).get(0).get("data");
        assertThat(data.get("text").asString()).startsWith("word ".repeat(88) + "***").contains("…[truncated ");
        assertThat(data.get("raw").asString()).isEqualTo("[" + header.length + " bytes, trimmed]");
    }

    /**
     * An error storm past the budget: a throwable weighs 4 KB while its stack is unread (so does
     * its cause), and so six of these fit; the others keep their throwables' first 16 frames, say
     * how many they left out, keep their messages (masked, as any) and are written. The copies
     * weigh what their frames hold.
     */
    @Test
    void errorsPastTheBudgetKeepTheirStacksFirstFramesAndSayHowManyTheyLeftOut() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).queueMaxBytes(BUDGET)
                .batchMaxSize(1).fullPolicy(FullPolicy.DROP).shutdownHook(false).start();
        Logger log = heldWorker(runtime, sink);
        IllegalStateException failure = thrownFrom(150, "charge failed for password=hunter2");
        long weight = "failed".length() + 4_096 + failure.getMessage().length() + 4_096 + "disk gone".length();
        for (int i = 0; i < 20; i++) {
            log.error("failed", failure);
        }
        int fits = (int) (BUDGET / weight);
        assertThat(fits).isEqualTo(6);
        assertThat(runtime.stats().trimmed()).isEqualTo(14);
        // the cause, made where the failure was, shares all its frames with it: its copy keeps none
        long copyWeight = "failed".length() + (64 + 16 * 64 + failure.getMessage().length()) + (64 + "disk gone".length());
        assertThat(runtime.stats().queueBytes()).isEqualTo(fits * weight + 14 * copyWeight);
        sink.open();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        assertThat(result.submitted()).isEqualTo(result.processed()).isEqualTo(21);
        int frames = failure.getStackTrace().length;
        List<JsonNode> errors = TestSinks.parse(sink.lines()).stream().filter(e -> e.get("message").asString().equals("failed"))
                .map(e -> e.at("/diagnostics/exception")).toList();
        assertThat(errors).hasSize(20).allSatisfy(error -> {
            assertThat(error.get("type").asString()).isEqualTo("java.lang.IllegalStateException");
            assertThat(error.get("message").asString()).isEqualTo("charge failed for password=***");
            assertThat(error.at("/cause/type").asString()).isEqualTo("java.io.IOException");
            assertThat(error.at("/cause/message").asString()).isEqualTo("disk gone");
        });
        for (JsonNode whole : errors.subList(0, fits)) {
            assertThat(whole.get("stack")).hasSize(65);
            assertThat(whole.get("stack").get(64).asString()).isEqualTo("... " + (frames - 64) + " frames truncated");
        }
        for (JsonNode trimmed : errors.subList(fits, 20)) {
            assertThat(trimmed.get("stack")).hasSize(17);
            assertThat(trimmed.get("stack").get(0).asString()).isEqualTo(errors.get(0).get("stack").get(0).asString());
            assertThat(trimmed.get("stack").get(16).asString()).isEqualTo("... " + (frames - 16) + " frames truncated");
        }
        assertThat(String.join("\n", sink.lines())).doesNotContain("hunter2");
        assertThat(runtime.stats().queueBytes()).isZero();
    }

    /**
     * A chain longer than the 16 throwables a trimmed copy keeps (a start-up failure wrapped bean by
     * bean) keeps its innermost cause, what went wrong, in place of the last, as the whole event shows
     * it after the causes its encoder leaves out; the secret in its message masked in both.
     */
    @Test
    void aTrimmedDeepChainKeepsItsRootCause() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).queueMaxBytes(BUDGET)
                .batchMaxSize(1).fullPolicy(FullPolicy.DROP).shutdownHook(false).start();
        Logger log = heldWorker(runtime, sink);
        Throwable failure = new java.net.ConnectException("Connection refused: db.internal:5432 password=hunter2");
        for (int i = 20; i >= 1; i--) {
            failure = new IllegalStateException("Error creating bean " + i, failure);
        }
        for (int i = 0; i < 3; i++) {
            log.error("start-up failed", failure);  // 16 throwables weighed at 4 KB: the budget holds one such event
        }
        assertThat(runtime.stats().trimmed()).isEqualTo(2);
        sink.open();
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        List<JsonNode> errors = TestSinks.parse(sink.lines()).stream()
                .filter(e -> e.get("message").asString().equals("start-up failed"))
                .map(e -> e.at("/diagnostics/exception")).toList();
        assertThat(errors).hasSize(3);
        String root = "Connection refused: db.internal:5432 password=***";
        assertThat(chain(errors.get(0))).as("whole: the encoder's 16 levels, then the root")
                .hasSize(17).startsWith("Error creating bean 1").endsWith("Error creating bean 16 (4 omitted)", root);
        for (JsonNode trimmed : errors.subList(1, 3)) {
            assertThat(chain(trimmed)).as("trimmed: 15 of the chain, then the root")
                    .hasSize(16).startsWith("Error creating bean 1").endsWith("Error creating bean 15 (5 omitted)", root);
        }
        assertThat(String.join("\n", sink.lines())).doesNotContain("hunter2");
        assertThat(runtime.stats().queueBytes()).isZero();
    }

    /** The messages of a written exception and its causes, each with the causes its encoder said it left out after it. */
    private static List<String> chain(JsonNode exception) {
        List<String> messages = new java.util.ArrayList<>();
        for (JsonNode t = exception; t != null && !t.isMissingNode() && !t.isNull(); t = t.get("cause")) {
            JsonNode omitted = t.get("causes_omitted");
            messages.add(t.get("message").asString() + (omitted == null ? "" : " (" + omitted.asInt() + " omitted)"));
        }
        return messages;
    }

    /**
     * A throwable whose stack is unread weighs 4 KB, what it holds; one a framework's event read at
     * the call (Logback's: {@code LogBridge.stacksReadAtTheCall()}) weighs its frames, 64 bytes each,
     * as it holds them read. Reading a stack to weigh it would make it weigh that much.
     */
    @Test
    void errorsAreWeighedByTheirStacksWhereTheFrameworkReadThem() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).queueMaxBytes(1_000_000)
                .batchMaxSize(1).fullPolicy(FullPolicy.DROP).shutdownHook(false).start();
        Logger log = heldWorker(runtime, sink);
        IllegalStateException failure = thrownFrom(150, "charge failed");
        long unread = "failed".length() + 4_096 + "charge failed".length() + 4_096 + "disk gone".length();
        long read = "failed".length() + 64 + 64L * failure.getStackTrace().length + "charge failed".length()
                + 64 + 64L * failure.getCause().getStackTrace().length + "disk gone".length();
        log.error("failed", failure);
        assertThat(runtime.stats().queueBytes()).as("fapilog's logger").isEqualTo(unread);
        runtime.bridge().submit(0, Level.ERROR, "com.acme.Jul", "failed", failure, "main", null, null, List.of());
        assertThat(runtime.stats().queueBytes()).as("a framework's event that did not read it").isEqualTo(2 * unread);
        runtime.bridge().stacksReadAtTheCall().submit(0, Level.ERROR, "com.acme.Logback", "failed", failure, "main", null,
                null, List.of());
        assertThat(runtime.stats().queueBytes()).as("Logback's, read at the call").isEqualTo(2 * unread + read);
        sink.open();
        assertThat(runtime.stopAndDrain().get(10, TimeUnit.SECONDS).processed()).isEqualTo(4);
        assertThat(runtime.stats().queueBytes()).isZero();
    }

    /**
     * Weighing a stack Logback read can fail as any reading of a caller's throwable can (the heap
     * spent as it is copied): the call still never throws, and the event is accounted for.
     */
    @Test
    void aBridgedEventWhoseStackCannotBeWeighedNeverThrowsIntoTheCaller() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).queueMaxBytes(BUDGET)
                .shutdownHook(false).start();
        IllegalStateException unreadable = new IllegalStateException("charge failed") {
            @Override
            public StackTraceElement[] getStackTrace() {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        sink.open();
        assertThatCode(() -> runtime.bridge().stacksReadAtTheCall().submit(0, Level.ERROR, "com.acme.Logback", "failed",
                unreadable, "main", null, null, List.of())).doesNotThrowAnyException();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.submitted()).isEqualTo(1).isEqualTo(result.processed() + result.dropped() + result.filtered());
        assertThat(runtime.stats().queueBytes()).isZero();
    }

    private static IllegalStateException thrownFrom(int depth, String message) {
        if (depth == 0) {
            return new IllegalStateException(message, new java.io.IOException("disk gone"));
        }
        return thrownFrom(depth - 1, message);
    }

    /** A message whose {@code {}}s are still to be filled keeps them when its event is trimmed: its arguments keep their places. */
    @Test
    void aTrimmedEventsPlaceholdersKeepTheirArguments() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = runtime(sink, FullPolicy.DROP, Duration.ZERO);
        Logger log = fullBudget(runtime, sink);
        String prefix = "p".repeat(600);
        log.info(prefix + " id={} user={}", 42, "alice", "body", BODY);
        assertThat(runtime.stats().trimmed()).isEqualTo(1);
        sink.open();
        runtime.stopAndDrain().get(10, TimeUnit.SECONDS);

        JsonNode event = TestSinks.parse(sink.lines()).stream().filter(e -> e.get("message").asString().startsWith("ppp"))
                .findFirst().orElseThrow();
        assertThat(event.get("message").asString()).isEqualTo(prefix + " id=42 user=alice");
        assertThat(event.get("data").get("body").asString()).isEqualTo(TRIMMED_BODY);
        assertThat(event.path("diagnostics").has("argument_error")).isFalse();
    }

    /** A thread-mode caller waits for memory and then for a slot within one wait-timeout, not one each. */
    @Test
    void aCallerWaitsForMemoryAndASlotWithinOneTimeout() throws Exception {
        GatedSink sink = new GatedSink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).queueMaxBytes(BUDGET)
                .queueCapacity(4).queueReserve(0).batchMaxSize(1).fullPolicy(FullPolicy.WAIT)
                .waitTimeout(Duration.ofSeconds(1)).shutdownHook(false).start();
        Logger log = fullBudget(runtime, sink);
        long start = System.nanoTime();
        log.info("big", "body", BODY);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(runtime.stats().trimmed()).isEqualTo(1);
        assertThat(runtime.stats().droppedByReason().get(DropReason.WAIT_TIMEOUT)).isEqualTo(1);
        assertThat(elapsedMillis).as("one wait of 1 s, not two").isBetween(1_000L, 1_999L);
        assertThat(runtime.stats().callerWaits()).as("one call that waited, for memory and for a slot").isEqualTo(1);
        assertThat(runtime.stats().callerWaitNanos()).isBetween(1_000_000_000L, TimeUnit.MILLISECONDS.toNanos(elapsedMillis + 1));
        sink.open();
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(result.submitted()).isEqualTo(result.processed() + result.dropped()).isEqualTo(6);
    }

    @Test
    void aBudgetUnderOneByteFailsTheStartNamingTheProperty() {
        assertThatThrownBy(() -> Fapilog.builder().queueMaxBytes(0).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("fapilog.queue.max-bytes").hasMessageContaining("a size >= 1B");
    }

    /** Waits until {@code thread} is parked, with a deadline. */
    private static void awaitParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.TIMED_WAITING && thread.getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the caller never waited: " + thread.getState());
            }
            Thread.onSpinWait();
        }
    }
}

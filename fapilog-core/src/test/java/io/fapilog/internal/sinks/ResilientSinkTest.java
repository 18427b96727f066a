package io.fapilog.internal.sinks;

import io.fapilog.CircuitState;
import io.fapilog.SinkHealth;
import io.fapilog.config.CircuitBreakerSettings;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.Sink;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.SinkWriteException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class ResilientSinkTest {

    /** Fails the calls its script says should fail (numbered from 1), writes the others to memory. */
    static final class ScriptedSink implements Sink {
        final InMemorySink written = new InMemorySink("scripted");
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();
        volatile IntPredicate fails = call -> false;

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public void write(EncodedBatch batch) throws IOException {
            int call = calls.incrementAndGet();
            if (fails.test(call)) {
                failures.incrementAndGet();
                throw new IOException("disk full (call " + call + ")");
            }
            written.write(batch);
        }
    }

    /** A fallback that always throws. */
    static final class BrokenSink implements Sink {
        @Override
        public String name() {
            return "broken-fallback";
        }

        @Override
        public void write(EncodedBatch batch) {
            throw new IllegalStateException("fallback down too");
        }
    }

    private static final CircuitBreakerSettings SETTINGS =
            new CircuitBreakerSettings(2, Duration.ofMillis(10), 3, Duration.ofSeconds(30), true);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final List<String> reported = new CopyOnWriteArrayList<>();
    private final ScriptedSink target = new ScriptedSink();
    private final InMemorySink fallback = new InMemorySink("fallback");

    private ResilientSink resilient(CircuitBreakerSettings settings, Sink fallbackSink) {
        return ResilientSink.builder(target).settings(settings).fallback(fallbackSink).clock(clock).jitter(() -> 0.5)
                .sleeper(delay -> {
                    sleeps.add(delay);
                    clock.advance(delay);
                })
                .listener((sink, error) -> reported.add(sink + ": " + error.getMessage()))
                .build();
    }

    private ResilientSink resilient() {
        return resilient(SETTINGS, fallback);
    }

    /** Opens the circuit with three batches that exhaust their retries. */
    private void open(ResilientSink sink) {
        target.fails = call -> true;
        for (int i = 0; i < 3; i++) {
            sink.write(TestBatches.of("opening-" + i));
        }
        assertThat(sink.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void retriesWithExponentialBackoffUntilTheWriteSucceeds() {
        ResilientSink sink = resilient();
        target.fails = call -> call <= 2;

        sink.write(TestBatches.of("a", "b"));

        assertThat(target.calls).hasValue(3);
        assertThat(target.written.lines()).containsExactly("a", "b");
        assertThat(sleeps).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
        assertThat(fallback.size()).isZero();
        assertThat(sink.errorCount()).isEqualTo(2);
        assertThat(sink.fallbackEventCount()).isZero();
        assertThat(sink.writtenEventCount()).isEqualTo(2);
        assertThat(sink.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(reported).containsExactly("scripted: disk full (call 1)", "scripted: disk full (call 2)");
    }

    private final List<String> notices = new CopyOnWriteArrayList<>();

    private ResilientSink noticing(Sink sink) {
        return ResilientSink.builder(sink).settings(SETTINGS).fallback(fallback).clock(clock)
                .jitter(() -> 0.5).sleeper(clock::advance).notices(new SinkFailureNotices(notices::add, clock)).build();
    }

    /** A sink whose close() fails is told of, even right after another notice: it was only counted, and vanished with the drain. */
    @Test
    void aSinkThatFailsToCloseIsToldOf() {
        ResilientSink sink = noticing(new Sink() {
            @Override
            public String name() {
                return "db";
            }

            @Override
            public void write(EncodedBatch batch) {
            }

            @Override
            public void close() throws java.io.IOException {
                throw new java.io.IOException("connection reset while flushing 12 rows");
            }
        });
        sink.close();

        assertThat(notices).containsExactly("fapilog: sink 'db' failed to close: java.io.IOException: connection reset while"
                + " flushing 12 rows; what it still held may not have been written (fapilog.sink.errors counts it)");
        assertThat(sink.errorCount()).isEqualTo(1);
    }

    /**
     * A sink that stops writing is said on standard error once, reminded at most once a minute while
     * it fails, and said to write again once it does (before, only counted: its events appeared on
     * standard error without a word of why).
     */
    @Test
    void anOperatorIsToldOnceWhenASinkFailsRemindedEachMinuteAndToldWhenItWritesAgain() {
        ResilientSink sink = noticing(target);
        target.fails = call -> true;

        for (int batch = 0; batch < 5; batch++) { // 3 failed writes each, then the open circuit rejects the rest
            sink.write(TestBatches.of("down-" + batch));
        }
        assertThat(notices).containsExactly("fapilog: sink 'scripted' failed: java.io.IOException: disk full (call 1); "
                + "its events go to standard error until it writes again (fapilog.sink.errors counts its failures)");

        clock.advance(Duration.ofSeconds(61)); // the circuit lets a trial through, which fails: a reminder
        sink.write(TestBatches.of("still-down"));
        assertThat(notices).hasSize(2);
        assertThat(notices.get(1)).isEqualTo("fapilog: sink 'scripted' still failing, 9 failed writes in the last minute: "
                + "java.io.IOException: disk full (call 10)");

        target.fails = call -> false;
        clock.advance(Duration.ofSeconds(31));
        sink.write(TestBatches.of("back"));
        sink.write(TestBatches.of("and again"));
        assertThat(notices).hasSize(3);
        assertThat(notices.get(2)).isEqualTo("fapilog: sink 'scripted' writes again, after 10 failed writes");
        assertThat(target.written.lines()).containsExactly("back", "and again");
    }

    /**
     * A sink that fails now and then (every fourth write) is said once, with its recovery, then once a
     * minute with what happened since: not two lines at every failure, as the first notices gave.
     */
    @Test
    void aSinkFailingNowAndThenIsSaidOnceAMinuteNotAtEveryFailure() {
        ResilientSink sink = ResilientSink.builder(target).settings(new CircuitBreakerSettings(0, Duration.ZERO, 3,
                        Duration.ofSeconds(30), true)).fallback(fallback).clock(clock).jitter(() -> 0.5).sleeper(clock::advance)
                .notices(new SinkFailureNotices(notices::add, clock)).build();
        target.fails = call -> call % 4 == 0;

        for (int batch = 1; batch <= 100; batch++) { // one a second: 25 failures, 25 recoveries
            sink.write(TestBatches.of("event-" + batch));
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(notices).containsExactly(
                "fapilog: sink 'scripted' failed: java.io.IOException: disk full (call 4); its events go to standard error "
                        + "until it writes again (fapilog.sink.errors counts its failures)",
                "fapilog: sink 'scripted' writes again, after 1 failed writes",
                "fapilog: sink 'scripted' failed again, 16 failed writes, 15 recoveries in the last minute: "
                        + "java.io.IOException: disk full (call 68)",
                "fapilog: sink 'scripted' writes again, after 1 failed writes");
        assertThat(sink.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(fallback.size()).isEqualTo(25);
    }

    /**
     * A sink that writes a batch but rejects some of its events (a record too large for the broker)
     * works: its breaker stays closed, the rejected events go to the fallback, and it is said once a
     * minute. Counted as failed writes, five such batches opened the breaker and sent every later
     * event, the healthy ones, to the fallback.
     */
    /** A batch partly rejected after the breaker's whole failure time (records expired on a partition without a leader) trips it. */
    @Test
    void aPartlyRejectedBatchThatTookTheWholeFailureTimeOpensTheBreaker() {
        ResilientSink sink = noticing(io.fapilog.TestSinks.writing("kafka", batch -> {
            clock.advance(Duration.ofSeconds(121)); // delivery.timeout.ms ran out for one partition's records
            throw new SinkWriteException("1 of 2 records not acknowledged by Kafka: TimeoutException", null, new int[] {1});
        }));

        sink.write(TestBatches.of("acknowledged", "expired"));

        assertThat(sink.state()).isEqualTo(CircuitState.OPEN);
        assertThat(fallback.lines()).containsExactly("expired");
    }

    @Test
    void eventsRejectedByASinkThatWritesTheOthersNeitherOpenTheBreakerNorFloodTheNotices() {
        ResilientSink sink = noticing(io.fapilog.TestSinks.writing("kafka", batch -> {
            throw new SinkWriteException("1 of " + batch.eventCount() + " records not acknowledged by Kafka: "
                    + "RecordTooLargeException", null, new int[] {batch.eventCount() - 1});
        }));

        for (int batch = 0; batch < 10; batch++) {
            sink.write(TestBatches.of("small-" + batch, "small-" + batch, "big-" + batch));
        }

        assertThat(sink.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(fallback.lines()).hasSize(10).allMatch(line -> line.startsWith("big-"));
        assertThat(sink.writtenEventCount()).isEqualTo(20);
        assertThat(notices).containsExactly("fapilog: sink 'kafka' rejected 1 event so far: "
                + "io.fapilog.spi.SinkWriteException: 1 of 3 records not acknowledged by Kafka: RecordTooLargeException (events [2]); "
                + "rejected events go to its fallback, the others were written");
    }

    /** With the default settings, a sink back from an outage is tried again 5 s after its circuit opened, and written. */
    @Test
    void byDefaultASinkBackFromAnOutageIsWrittenAgainWithinSeconds() {
        ResilientSink sink = ResilientSink.builder(target).fallback(fallback).clock(clock).jitter(() -> 0.5)
                .sleeper(clock::advance).build();
        target.fails = call -> true;
        for (int batch = 0; batch < 5; batch++) {
            sink.write(TestBatches.of("down-" + batch));
        }
        assertThat(sink.state()).isEqualTo(CircuitState.OPEN);

        target.fails = call -> false; // the collector is back
        clock.advance(Duration.ofSeconds(4));
        sink.write(TestBatches.of("still held back"));
        clock.advance(Duration.ofSeconds(1));
        sink.write(TestBatches.of("written"));

        assertThat(sink.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(target.written.lines()).containsExactly("written");
        assertThat(fallback.lines()).endsWith("still held back");
    }

    /** {@code Retry-After: 9223372036854775807} after a slow answer: past any failure time, not an overflow that loses the batch. */
    @Test
    void aRetryAfterBeyondAnyDurationSendsTheBatchToTheFallback() {
        ResilientSink sink = ResilientSink.builder(io.fapilog.TestSinks.writing("throttled", batch -> {
                    clock.advance(Duration.ofMillis(1_100));
                    throw new SinkWriteException("HTTP 429", true, Duration.ofSeconds(Long.MAX_VALUE));
                })).settings(SETTINGS).fallback(fallback).clock(clock).sleeper(sleeps::add).build();

        sink.write(TestBatches.of("a", "b"));

        assertThat(sleeps).isEmpty();
        assertThat(fallback.lines()).containsExactly("a", "b");
        assertThat(sink.health()).isEqualTo(new SinkHealth("throttled", CircuitState.OPEN, 1,
                "io.fapilog.spi.SinkWriteException: HTTP 429", 0, 2, 0)); // for the longest pause honoured
    }

    /**
     * A collector answering {@code 429} with {@code Retry-After: 90} gets no request for 90 s: the batch
     * cannot wait that long and goes to the fallback, and the circuit stays open until then. Before, the
     * circuit stayed closed (one failure), the next batch asked again at once, and once open a trial came
     * every {@code openDuration} whatever the collector had asked.
     */
    @Test
    void aRetryAfterLongerThanABatchMayWaitHoldsTheCircuitOpenUntilItEnds() {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean throttled = new java.util.concurrent.atomic.AtomicBoolean(true);
        ResilientSink sink = ResilientSink.builder(io.fapilog.TestSinks.writing("throttled", batch -> {
                    calls.incrementAndGet();
                    if (throttled.get()) {
                        throw new SinkWriteException("HTTP 429", true, Duration.ofSeconds(90));
                    }
                })).settings(SETTINGS).fallback(fallback).clock(clock).sleeper(sleeps::add).build();

        sink.write(TestBatches.of("a"));
        clock.advance(Duration.ofSeconds(45)); // past openDuration (30 s), not past the 90 s asked for
        sink.write(TestBatches.of("b"));
        clock.advance(Duration.ofSeconds(46));
        throttled.set(false);
        sink.write(TestBatches.of("c"));

        assertThat(calls).as("the first write and the trial after 90 s").hasValue(2);
        assertThat(sleeps).isEmpty();
        assertThat(fallback.lines()).containsExactly("a", "b");
        assertThat(sink.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aBatchThatExhaustsItsRetriesGoesToTheFallback() {
        ResilientSink sink = resilient();
        target.fails = call -> true;

        sink.write(TestBatches.of("a", "b"));

        assertThat(target.calls).hasValue(3);
        assertThat(fallback.lines()).containsExactly("a", "b");
        assertThat(sink.errorCount()).isEqualTo(3);
        assertThat(sink.fallbackEventCount()).isEqualTo(2);
        assertThat(sink.droppedEventCount()).isZero();
        assertThat(sink.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(sink.health()).isEqualTo(new SinkHealth("scripted", CircuitState.CLOSED, 3,
                "java.io.IOException: disk full (call 3)", 0, 2, 0));
    }

    /** A sink that acknowledges some events of each batch and reports the others as failed for good. */
    static final class PartlyFailingSink implements Sink {
        final InMemorySink written = new InMemorySink("partly");
        final AtomicInteger calls = new AtomicInteger();
        volatile int[] failing;

        @Override
        public String name() {
            return "partly";
        }

        @Override
        public void write(EncodedBatch batch) throws SinkWriteException {
            calls.incrementAndGet();
            List<String> lines = batch.lines();
            java.util.Set<Integer> failed = java.util.Arrays.stream(failing).boxed().collect(java.util.stream.Collectors.toSet());
            for (int i = 0; i < lines.size(); i++) {
                if (!failed.contains(i)) {
                    written.write(TestBatches.of(lines.get(i)));
                }
            }
            throw failing.length == lines.size()
                    ? new SinkWriteException("rejected", null)
                    : new SinkWriteException("partly rejected", null, failing);
        }
    }

    @Test
    void aFinalWriteFailureIsNotRetriedAndOnlyItsFailedEventsGoToTheFallback() {
        PartlyFailingSink partly = new PartlyFailingSink();
        partly.failing = new int[] {1, 3};
        ResilientSink sink = ResilientSink.builder(partly).settings(SETTINGS).fallback(fallback).clock(clock)
                .sleeper(sleeps::add).build();
        EncodedBatch batch = new EncodedBatch();
        for (String line : List.of("a", "b", "c", "d")) {
            batch.append(line.getBytes(StandardCharsets.UTF_8), 0, line.length());
            batch.endEvent("record-" + line);
        }

        sink.write(batch);

        assertThat(partly.calls).hasValue(1);
        assertThat(sleeps).isEmpty();
        assertThat(partly.written.lines()).containsExactly("a", "c");
        assertThat(fallback.lines()).containsExactly("b", "d");
        assertThat(sink.fallbackEventCount()).isEqualTo(2);
        assertThat(sink.droppedEventCount()).isZero();
        assertThat(sink.writtenEventCount()).isEqualTo(2); // a and c, which the sink took
        assertThat(sink.errorCount()).isEqualTo(1);
    }

    @Test
    void finalWriteFailuresOfWholeBatchesOpenTheCircuit() {
        PartlyFailingSink partly = new PartlyFailingSink();
        partly.failing = new int[] {0};
        ResilientSink sink = ResilientSink.builder(partly).settings(SETTINGS).fallback(fallback).clock(clock)
                .sleeper(sleeps::add).build();

        for (int i = 0; i < 4; i++) {
            sink.write(TestBatches.of("e" + i));
        }

        assertThat(partly.calls).hasValue(3);
        assertThat(sink.state()).isEqualTo(CircuitState.OPEN);
        assertThat(fallback.lines()).containsExactly("e0", "e1", "e2", "e3");
        assertThat(sink.errorCount()).isEqualTo(3);
    }

    @Test
    void aSuccessResetsTheConsecutiveFailureCount() {
        ResilientSink sink = resilient();
        target.fails = call -> call <= 6 || call >= 8; // two failed batches, one good, then failures

        sink.write(TestBatches.of("1"));
        sink.write(TestBatches.of("2"));
        sink.write(TestBatches.of("3"));
        sink.write(TestBatches.of("4"));
        sink.write(TestBatches.of("5"));
        assertThat(sink.state()).isEqualTo(CircuitState.CLOSED);

        sink.write(TestBatches.of("6"));
        assertThat(sink.state()).isEqualTo(CircuitState.OPEN);
        assertThat(target.written.lines()).containsExactly("3");
        assertThat(fallback.lines()).containsExactly("1", "2", "4", "5", "6");
        assertThat(sink.health().writtenEvents()).isEqualTo(1);
        assertThat(sink.health().fallbackEvents()).isEqualTo(5);
    }

    @Test
    void theCircuitOpensAfterTheThresholdAndSkipsTheSinkWhileOpen() {
        ResilientSink sink = resilient();
        open(sink);
        assertThat(target.calls).hasValue(9);

        clock.advance(Duration.ofSeconds(29));
        sink.write(TestBatches.of("while-open-1", "while-open-2"));

        assertThat(target.calls).hasValue(9);
        assertThat(fallback.lines()).containsExactly("opening-0", "opening-1", "opening-2", "while-open-1", "while-open-2");
        assertThat(sink.fallbackEventCount()).isEqualTo(5);
        assertThat(sink.health()).isEqualTo(new SinkHealth("scripted", CircuitState.OPEN, 9,
                "java.io.IOException: disk full (call 9)", 0, 5, 0));
        assertThat(sink.health().healthy()).isFalse();
    }

    @Test
    void aSuccessfulTrialAfterTheOpenDurationClosesTheCircuit() {
        ResilientSink sink = resilient();
        open(sink);
        clock.advance(Duration.ofSeconds(30));
        target.fails = call -> false;

        sink.write(TestBatches.of("trial"));
        sink.write(TestBatches.of("after"));

        assertThat(sink.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(target.calls).hasValue(11);
        assertThat(target.written.lines()).containsExactly("trial", "after");
    }

    @Test
    void aFailedTrialReopensTheCircuitForAnotherOpenDuration() {
        ResilientSink sink = resilient();
        open(sink);
        clock.advance(Duration.ofSeconds(30));

        sink.write(TestBatches.of("trial-1"));
        assertThat(target.calls).as("a trial is a single attempt").hasValue(10);
        assertThat(sink.state()).isEqualTo(CircuitState.OPEN);
        assertThat(fallback.lines()).endsWith("trial-1");

        clock.advance(Duration.ofSeconds(29));
        sink.write(TestBatches.of("still-open"));
        assertThat(target.calls).hasValue(10);

        clock.advance(Duration.ofSeconds(1));
        target.fails = call -> false;
        sink.write(TestBatches.of("trial-2"));
        assertThat(target.calls).hasValue(11);
        assertThat(sink.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(target.written.lines()).containsExactly("trial-2");
        assertThat(sink.errorCount()).isEqualTo(10);
    }

    @Test
    void nothingEscapesWhenTheFallbackAndTheListenerThrow() {
        ResilientSink sink = ResilientSink.builder(target).settings(SETTINGS).fallback(new BrokenSink())
                .clock(clock).sleeper(delay -> { })
                .listener((name, error) -> {
                    reported.add(name);
                    throw new IllegalStateException("listener bug");
                })
                .build();
        target.fails = call -> true;

        assertThatCode(() -> {
            sink.write(TestBatches.of("a", "b"));
            sink.flush();
            sink.close();
        }).doesNotThrowAnyException();
        assertThat(sink.droppedEventCount()).isEqualTo(2);
        assertThat(sink.fallbackEventCount()).isZero();
        assertThat(reported).containsExactly("scripted", "scripted", "scripted", "broken-fallback");
    }

    @Test
    void withoutFallbackFailedBatchesAreDroppedAndCounted() {
        ResilientSink sink = resilient(new CircuitBreakerSettings(0, Duration.ZERO, 1, Duration.ofSeconds(1), false), fallback);
        target.fails = call -> true;

        sink.write(TestBatches.of("a", "b", "c"));

        assertThat(fallback.size()).isZero();
        assertThat(sink.droppedEventCount()).isEqualTo(3);
        assertThat(sink.errorCount()).isEqualTo(1);
        assertThat(sink.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void theDefaultFallbackIsTheCurrentStandardError() {
        ResilientSink sink = ResilientSink.builder(target)
                .settings(new CircuitBreakerSettings(0, Duration.ZERO, 5, Duration.ofSeconds(1), true)).build();
        target.fails = call -> true;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            sink.write(TestBatches.of("{\"message\":\"to stderr\"}"));
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo("{\"message\":\"to stderr\"}\n");
    }

    @Test
    void underConcurrentLoadEveryEventIsWrittenByTheSinkOrTheFallbackExactlyOnce() throws Exception {
        int threads = 8;
        int batches = 500;
        ResilientSink sink = resilient(new CircuitBreakerSettings(1, Duration.ofMillis(1), 3, Duration.ofMillis(5), true), fallback);
        target.fails = call -> call % 3 == 0 || (call / 100) % 4 == 1; // scattered failures and outages
        List<String> expected = ConcurrentWriters.run(threads, batches, (thread, batch, lines) -> {
            clock.advance(Duration.ofMillis(1));
            sink.write(TestBatches.of(lines));
        });

        List<String> everything = Stream.concat(target.written.lines().stream(), fallback.lines().stream()).toList();
        assertThat(everything).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(sink.fallbackEventCount()).isEqualTo(fallback.size()).isPositive();
        assertThat(target.written.size()).isPositive();
        assertThat(sink.writtenEventCount()).isEqualTo(target.written.size());
        assertThat(sink.droppedEventCount()).isZero();
        assertThat(sink.errorCount()).isEqualTo(target.failures.get());
        assertThat(reported).hasSize(target.failures.get());
    }

    /** A shutdown that cannot wait: stopRetrying ends a back-off in progress, and the batch goes to the fallback. */
    @Test
    void stopRetryingEndsABackOffInProgressAndSendsTheBatchToTheFallback() throws Exception {
        java.util.concurrent.CountDownLatch failed = new java.util.concurrent.CountDownLatch(1);
        Sink busy = io.fapilog.TestSinks.writing("busy", batch -> {
            failed.countDown();
            throw new SinkWriteException("HTTP 503", true, Duration.ofSeconds(60));
        });
        InMemorySink fallback = new InMemorySink("fallback");
        ResilientSink sink = ResilientSink.builder(busy).fallback(fallback)
                .settings(new CircuitBreakerSettings(3, Duration.ofMillis(10), 5, Duration.ofSeconds(30), true,
                        Duration.ofHours(1)))
                .build();

        java.util.concurrent.CompletableFuture<Void> write =
                java.util.concurrent.CompletableFuture.runAsync(() -> sink.write(TestBatches.of("waiting")));
        assertThat(failed.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        sink.stopRetrying();

        write.get(20, java.util.concurrent.TimeUnit.SECONDS); // not the 60 s Retry-After
        assertThat(fallback.lines()).containsExactly("waiting");
        assertThat(sink.errorCount()).isEqualTo(1);
    }
}

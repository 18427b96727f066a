package io.fapilog;

import io.fapilog.config.Format;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loggers of {@link Fapilog}'s static methods write through the runtime that is the default at
 * the call: one kept in a static field before the application's runtime started follows it.
 */
class DefaultRuntimeLoggerTest {

    @AfterEach
    void forgetDefaults() {
        Fapilog.setDefaultRuntime(null);
    }

    /** An application's runtime, made the default as the starter does. */
    private static FapilogRuntime defaultApplication(InMemorySink sink) {
        FapilogRuntime application = application(sink, Format.FAPILOG);
        Fapilog.setDefaultRuntime(application);
        return application;
    }

    private static FapilogRuntime application(InMemorySink sink, Format format) {
        return Fapilog.builder().preset(Preset.PRODUCTION).format(format).level("quiet", Level.WARN)
                .sinks().sink(sink).shutdownHook(false).start();
    }

    @Test
    void aLoggerMadeBeforeTheApplicationsRuntimeWritesThroughItOnceItIsTheDefault() throws Exception {
        Logger early = Fapilog.getLogger("early");
        Logger bound = Fapilog.getLogger("early").bind("job", "nightly");
        Logger quiet = Fapilog.getLogger("quiet.worker");
        AsyncLogger async = Fapilog.getAsyncLogger("early.async");
        InMemorySink sink = new InMemorySink("test");
        FapilogRuntime app = application(sink, Format.ECS);
        Fapilog.setDefaultRuntime(app);

        early.info("hello", "password", "hunter2");
        bound.info("bound");
        quiet.info("not at INFO");
        quiet.warn("at WARN");
        async.info("async").block();
        assertThat(quiet.isEnabled(Level.INFO)).isFalse();
        app.stopAndDrain().get(10, TimeUnit.SECONDS);

        List<JsonNode> events = TestSinks.parse(sink.lines());
        assertThat(events).extracting(e -> e.get("message").asString()).containsExactly("hello", "bound", "at WARN", "async");
        assertThat(events.get(0).has("@timestamp")).isTrue(); // the application's format, ECS
        assertThat(events.get(0).get("password").asString()).isEqualTo("***");
        assertThat(events.get(1).get("job").asString()).isEqualTo("nightly");
        assertThat(app.stats().submitted()).isEqualTo(4);
        assertThat(app.stats().processed()).isEqualTo(4);
    }

    @Test
    void aLoggerFollowsTheDefaultBackWhenTheApplicationsRuntimeStopsAndToTheNextOne() throws Exception {
        Logger log = Fapilog.getLogger("follower");
        InMemorySink first = new InMemorySink("test");
        FapilogRuntime firstApp = defaultApplication(first);
        log.info("one");
        firstApp.stopAndDrain().get(10, TimeUnit.SECONDS);
        log.info("two"); // the drained runtime writes synchronously
        assertThat(first.lines()).hasSize(2);

        InMemorySink second = new InMemorySink("test");
        FapilogRuntime secondApp = defaultApplication(second);
        log.info("three");
        secondApp.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(TestSinks.parse(second.lines())).extracting(e -> e.get("message").asString()).containsExactly("three");
    }

    /**
     * Another application starts without a runtime of its own (a DevTools restart into
     * {@code fapilog.enabled=false}): the earlier application's drained runtime, whose file sink is
     * closed, no longer takes the static loggers' events; a runtime that still runs stays the default.
     */
    @Test
    void forgettingTheDrainedRuntimeLeavesARunningDefaultAndOtherwiseThePresets() throws Exception {
        Logger log = Fapilog.getLogger("follower");
        InMemorySink first = new InMemorySink("test");
        FapilogRuntime firstApp = defaultApplication(first);
        firstApp.stopAndDrain().get(10, TimeUnit.SECONDS);
        assertThat(Fapilog.applicationRuntime()).isSameAs(firstApp);

        Fapilog.forgetDrainedRuntime();

        assertThat(Fapilog.applicationRuntime()).isNull();
        assertThat(Fapilog.defaultRuntime()).isNotSameAs(firstApp).matches(runtime -> !runtime.isStopped());
        log.info("after");
        assertThat(first.lines()).isEmpty();

        InMemorySink running = new InMemorySink("test");
        FapilogRuntime runningApp = defaultApplication(running);
        Fapilog.forgetDrainedRuntime();
        assertThat(Fapilog.applicationRuntime()).isSameAs(runningApp);
        runningApp.close();
    }

    /** Eight threads log through one static logger while the default moves between two runtimes: every event is in one of them. */
    @Test
    void everyEventIsWrittenOnceWhileTheDefaultChangesUnderManyThreads() throws Exception {
        Logger log = Fapilog.getLogger("stress");
        InMemorySink a = new InMemorySink("test");
        InMemorySink b = new InMemorySink("test");
        FapilogRuntime runtimeA = application(a, Format.FAPILOG);
        FapilogRuntime runtimeB = application(b, Format.FAPILOG);
        Fapilog.setDefaultRuntime(runtimeA);
        int threads = 8;
        int perThread = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean done = new AtomicBoolean();
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread producer = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    log.info("event", "thread", id, "seq", i);
                }
            });
            producer.start();
            producers.add(producer);
        }
        Thread switcher = new Thread(() -> {
            boolean toB = true;
            while (!done.get()) {
                Fapilog.setDefaultRuntime(toB ? runtimeB : runtimeA);
                toB = !toB;
                Thread.onSpinWait();
            }
        });
        switcher.start();
        start.countDown();
        for (Thread producer : producers) {
            producer.join(TimeUnit.SECONDS.toMillis(60));
        }
        done.set(true);
        switcher.join(TimeUnit.SECONDS.toMillis(10));
        runtimeA.stopAndDrain().get(30, TimeUnit.SECONDS);
        runtimeB.stopAndDrain().get(30, TimeUnit.SECONDS);

        long written = a.size() + b.size();
        long dropped = runtimeA.stats().dropped() + runtimeB.stats().dropped();
        assertThat(written + dropped).isEqualTo((long) threads * perThread);
        assertThat(runtimeA.stats().submitted() + runtimeB.stats().submitted()).isEqualTo((long) threads * perThread);
        assertThat(a.size()).isPositive();
        assertThat(b.size()).isPositive();
    }
}

package io.fapilog;

import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A logger's stopAndDrain() stops a runtime nobody owns, and only flushes one an application context owns. */
class RuntimeOwnershipTest {

    private final InMemorySink sink = new InMemorySink();

    private FapilogRuntime start() {
        return Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).shutdownHook(false).start();
    }

    @Test
    void inAPlainProgramALoggersStopAndDrainStopsTheRuntime() throws Exception {
        FapilogRuntime runtime = start();
        Logger log = runtime.getLogger("cli");
        log.info("one");
        DrainResult result = log.stopAndDrain().get(10, TimeUnit.SECONDS);

        assertThat(runtime.isStopped()).isTrue();
        assertThat(result.submitted()).isEqualTo(1);
        assertThat(result.processed()).isEqualTo(1);
        assertThat(sink.lines()).hasSize(1);
    }

    @Test
    void anOwnedRuntimeIsFlushedNotStoppedAndTheOwnersDrainReportsEverything() throws Exception {
        FapilogRuntime runtime = start();
        runtime.ownedBy("the test");
        Logger log = runtime.getLogger("controller");
        for (int i = 0; i < 10; i++) {
            log.info("before", "i", i);
        }
        PrintStream stderr = System.err;
        ByteArrayOutputStream notices = new ByteArrayOutputStream();
        DrainResult flushed;
        System.setErr(new PrintStream(notices, true));
        try {
            flushed = log.stopAndDrain().get(10, TimeUnit.SECONDS);
            log.stopAndDrain().get(10, TimeUnit.SECONDS);
        } finally {
            System.setErr(stderr);
        }

        assertThat(runtime.isStopped()).isFalse();
        assertThat(flushed.processed()).isEqualTo(10);
        assertThat(sink.lines()).hasSize(10);
        assertThat(notices.toString().lines()).hasSize(1).allMatch(line -> line.contains("owned by the test"));

        log.info("after");
        DrainResult drained = runtime.stopAndDrain(Duration.ofSeconds(10));
        assertThat(drained.submitted()).isEqualTo(11);
        assertThat(drained.processed()).isEqualTo(11);
        assertThat(drained.dropped()).isZero();
    }
}

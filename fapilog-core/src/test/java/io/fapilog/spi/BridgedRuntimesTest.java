package io.fapilog.spi;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Preset;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class BridgedRuntimesTest {

    private final FapilogRuntime first = started();
    private final FapilogRuntime second = started();
    private final BridgedRuntimes runtimes = new BridgedRuntimes();

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    private static FapilogRuntime started() {
        return Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(new InMemorySink()).shutdownHook(false).start();
    }

    @Test
    void eventsGoToTheNewestRunningThenTheNewestConnectedThenTheOneKeptForLateEvents() {
        assertThat(runtimes.target()).isNull();
        assertThat(runtimes.isEmpty()).isTrue();
        runtimes.connect(first);
        runtimes.connect(second);
        runtimes.connect(first); // connected again: the newest
        assertThat(runtimes.connected()).containsExactly(second, first);
        assertThat(runtimes.target()).isSameAs(first);

        first.stopAndDrain(Duration.ofSeconds(10));
        assertThat(runtimes.target()).as("the newest running").isSameAs(second);
        second.stopAndDrain(Duration.ofSeconds(10));
        assertThat(runtimes.target()).as("the newest, drained").isSameAs(first);

        assertThat(runtimes.disconnectDrained(first)).isFalse();
        assertThat(runtimes.keptForLateEvents()).as("another is still connected").isNull();
        assertThat(runtimes.disconnectDrained(second)).isTrue();
        assertThat(runtimes.keptForLateEvents()).isSameAs(second);
        assertThat(runtimes.target()).isSameAs(second);
        assertThat(runtimes.isEmpty()).isFalse();
    }

    @Test
    void connectingForgetsTheRuntimeKeptForLateEvents() {
        runtimes.keepForLateEvents(first);
        runtimes.connect(second);
        assertThat(runtimes.keptForLateEvents()).isNull();
        assertThat(runtimes.disconnect(second)).isTrue();
        assertThat(runtimes.target()).isNull();
    }

    /**
     * An appender's threads read the target while the bridge connects and disconnects: a drained
     * runtime disconnected last, and the next one connected, leave no instant without a target (an
     * event logged then went to the appenders the bridge replaced, raw).
     */
    @Test
    void aReaderAlwaysFindsATargetWhileDrainedRuntimesAreDisconnectedAndOthersConnected() throws Exception {
        first.stopAndDrain(Duration.ofSeconds(10));
        second.stopAndDrain(Duration.ofSeconds(10));
        runtimes.connect(first);
        AtomicBoolean switching = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        AtomicLong withoutTarget = new AtomicLong();
        CountDownLatch reading = new CountDownLatch(4);
        Thread[] readers = new Thread[4];
        for (int i = 0; i < readers.length; i++) {
            readers[i] = new Thread(() -> {
                reading.countDown();
                while (switching.get()) {
                    reads.incrementAndGet();
                    if (runtimes.target() == null) {
                        withoutTarget.incrementAndGet();
                    }
                }
            });
            readers[i].start();
        }
        reading.await();
        for (int i = 0; i < 200_000; i++) {
            FapilogRuntime runtime = i % 2 == 0 ? first : second;
            runtimes.disconnectDrained(runtime);
            runtimes.connect(runtime == first ? second : first);
        }
        switching.set(false);
        for (Thread reader : readers) {
            reader.join();
        }

        assertThat(reads.get()).isPositive();
        assertThat(withoutTarget.get()).isZero();
    }
}

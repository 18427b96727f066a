package io.fapilog.internal.sinks;

import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Sink;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class HandOffSinkTest {

    @Test
    void takesUpToItsCapacityWhileTheSinkHangsCountsTheRestAndDrainsOnClose() throws Exception {
        InMemorySink target = new InMemorySink("target");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        Sink hanging = new Sink() {
            @Override
            public String name() {
                return "hanging";
            }

            @Override
            public void write(EncodedBatch batch) throws Exception {
                entered.countDown();
                gate.await();
                target.write(batch);
            }
        };
        HandOffSink handOff = new HandOffSink(hanging, 2, Duration.ZERO);
        EncodedBatch reused = new EncodedBatch();
        for (int i = 0; i < 6; i++) {
            reused.reset();
            for (String line : new String[] {"{\"b\":" + i + ",\"e\":0}", "{\"b\":" + i + ",\"e\":1}"}) {
                byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                reused.append(bytes, 0, bytes.length);
                reused.endEvent();
            }
            handOff.write(reused);
            if (i == 0) {
                assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue(); // batch 0 is being written
            }
        }
        assertThat(handOff.queued()).isEqualTo(2);
        assertThat(handOff.droppedEventCount()).as("batches 3 to 5, two events each").isEqualTo(6);
        assertThat(handOff.health().droppedEvents()).isEqualTo(6);

        gate.countDown();
        handOff.close();
        assertThat(target.lines()).containsExactly("{\"b\":0,\"e\":0}", "{\"b\":0,\"e\":1}",
                "{\"b\":1,\"e\":0}", "{\"b\":1,\"e\":1}", "{\"b\":2,\"e\":0}", "{\"b\":2,\"e\":1}");
        handOff.write(TestBatches.of("{\"late\":1}"));
        assertThat(handOff.droppedEventCount()).as("closed: counted, not lost silently").isEqualTo(7);
    }

    @Test
    void aSinkSlowerThanItsWriterPushesBackInsteadOfDropping() throws Exception {
        InMemorySink target = new InMemorySink("target");
        Sink slow = new Sink() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public void write(EncodedBatch batch) throws Exception {
                LockSupport.parkNanos(1_000_000L); // a collector answering in a millisecond
                target.write(batch);
            }
        };
        HandOffSink handOff = new HandOffSink(slow, 2, Duration.ofSeconds(30));
        int batches = 100;
        for (int i = 0; i < batches; i++) {
            handOff.write(TestBatches.of("{\"b\":" + i + "}"));
        }
        handOff.close();
        assertThat(handOff.droppedEventCount()).isZero();
        assertThat(target.lines()).hasSize(batches).first().isEqualTo("{\"b\":0}");
        assertThat(target.lines()).last().isEqualTo("{\"b\":99}");
    }
}

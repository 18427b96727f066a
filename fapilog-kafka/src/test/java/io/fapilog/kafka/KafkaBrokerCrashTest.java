package io.fapilog.kafka;

import io.fapilog.DrainResult;
import io.fapilog.Logger;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.fapilog.kafka.KafkaSinkTest.assertIdentity;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broker killed ({@code kill -9}) mid-run and started again: what the producer retries within
 * {@code delivery.timeout.ms} arrives exactly once; what outlives it is counted and goes to the fallback.
 */
class KafkaBrokerCrashTest {

    private KafkaBroker broker;

    @BeforeEach
    void startBroker() throws Exception {
        broker = KafkaBroker.shared();
    }

    private static void awaitAcknowledged(KafkaSink kafka, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (kafka.acknowledgedEvents() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertThat(kafka.acknowledgedEvents()).isEqualTo(count);
    }

    private static void log(Logger log, int from, int to) {
        for (int i = from; i < to; i++) {
            log.info("Processing item", "seq", i);
        }
    }

    /** One event every 10 ms, as a service logs between requests: a small batch each, more than the sink's hand-off holds. */
    private static void trickle(Logger log, int from, int to) {
        for (int i = from; i < to; i++) {
            log.info("Processing item", "seq", i);
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static Set<Long> seqs(InMemorySink fallback) {
        Set<Long> seqs = new HashSet<>();
        fallback.lines().forEach(line -> seqs.add(Long.parseLong(line.replaceAll(".*\"seq\":(\\d+).*", "$1"))));
        return seqs;
    }

    @Test
    void whatTheProducerRetriesArrivesOnceAndWhatOutlivesTheDeliveryTimeoutIsCounted() throws Exception {
        broker.createTopic("crash-retried", 3);
        broker.createTopic("crash-counted", 3);
        // Waits out the outage at the default max-block (30 s: a send that needs metadata waits for the
        // broker, which a single broker's outage makes the producer forget): the client retries
        // within delivery.timeout.ms (longer here: a restart on a loaded machine can take seconds).
        KafkaSink patient = KafkaSink.builder().name("patient").bootstrapServers(broker.bootstrapServers())
                .topic("crash-retried").deliveryTimeout(Duration.ofSeconds(90)).build();
        // Gives up during the outage: its records fail after delivery.timeout.ms. 5 s, not less: the
        // same timeout covers its first sends to the restarted broker, which on a loaded machine
        // (a full build) once took over 2 s and failed all 300 events logged after the restart.
        KafkaSink impatient = KafkaSink.builder().name("impatient").bootstrapServers(broker.bootstrapServers())
                .topic("crash-counted").deliveryTimeout(Duration.ofSeconds(5)).maxBlock(Duration.ofMillis(500)).build();
        KafkaSinkTest.Setup retried = KafkaSinkTest.Setup.start(patient, 1_000);
        // Its breaker stays closed through the outage: with the default time a failing sink may cost
        // (10 s), the outage's two failed writes (5 s each, when the hand-off did not merge them) opened
        // it for 30 s, and the events logged after the restart went to the fallback too. One retry
        // covers a first send to the restarted broker that a loaded machine lets time out.
        KafkaSinkTest.Setup counted = KafkaSinkTest.Setup.start(impatient, new io.fapilog.config.CircuitBreakerSettings(
                1, Duration.ofMillis(1), 1_000, Duration.ofSeconds(30), true, Duration.ofMinutes(2)), KafkaSinkTest.DRAIN_TIMEOUT);
        Logger retriedLog = retried.runtime().getLogger("orders.api");
        Logger countedLog = counted.runtime().getLogger("orders.api");

        log(retriedLog, 0, 300);
        log(countedLog, 0, 300);
        awaitAcknowledged(patient, 300);
        awaitAcknowledged(impatient, 300);
        broker.kill();
        try {
            trickle(retriedLog, 300, 600);  // the hand-off holds them while its write waits on the producer's retries
            log(countedLog, 300, 600);  // these fail after delivery.timeout.ms
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (counted.resilient().fallbackEventCount() < 300 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
        } finally {
            broker.start();
        }
        // The events after the outage must all arrive: log them once the restarted broker takes writes
        // again (the patient sink's retried events are in), not while it still elects its leaders.
        awaitAcknowledged(patient, 600);
        broker.awaitLeaders("crash-counted");
        log(retriedLog, 600, 900);
        log(countedLog, 600, 900);
        DrainResult retriedResult = retried.drain();
        DrainResult countedResult = counted.drain();

        assertIdentity(retriedResult, 900);
        assertThat(patient.acknowledgedEvents()).isEqualTo(900);
        assertThat(retried.runtime().sinkHealth()).singleElement()
                .satisfies(health -> assertThat(health.writtenEvents()).isEqualTo(900));
        assertThat(patient.failedEvents()).isZero();
        assertThat(retried.fallback().size()).isZero();
        List<Long> retriedSeqs = TopicReader.read(broker.bootstrapServers(), "crash-retried", 900).stream()
                .map(TopicReader.Consumed::seq).toList();
        assertThat(retriedSeqs).hasSize(900).doesNotHaveDuplicates().contains(0L, 299L, 300L, 599L, 600L, 899L);

        assertIdentity(countedResult, 900);
        assertThat(counted.resilient().fallbackEventCount()).isEqualTo(300);
        assertThat(counted.resilient().droppedEventCount()).isZero();
        assertThat(impatient.failedEvents()).isEqualTo(300);
        assertThat(impatient.acknowledgedEvents()).isEqualTo(600);
        assertThat(counted.runtime().sinkHealth()).singleElement().satisfies(health -> {
            assertThat(health.writtenEvents()).as("what the broker acknowledged").isEqualTo(600);
            assertThat(health.fallbackEvents()).isEqualTo(300);
        });
        assertThat(seqs(counted.fallback())).hasSize(300).allMatch(seq -> seq >= 300 && seq < 600);
        List<Long> countedSeqs = TopicReader.read(broker.bootstrapServers(), "crash-counted", 600).stream()
                .map(TopicReader.Consumed::seq).toList();
        assertThat(countedSeqs).hasSize(600).doesNotHaveDuplicates().allMatch(seq -> seq < 300 || seq >= 600);
    }

    @Test
    void aBrokerGoneAtShutdownCostsTheDrainItsTimeoutNotTheDeliveryTimeoutAndItsEventsGoToTheFallback() throws Exception {
        broker.createTopic("crash-shutdown", 3);
        KafkaSink kafka = KafkaSink.builder().name("gone").bootstrapServers(broker.bootstrapServers())
                .topic("crash-shutdown").deliveryTimeout(Duration.ofSeconds(60)).build();
        Duration shutdownTimeout = Duration.ofSeconds(4);
        KafkaSinkTest.Setup setup = KafkaSinkTest.Setup.start(kafka, 1_000, shutdownTimeout);
        Logger log = setup.runtime().getLogger("orders.api");
        log(log, 0, 300);
        awaitAcknowledged(kafka, 300);
        DrainResult result;
        broker.kill();
        try {
            log(log, 300, 600); // the producer holds these for delivery.timeout.ms (a minute) waiting for the broker
            result = setup.runtime().stopAndDrain(shutdownTimeout.plusSeconds(2));
        } finally {
            broker.start();
        }

        assertThat(result).as("the drain ended within the shutdown timeout").isNotNull();
        assertIdentity(result, 600);
        assertThat(result.dropped()).isZero();
        assertThat(kafka.acknowledgedEvents()).isEqualTo(300);
        assertThat(setup.resilient().fallbackEventCount()).isEqualTo(300);
        assertThat(seqs(setup.fallback())).hasSize(300).allMatch(seq -> seq >= 300 && seq < 600);
    }
}

package io.fapilog.internal.engine;

import io.fapilog.Level;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** Levels by logger name prefix: the longest set prefix wins, and a change reaches every logger at or below it. */
class LevelGatesTest {

    @Test
    void theLongestSetPrefixWinsAtEachSeparator() {
        LevelGates gates = new LevelGates(Level.INFO, Map.of("com.acme", Level.WARN, "com.acme.orders", Level.DEBUG,
                "com.acme.Outer", Level.ERROR, "com.acme.orders.Api", Level.TRACE));

        assertThat(gates.effectiveLevel("com.acme")).isEqualTo(Level.WARN);
        assertThat(gates.effectiveLevel("com.acme.billing.Invoices")).isEqualTo(Level.WARN);
        assertThat(gates.effectiveLevel("com.acme.orders.Repository")).isEqualTo(Level.DEBUG);
        assertThat(gates.effectiveLevel("com.acme.orders.Api")).isEqualTo(Level.TRACE);
        assertThat(gates.effectiveLevel("com.acme.orders.ApiClient")).as("a prefix ends at a separator").isEqualTo(Level.DEBUG);
        assertThat(gates.effectiveLevel("com.acme.Outer$Inner")).as("a nested class, as in Logback").isEqualTo(Level.ERROR);
        assertThat(gates.effectiveLevel("com.acmecorp.Service")).isEqualTo(Level.INFO);
        assertThat(gates.effectiveLevel("org.example")).isEqualTo(Level.INFO);
        assertThat(gates.effectiveLevel("")).isEqualTo(Level.INFO);
    }

    /** Log4j2's rule: only dots end a prefix, so a nested class's logger has its own name's level or a package's. */
    @Test
    void withoutTheDollarRuleANestedClassDoesNotInheritItsOuterClassLevel() {
        LevelGates gates = new LevelGates(Level.INFO, Map.of("com.acme", Level.WARN, "com.acme.Outer", Level.ERROR));
        LevelGate nested = gates.gate("com.acme.Outer$Inner");
        assertThat(nested.isEnabled(Level.WARN)).isFalse();

        gates.setDollarSeparates(false);
        assertThat(gates.effectiveLevel("com.acme.Outer$Inner")).isEqualTo(Level.WARN);
        assertThat(nested.isEnabled(Level.WARN)).as("a gate made before").isTrue();
        gates.setLevel("com.acme.Outer", Level.DEBUG);
        assertThat(nested.isEnabled(Level.INFO)).as("a change of the outer class leaves it alone").isFalse();
        gates.setLevel("com.acme.Outer$Inner", Level.TRACE);
        assertThat(nested.isEnabled(Level.TRACE)).isTrue();
        assertThat(gates.effectiveLevel("com.acme.Outer$Inner$Deeper")).isEqualTo(Level.WARN);

        gates.setDollarSeparates(true);
        assertThat(gates.effectiveLevel("com.acme.Outer$Inner$Deeper")).isEqualTo(Level.TRACE);
    }

    @Test
    void aChangeReachesTheGatesAtOrBelowItsPrefixOnly() {
        LevelGates gates = new LevelGates(Level.INFO, Map.of());
        LevelGate orders = gates.gate("com.acme.orders.Api");
        LevelGate nested = gates.gate("com.acme.orders.Api$Retry");
        LevelGate sibling = gates.gate("com.acme.ordersarchive.Job");
        LevelGate other = gates.gate("org.example.Job");

        gates.setLevel("com.acme.orders", Level.DEBUG);
        assertThat(List.of(level(gates, "com.acme.orders.Api"), level(gates, "com.acme.orders.Api$Retry"),
                level(gates, "com.acme.ordersarchive.Job"), level(gates, "org.example.Job")))
                .containsExactly(Level.DEBUG, Level.DEBUG, Level.INFO, Level.INFO);
        assertThat(orders.isEnabled(Level.DEBUG)).isTrue();
        assertThat(nested.isEnabled(Level.DEBUG)).isTrue();
        assertThat(sibling.isEnabled(Level.DEBUG)).isFalse();

        gates.setLevel(LevelGates.ROOT, Level.ERROR);
        assertThat(other.isEnabled(Level.WARN)).isFalse();
        assertThat(orders.isEnabled(Level.DEBUG)).isTrue();

        gates.setLevel("com.acme.orders", null);
        assertThat(orders.isEnabled(Level.WARN)).isFalse();
        assertThat(orders.isEnabled(Level.ERROR)).isTrue();
        assertThat(gates.gate("com.acme.orders.Late").isEnabled(Level.ERROR)).isTrue();
    }

    /** Gates made while levels change end at the level of the last change, whichever came first. */
    @Test
    void gatesMadeWhileLevelsChangeEndAtTheLastLevel() throws Exception {
        LevelGates gates = new LevelGates(Level.INFO, Map.of());
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<LevelGate> made = new ConcurrentLinkedQueue<>();
        List<Thread> makers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread maker = new Thread(() -> {
                await(start);
                for (int i = 0; i < 2_000; i++) {
                    made.add(gates.gate("com.acme.t" + id + ".L" + i));
                }
            });
            maker.start();
            makers.add(maker);
        }
        start.countDown();
        for (int i = 0; i < 200; i++) {
            gates.setLevel("com.acme", i % 2 == 0 ? Level.DEBUG : Level.ERROR);
        }
        gates.setLevel("com.acme", Level.TRACE);
        for (Thread maker : makers) {
            maker.join();
        }

        assertThat(made).hasSize(threads * 2_000).allMatch(gate -> gate.isEnabled(Level.TRACE));
    }

    private static Level level(LevelGates gates, String name) {
        return gates.effectiveLevel(name);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.fapilog.benchmarks;

import io.fapilog.DrainResult;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import io.fapilog.Preset;
import io.fapilog.config.FullPolicy;
import io.fapilog.config.ModeSelection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.fapilog.benchmarks.BenchEvent.ITEM_ID_KEY;
import static io.fapilog.benchmarks.BenchEvent.MESSAGE;
import static io.fapilog.benchmarks.BenchEvent.SIZE_KEY;
import static io.fapilog.benchmarks.BenchEvent.USER;
import static io.fapilog.benchmarks.BenchEvent.USER_KEY;

/**
 * What redaction and call-time capture cost: the {@link BenchEvent} alone ({@code flat}), the same
 * with one user string instance on every event ({@code repeated}: what fapilog's per-thread memory of
 * recent strings saves) or with one structured value next to it (a {@code record}, a JavaBean, a {@code HashMap}, each holding a
 * password), under preset {@code minimal} (no redaction) and {@code production} (credentials
 * redaction, enrichers), THREAD mode, one worker, a counting sink.
 *
 * <ul>
 *   <li>{@code endToEnd}: events/s, caller to sink; run with {@code -prof gc} for B/event (the
 *       caller's and the worker's allocations together).</li>
 *   <li>{@code beanTree}: converting the structured value to a Jackson tree, which is what capturing
 *       a record or bean "as at the call" would cost the caller on every call (the option not taken:
 *       such values are captured by reference, see docs/redaction.md).</li>
 * </ul>
 *
 * <p>Not part of the smoke run. Run e.g.
 * {@code java -jar benchmarks.jar RedactionBenchmark -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RedactionBenchmark {

    private static final tools.jackson.databind.json.JsonMapper TREES = tools.jackson.databind.json.JsonMapper.builder().build();

    @Param({"minimal", "production"})
    public String preset;

    @Param({"flat", "repeated", "record", "bean", "map"})
    public String payload;

    /** A record as applications log them. */
    public record Login(String user, String password, int attempts, String region) {
    }

    /** A JavaBean with the same properties. */
    public static final class LoginBean {
        public String getUser() {
            return USER;
        }

        public String getPassword() {
            return "hunter2";
        }

        public int getAttempts() {
            return 3;
        }

        public String getRegion() {
            return "eu-west-1";
        }
    }

    private final ConsumerCounter consumer = new ConsumerCounter();
    private FapilogRuntime runtime;
    private Logger logger;
    private Object value;
    private boolean repeatedUser;
    private long produced;

    @Setup(Level.Trial)
    public void start() {
        repeatedUser = payload.equals("repeated");
        value = switch (payload) {
            case "flat", "repeated" -> null;
            case "record" -> new Login(USER, "hunter2", 3, "eu-west-1");
            case "bean" -> new LoginBean();
            case "map" -> {
                Map<String, Object> map = new HashMap<>();
                map.put("user", USER);
                map.put("password", "hunter2");
                map.put("attempts", 3);
                map.put("region", "eu-west-1");
                yield map;
            }
            default -> throw new IllegalArgumentException(payload);
        };
        runtime = Fapilog.builder()
                .preset(Preset.valueOf(preset.toUpperCase(Locale.ROOT)))
                .sinks()
                .sink(new ConsumerCountingSink(consumer))
                .queueCapacity(BenchEvent.QUEUE_CAPACITY)
                .batchMaxSize(256)
                .batchTimeout(Duration.ofMillis(250))
                .workers(1)
                .mode(ModeSelection.THREAD)
                .fullPolicy(FullPolicy.WAIT)
                .waitTimeout(LoggingBenchmark.STALL_TIMEOUT)
                .shutdownHook(false)
                .start();
        logger = runtime.getLogger(BenchEvent.LOGGER);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        boolean caughtUp = consumer.await(produced, LoggingBenchmark.STALL_TIMEOUT);
        DrainResult result = runtime.stopAndDrain().get(10, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "[bench] redaction %s/%s: produced=%d consumed=%d bytes/event=%.1f%n[bench] sample: %s%n",
                preset, payload, produced, consumer.events(),
                consumer.events() == 0 ? 0.0 : (double) consumer.bytes() / consumer.events(), consumer.sample());
        if (!caughtUp || result.dropped() != 0 || consumer.events() != produced) {
            throw new IllegalStateException("EVENTS LOST: produced=" + produced + " consumed=" + consumer.events()
                    + " dropped=" + result.dropped());
        }
    }

    @Benchmark
    @Threads(1)
    @OperationsPerInvocation(BenchEvent.EVENTS_PER_OP)
    public void endToEnd() {
        long first = produced;
        for (int i = 0; i < BenchEvent.EVENTS_PER_OP; i++) {
            log(first + i);
        }
        produced += BenchEvent.EVENTS_PER_OP;
        if (!consumer.await(produced, LoggingBenchmark.STALL_TIMEOUT)) {
            throw new IllegalStateException("stalled: consumed " + consumer.events() + " of " + produced);
        }
    }

    @Benchmark
    public Object beanTree() {
        return value == null ? null : TREES.valueToTree(value);
    }

    private void log(long seq) {
        if (value == null) {
            String user = repeatedUser ? USER : BenchEvent.user(seq);
            logger.info(MESSAGE, USER_KEY, user, ITEM_ID_KEY, BenchEvent.itemId(seq), SIZE_KEY, BenchEvent.size(seq));
        } else {
            logger.info(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, BenchEvent.itemId(seq), SIZE_KEY, BenchEvent.size(seq),
                    "login", value);
        }
    }
}

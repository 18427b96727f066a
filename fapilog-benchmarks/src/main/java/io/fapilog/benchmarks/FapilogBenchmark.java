package io.fapilog.benchmarks;

import io.fapilog.AsyncLogger;
import io.fapilog.DrainResult;
import io.fapilog.ExecutionMode;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import io.fapilog.Preset;
import io.fapilog.config.FullPolicy;
import io.fapilog.config.ModeSelection;
import org.openjdk.jmh.annotations.Param;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.fapilog.benchmarks.BenchEvent.ITEM_ID_KEY;
import static io.fapilog.benchmarks.BenchEvent.MESSAGE;
import static io.fapilog.benchmarks.BenchEvent.SIZE_KEY;
import static io.fapilog.benchmarks.BenchEvent.USER_KEY;

/**
 * fapilog in each execution mode, writing to a sink that counts the encoded batch. {@code setup}:
 * <ul>
 *   <li>{@code production}: the {@code production} preset as shipped (queue 10,000, {@code wait}
 *       50 ms then drop, credentials redaction, host/pid/thread enrichers, JSON), only the sink
 *       replaced. Bursts are larger than the queue, so callers wait and may drop: drops are reported.</li>
 *   <li>{@code tuned}: preset {@code minimal} (no enrichers, no redactors), one worker, a 64 Ki
 *       queue and a 10 s wait, so that nothing ever drops.</li>
 * </ul>
 *
 * <ul>
 *   <li>{@code THREAD}: {@link Logger} called on the JMH thread.</li>
 *   <li>{@code BOUND_LOOP}: a {@code mode(BOUND_LOOP)} {@link Logger}; throughput operations run
 *       their loop on a Reactor {@code parallel()} thread, where a WebFlux handler would log. It
 *       drops instead of waiting when the queue is full, which the harness never lets happen.</li>
 *   <li>{@code ASYNC}: {@link AsyncLogger}, each returned {@code Mono} subscribed.</li>
 * </ul>
 */
public class FapilogBenchmark extends LoggingBenchmark {

    @Param({"THREAD", "BOUND_LOOP", "ASYNC"})
    public ModeSelection mode;

    @Param({"production", "tuned"})
    public String setup;

    /**
     * {@code batch.timeout}: how long the worker parks while less than a batch waits. A burst's last
     * partial batch waits for it, which the end-to-end operations include; {@code -p batchTimeoutMs=1}
     * shows how much of a score that is.
     */
    @Param("250")
    public int batchTimeoutMs;

    private FapilogRuntime runtime;
    private Logger logger;
    private AsyncLogger asyncLogger;

    @Override
    protected String contender() {
        return contenderName("fapilog", mode.name(), setup);
    }

    @Override
    protected long droppedSoFar() {
        return runtime.stats().dropped();
    }

    @Override
    protected void start(ConsumerCounter consumer) {
        runtime = switch (setup) {
            case "production" -> Fapilog.builder()
                    .preset(Preset.PRODUCTION)
                    .sinks()
                    .sink(new ConsumerCountingSink(consumer))
                    .mode(mode)
                    .shutdownHook(false)
                    .start();
            case "tuned" -> Fapilog.builder()
                    .preset(Preset.MINIMAL)
                    .sinks()
                    .sink(new ConsumerCountingSink(consumer))
                    .queueCapacity(BenchEvent.QUEUE_CAPACITY)
                    .batchMaxSize(256)
                    .batchTimeout(Duration.ofMillis(batchTimeoutMs))
                    .workers(1)
                    .mode(mode)
                    .fullPolicy(FullPolicy.WAIT)
                    .waitTimeout(STALL_TIMEOUT)
                    .shutdownHook(false)
                    .start();
            default -> throw new IllegalArgumentException("setup: production or tuned, not " + setup);
        };
        if (mode == ModeSelection.ASYNC) {
            asyncLogger = runtime.getAsyncLogger(BenchEvent.LOGGER);
        } else {
            logger = runtime.getLogger(BenchEvent.LOGGER);
            ExecutionMode expected = mode.forced();
            if (logger.executionMode() != expected) {
                throw new IllegalStateException("logger runs in " + logger.executionMode() + ", not " + expected);
            }
        }
    }

    @Override
    protected void log(long seq) {
        if (asyncLogger != null) {
            asyncLogger.info(MESSAGE, USER_KEY, BenchEvent.user(seq), ITEM_ID_KEY, BenchEvent.itemId(seq),
                    SIZE_KEY, BenchEvent.size(seq)).subscribe();
        } else {
            logger.info(MESSAGE, USER_KEY, BenchEvent.user(seq), ITEM_ID_KEY, BenchEvent.itemId(seq),
                    SIZE_KEY, BenchEvent.size(seq));
        }
    }

    @Override
    protected void logBatch(long firstSeq, int count) {
        if (mode == ModeSelection.BOUND_LOOP) {
            Mono.fromRunnable(() -> super.logBatch(firstSeq, count))
                    .subscribeOn(Schedulers.parallel())
                    .block();
        } else {
            super.logBatch(firstSeq, count);
        }
    }

    @Override
    protected long stop() throws Exception {
        DrainResult result = runtime.stopAndDrain().get(STALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        System.out.println("[bench] " + contender() + " drain: " + result);
        return result.dropped() + result.filtered();
    }
}

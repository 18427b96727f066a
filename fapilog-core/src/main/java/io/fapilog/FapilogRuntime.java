package io.fapilog;

import io.fapilog.internal.ConsoleLine;
import io.fapilog.internal.context.CallContext;
import io.fapilog.internal.engine.Engine;
import io.fapilog.spi.ContextProvider;
import io.fapilog.EngineStats;
import io.fapilog.internal.engine.LevelGates;
import io.fapilog.internal.engine.ReactorSupport;
import io.fapilog.internal.encoding.ValueShapes;

import io.fapilog.internal.engine.BatchObserver;
import io.fapilog.spi.LogBridge;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One running engine and the loggers that write to it. Closing it drains: use it in
 * try-with-resources in CLI tools and batch jobs so that nothing logged is lost at exit.
 *
 * <pre>{@code
 * try (FapilogRuntime runtime = Fapilog.runtime(config)) {
 *     Logger log = runtime.getLogger("batch");
 *     log.info("Batch started", "items", 1200);
 * }
 * }</pre>
 */
public final class FapilogRuntime implements AutoCloseable {

    /** The name of the root level threshold in {@link #setLevel} and {@link #configuredLevels()}. */
    public static final String ROOT_LOGGER = LevelGates.ROOT;

    private final FapilogConfig config;
    private final Engine engine;
    private final LevelGates levels;
    private final LogBridge bridge;
    private volatile String owner;
    private volatile boolean ownerNoticeGiven;
    private final CallContext callContext;
    private final CallClock clock;
    private final int maxStringLength;
    /** {@link #stopAndDrain()}'s future, bounded by the shutdown timeout; null until the first call. */
    private final AtomicReference<CompletableFuture<DrainResult>> boundedDrain = new AtomicReference<>();

    FapilogRuntime(FapilogConfig config) {
        ValueShapes.forgetClasses(); // an application restarted: its earlier classes must not stay cached
        this.config = config;
        this.maxStringLength = config.encodingLimits().maxStringLength();
        this.levels = new LevelGates(config.level(), config.levels());
        this.callContext = new CallContext(config.enrichment().mdc());
        this.clock = new CallClock(config.timestampPrecision());
        this.engine = EngineAssembler.assemble(config).start();
        this.bridge = new RuntimeLogBridge(this);
        if (config.shutdown().hook() && !ShutdownHook.register(this)) {
            // Started while the JVM shuts down: nothing would drain it, so drain it now; its events
            // are then written synchronously on the caller's thread.
            engine.stopAndDrain().join();
        }
    }

    /** The encoders' longest string: longer text is cut at the call already ({@code CallSnapshot.of}). */
    int maxStringLength() {
        return maxStringLength;
    }

    public FapilogConfig config() {
        return config;
    }

    Engine engine() {
        return engine;
    }

    LevelGates levels() {
        return levels;
    }

    /** What every event gets in {@code context} at call time (MDC, scoped context, providers). */
    CallContext callContext() {
        return callContext;
    }

    /** The time of a call, to the configured precision. */
    CallClock clock() {
        return clock;
    }

    /**
     * Adds {@code provider}'s fields to the context of every event of this runtime's loggers and of
     * bridged SLF4J events, read at call time.
     */
    public void addContextProvider(ContextProvider provider) {
        callContext.add(provider);
    }

    /** The registered context providers, in order. */
    public List<ContextProvider> contextProviders() {
        return callContext.providers();
    }

    /** Stops using {@code provider}; returns whether it was registered. */
    public boolean removeContextProvider(ContextProvider provider) {
        return callContext.remove(provider);
    }

    /** The engine's counters and queue figures now. */
    public EngineStats stats() {
        return engine.stats();
    }

    /** Whether the workers run: how many are alive, restarts, contained faults. */
    public WorkerHealth workerHealth() {
        return engine.workerHealth();
    }

    /** Health of every sink: circuit state, error count, last error. */
    public List<SinkHealth> sinkHealth() {
        return engine.sinkHealth();
    }

    /**
     * What the runtime enricher writes into every event's diagnostics: {@code service}, {@code env},
     * {@code version} (each when set), {@code host} and {@code pid}, in that order; empty when the
     * enricher is off. For a line written beside the engine's events (the Spring starter's drain
     * report) to carry the same envelope.
     */
    public java.util.Map<String, Object> processFields() {
        return config.enrichment().runtime()
                ? io.fapilog.internal.pipeline.enrichers.ServiceInfo.detect(config.service().name(), config.service().env(),
                        config.service().version()).fields()
                : java.util.Map.of();
    }

    /**
     * Tells {@code listener} the name of each logger this runtime meets for the first time (its own
     * loggers, bridged events' loggers), after the names met so far: for a logging system that lists
     * its loggers ({@code /actuator/loggers}) to list fapilog's too. Called on the thread that makes
     * the logger, once per name; a listener that throws is ignored.
     */
    public void addLoggerNameListener(Consumer<String> listener) {
        levels.addNewNameListener(listener);
    }

    /** Stops telling {@code listener} new logger names. */
    public void removeLoggerNameListener(Consumer<String> listener) {
        levels.removeNewNameListener(listener);
    }

    /** Whether an event of {@code level} from logger {@code loggerName} passes the level thresholds. */
    public boolean isEnabled(String loggerName, Level level) {
        return levels.gate(loggerName).isEnabled(level);
    }

    /** The threshold that applies to {@code loggerName}: its own, its nearest configured parent's, or the root's. */
    public Level effectiveLevel(String loggerName) {
        return levels.effectiveLevel(loggerName);
    }

    /**
     * Sets the threshold of {@code prefix} (a logger name or a package) at run time; {@code null}
     * removes it, so the parent's applies. {@value #ROOT_LOGGER} names the root threshold.
     */
    public void setLevel(String prefix, Level level) {
        levels.setLevel(prefix, level);
    }

    /**
     * Whether a nested class's logger ({@code com.acme.Outer$Inner}) has the threshold set for its
     * outer class ({@code com.acme.Outer}), a {@code '$'} in a name ending a prefix as a {@code '.'}
     * does: {@code true} by default, Logback's rule; {@code false} is Log4j2's, where only dots do.
     * The Spring Boot starter follows the logging system whose levels it copies.
     */
    public void setNestedClassesInheritOuterLevel(boolean inherit) {
        levels.setDollarSeparates(inherit);
    }

    /** The thresholds set by configuration or {@link #setLevel}, by prefix, with {@value #ROOT_LOGGER}. */
    public Map<String, Level> configuredLevels() {
        return levels.configuredLevels();
    }

    /** The entry point for events of other logging frameworks (the Logback bridge, for example). */
    public LogBridge bridge() {
        return bridge;
    }

    /**
     * Tells {@code listener} about every batch written, until the returned handle is closed.
     */
    public AutoCloseable addBatchListener(BatchListener listener) {
        BatchObserver observer = listener::batchWritten;
        engine.addBatchObserver(observer);
        return () -> engine.removeBatchObserver(observer);
    }

    /**
     * Hands this runtime's life to {@code owner} (the Spring starter: the application context).
     * From then on {@link Logger#stopAndDrain()} no longer stops it: it waits until the events
     * logged so far are written and reports, while the owner drains the runtime at its shutdown.
     */
    public void ownedBy(String owner) {
        this.owner = java.util.Objects.requireNonNull(owner, "owner");
    }

    /** What {@link Logger#stopAndDrain()} does: stop and drain, or flush when an owner manages the runtime. */
    CompletableFuture<DrainResult> stopAndDrainFromLogger() {
        String currentOwner = owner;
        if (currentOwner == null || isStopped()) {
            return stopAndDrain();
        }
        if (!ownerNoticeGiven) {
            ownerNoticeGiven = true;
            ConsoleLine.println(System.err, "fapilog: Logger.stopAndDrain() on a runtime owned by " + currentOwner
                    + " flushes without stopping it; the owner drains it at shutdown");
        }
        return flush();
    }

    /**
     * Completes once every event the queue took before the call is written, dropped or filtered
     * (or the shutdown timeout passed), without stopping intake. Written means handed to each
     * sink's {@code write}, also for sinks with a thread of their own (several sinks, {@code http}).
     * The workers' progress is tracked by position in each queue, so events logged after the call
     * (and dropped at once, or handled by another worker) never stand in for earlier ones. An event
     * still waiting for room in the waiting line, not yet taken, is not waited for. The result
     * counts all events resolved by then.
     */
    public CompletableFuture<DrainResult> flush() {
        long[] marks = engine.flushMarks();
        long start = System.nanoTime();
        long deadline = start + config.shutdown().timeout().toNanos();
        CompletableFuture<DrainResult> result = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            boolean handled;
            while (!(handled = engine.handledPast(marks)) && !engine.isStopped() && System.nanoTime() < deadline) {
                engine.wakeWorkers();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            if (handled) {
                engine.awaitHandOffsWritten(deadline);
            }
            result.complete(resolvedSince(engine.stats(), start));
        }, "fapilog-flush");
        waiter.setDaemon(true);
        waiter.start();
        return result;
    }

    private static long resolved(EngineStats stats) {
        return stats.processed() + stats.dropped() + stats.filtered();
    }

    /** The events resolved so far as a result: those still in flight are left out on both sides. */
    private static DrainResult resolvedSince(EngineStats stats, long startNanos) {
        return new DrainResult(resolved(stats), stats.processed(), stats.dropped(), stats.filtered(),
                stats.highWatermark(), Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /**
     * A synchronous logger. Its mode is {@code fapilog.mode} when set, else detected now:
     * BOUND_LOOP on a Reactor non-blocking thread, THREAD anywhere else.
     *
     * @throws NullPointerException when {@code name} is null
     */
    public Logger getLogger(String name) {
        return getLogger(name, ReactorSupport.isInNonBlockingThread());
    }

    /** As {@link #getLogger(String)}, the mode detected for a caller on a non-blocking thread or not. */
    Logger getLogger(String name, boolean nonBlockingCaller) {
        return new EngineLogger(this, requireName(name), syncMode(nonBlockingCaller), null);
    }

    /**
     * An ASYNC logger; needs Reactor on the classpath.
     *
     * @throws NullPointerException when {@code name} is null
     */
    public AsyncLogger getAsyncLogger(String name) {
        ReactorSupport.require("AsyncLogger");
        return new EngineAsyncLogger(this, requireName(name), null);
    }

    static String requireName(String name) {
        return Objects.requireNonNull(name, "a logger's name must not be null (use a class name, or \"\" for the root)");
    }

    ExecutionMode syncMode() {
        return syncMode(ReactorSupport.isInNonBlockingThread());
    }

    private ExecutionMode syncMode(boolean nonBlockingCaller) {
        return switch (config.mode()) {
            case THREAD -> ExecutionMode.THREAD;
            case BOUND_LOOP, ASYNC -> ExecutionMode.BOUND_LOOP;
            case AUTO -> nonBlockingCaller ? ExecutionMode.BOUND_LOOP : ExecutionMode.THREAD;
        };
    }

    /**
     * Stops intake and drains; idempotent. The future completes when the drain is done, or at the
     * latest {@value #DRAIN_GRACE_MILLIS} ms after {@code shutdown.timeout} (a sink that never
     * returns holds the drain): then with the events resolved by that time, and a line on standard
     * error counting those still in flight, which are written if the sink returns later.
     */
    public CompletableFuture<DrainResult> stopAndDrain() {
        CompletableFuture<DrainResult> bounded = boundedDrain.get();
        if (bounded != null) {
            return bounded;
        }
        CompletableFuture<DrainResult> draining = drain();
        CompletableFuture<DrainResult> created = new CompletableFuture<>();
        if (!boundedDrain.compareAndSet(null, created)) {
            return boundedDrain.get();
        }
        draining.whenComplete((result, error) -> {
            if (error != null) {
                created.completeExceptionally(error);
            } else {
                created.complete(result);
            }
        });
        long start = System.nanoTime();
        CompletableFuture.delayedExecutor(drainPatience().toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!created.isDone()) {
                EngineStats stats = engine.stats();
                if (created.complete(resolvedSince(stats, start))) {
                    notice(drainUnfinished(config.shutdown().timeout(), stats));
                }
            }
        });
        return created;
    }

    /** How long after {@code shutdown.timeout} {@link #stopAndDrain()} still waits for the drain to end. */
    private static final long DRAIN_GRACE_MILLIS = 1000;

    private Duration drainPatience() {
        return config.shutdown().timeout().plusMillis(DRAIN_GRACE_MILLIS);
    }

    private CompletableFuture<DrainResult> drain() {
        ShutdownHook.unregister(this);
        Fapilog.forget(this);
        return engine.stopAndDrain(drainPatience()).whenComplete((result, failure) -> ValueShapes.forgetClasses());
    }

    /**
     * Drains, waiting at most {@code timeout}. Returns null and says so on standard error when the
     * sinks could not take everything in time (waiting at most {@value #NOTICE_WAIT_MILLIS} ms more
     * for standard error to take the notice: it may be the blocked pipe the drain waited on).
     */
    public DrainResult stopAndDrain(Duration timeout) {
        java.util.Objects.requireNonNull(timeout, "timeout"); // before the drain: the runtime stays as it was
        long waitNanos = timeout.compareTo(LONGEST_WAIT) >= 0 ? Long.MAX_VALUE : timeout.toNanos();
        try {
            return drain().get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            notice(drainUnfinished(timeout, engine.stats()));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            notice("fapilog: drain failed: " + e.getCause());
            return null;
        }
    }

    private static final long NOTICE_WAIT_MILLIS = 1000;

    /** The notice of a drain that ran out of time: how many events it leaves unwritten, and what held it. */
    private String drainUnfinished(Duration waited, EngineStats stats) {
        if (stats.submitted() == resolved(stats)) { // the workers are done: the drain is closing the sinks
            return "fapilog: drain did not finish within " + waited + "; every event was written or counted, a sink was"
                    + " still closing (a remote sink sending its last batch, a file being compressed); stats " + stats;
        }
        WorkerHealth workers = engine.workerHealth();
        String held = workers.longestBatchAt() != null
                ? "a worker held for " + workers.longestBatch().toMillis() + " ms at " + workers.longestBatchAt()
                : "the workers were still at them: a slow sink, filter, enricher or redactor";
        return "fapilog: drain did not finish within " + waited + "; " + (stats.submitted() - resolved(stats))
                + " events not written, queued or in flight (" + held + "); stats " + stats;
    }

    /** As long as waiting for ever ({@code ChronoUnit.FOREVER} does not fit a count of nanoseconds). */
    private static final Duration LONGEST_WAIT = Duration.ofNanos(Long.MAX_VALUE);

    private static void notice(String line) {
        ConsoleLine.print(System.err, line, Duration.ofMillis(NOTICE_WAIT_MILLIS));
    }

    public boolean isStopped() {
        return engine.isStopped();
    }

    /** Drains, bounded by {@code shutdown.timeout}. */
    @Override
    public void close() {
        stopAndDrain(config.shutdown().timeout());
    }

    @Override
    public String toString() {
        return "FapilogRuntime[preset=" + config.preset().id() + ", stopped=" + isStopped() + "]";
    }
}

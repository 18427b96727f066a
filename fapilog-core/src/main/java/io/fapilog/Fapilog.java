package io.fapilog;

import io.fapilog.internal.ConsoleLine;
import io.fapilog.context.ContextScope;
import io.fapilog.context.ScopedContext;
import io.fapilog.internal.engine.ReactorSupport;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Entry point. Loggers from the static methods share one runtime per preset, started on first use
 * and drained by a JVM shutdown hook; a Spring Boot application's runtime (the starter's) becomes
 * the default one, and {@link #getLogger(String)}'s loggers, made before or after, write through it
 * while it is.
 *
 * <pre>{@code
 * Logger log = Fapilog.getLogger("batch");
 * log.info("Processing item", "item_id", 42, "size", 10);
 * }</pre>
 *
 * <p>The default preset is {@code production}, or the one named by the system property
 * {@code fapilog.preset} or the environment variable {@code FAPILOG_PRESET}.
 */
public final class Fapilog {

    private static final Map<Preset, FapilogRuntime> SHARED = new ConcurrentHashMap<>();
    /**
     * The runtimes made the default, the latest last: {@link #defaultRuntime()} is the latest still
     * running, so a context that closes hands the default back to the one before it (a child
     * context's to its parent's, the newest test context's to an older one's). Replaced whole, under
     * {@code Fapilog.class}'s lock.
     */
    private static volatile FapilogRuntime[] defaults = {};
    /** Runtimes drained by a stop, kept so that a logger asked for during JVM shutdown reuses them. */
    private static final Map<Preset, FapilogRuntime> RETIRED = new ConcurrentHashMap<>();
    private static volatile FapilogRuntime lastDefault;
    /** Moves on whenever {@link #defaultRuntime()} may answer otherwise: loggers of the static methods then look again. */
    private static final AtomicInteger DEFAULT_GENERATION = new AtomicInteger();

    private Fapilog() {
    }

    /**
     * A synchronous logger on the default runtime: the one that is the default when it logs, so a
     * logger kept in a static field before the application's runtime started writes through that
     * runtime once it runs (its format, sinks, levels and redaction). Its mode is detected now, as
     * {@link FapilogRuntime#getLogger(String)} detects it.
     *
     * @throws NullPointerException when {@code name} is null
     */
    public static Logger getLogger(String name) {
        String checked = FapilogRuntime.requireName(name);
        boolean nonBlockingCaller = ReactorSupport.isInNonBlockingThread();
        return new DefaultRuntimeLogger(checked,
                new DefaultRuntimeTarget<>(runtime -> runtime.getLogger(checked, nonBlockingCaller)));
    }

    public static Logger getLogger(Class<?> type) {
        return getLogger(type.getName());
    }

    /** A synchronous logger on the shared runtime of {@code preset}. */
    public static Logger getLogger(String name, Preset preset) {
        return sharedRuntime(preset).getLogger(name);
    }

    /** An ASYNC logger on the default runtime at each call, as {@link #getLogger(String)}; needs Reactor. */
    public static AsyncLogger getAsyncLogger(String name) {
        String checked = FapilogRuntime.requireName(name);
        ReactorSupport.require("AsyncLogger");
        return new DefaultRuntimeAsyncLogger(checked, new DefaultRuntimeTarget<>(runtime -> runtime.getAsyncLogger(checked)));
    }

    public static AsyncLogger getAsyncLogger(String name, Preset preset) {
        return sharedRuntime(preset).getAsyncLogger(name);
    }

    /**
     * Opens a scoped context: until the returned scope is closed, every event logged on this thread,
     * by fapilog loggers and bridged SLF4J loggers, carries {@code key} in {@code context}.
     *
     * <pre>{@code
     * try (ContextScope scope = Fapilog.withContext("job_id", job.id())) {
     *     run(job);
     * }
     * }</pre>
     *
     * Scopes nest and closing one restores the previous fields; see {@link ScopedContext}.
     */
    public static ContextScope withContext(String key, Object value) {
        return ScopedContext.open(key, value);
    }

    /** Opens a scoped context with these alternating key/value pairs; see {@link #withContext(String, Object)}. */
    public static ContextScope withContext(Object... keyValues) {
        return ScopedContext.open(keyValues);
    }

    /** Opens a scoped context with these fields; see {@link #withContext(String, Object)}. */
    public static ContextScope withContext(Map<String, ?> fields) {
        return ScopedContext.open(fields);
    }

    /** A builder for a {@link FapilogConfig}; {@code Fapilog.builder().preset(Preset.DEV).build()}. */
    public static FapilogConfig.Builder builder() {
        return new FapilogConfig.Builder();
    }

    /** Starts a runtime of its own for this configuration; close it to drain. */
    public static FapilogRuntime runtime(FapilogConfig config) {
        return new FapilogRuntime(config);
    }

    /**
     * Makes {@code runtime} the one {@link #getLogger(String)} uses (the Spring starter does this
     * with the application's runtime) until it stops; then the one made the default before it, if
     * that still runs. Null forgets them all and goes back to the preset default.
     */
    public static synchronized void setDefaultRuntime(FapilogRuntime runtime) {
        if (runtime == null) {
            defaults = new FapilogRuntime[0];
            lastDefault = null;
        } else {
            lastDefault = null; // a drained one, whose application (and its class loader) may be gone
            FapilogRuntime[] others = without(defaults, runtime);
            FapilogRuntime[] updated = Arrays.copyOf(others, others.length + 1);
            updated[others.length] = runtime;
            defaults = updated;
        }
        DEFAULT_GENERATION.incrementAndGet(); // after: a logger that reads the new generation resolves the new default
    }

    /**
     * Forgets the drained runtime kept as the default for late events ({@link #applicationRuntime()});
     * running ones stay. For an integration that starts another application in this JVM, which may
     * not use fapilog (the Spring Boot starter calls it as each application starts: a DevTools restart
     * into {@code fapilog.enabled=false} then logs through the default preset, not through the
     * drained runtime of the application before it).
     */
    public static synchronized void forgetDrainedRuntime() {
        if (lastDefault != null) {
            lastDefault = null;
            DEFAULT_GENERATION.incrementAndGet();
        }
    }

    /** Forgets {@code drained} if it is still the drained runtime kept as the default ({@link #forgetDrainedRuntime()}). */
    public static synchronized void forgetDrainedRuntime(FapilogRuntime drained) {
        if (drained != null && lastDefault == drained) {
            forgetDrainedRuntime();
        }
    }

    private static FapilogRuntime[] without(FapilogRuntime[] runtimes, FapilogRuntime runtime) {
        return Arrays.stream(runtimes).filter(r -> r != runtime && !r.isStopped()).toArray(FapilogRuntime[]::new);
    }

    /**
     * The runtime {@link #getLogger(String)} uses: the application's (see {@link #setDefaultRuntime})
     * while it runs, and once drained (then writing synchronously) unless another was made the
     * default since; without one, the shared runtime of the default preset, started on first use.
     */
    public static FapilogRuntime defaultRuntime() {
        FapilogRuntime application = applicationRuntime();
        return application != null ? application : defaultPresetRuntime();
    }

    /**
     * The runtime the application made the default ({@link #setDefaultRuntime}) while it runs, then
     * once drained unless another was made the default since; {@code null} when the application made
     * none (where {@link #defaultRuntime()} starts the default preset's). For an adapter that has a
     * runtime of its own to fall back on, such as Logback's appender with a {@code <preset>}.
     */
    public static FapilogRuntime applicationRuntime() {
        FapilogRuntime[] runtimes = defaults;
        for (int i = runtimes.length - 1; i >= 0; i--) {
            if (!runtimes[i].isStopped()) {
                return runtimes[i];
            }
        }
        // The application's runtime, drained (its context closed: a @PreDestroy, a lifecycle stopped
        // after it, the JVM's shutdown): it writes synchronously from now on, with the application's
        // sinks, format and redaction, which a runtime started from a preset would not have.
        return lastDefault;
    }

    /**
     * The shared runtime of the default preset; when the preset named by the system property or the
     * environment is not one, or its runtime cannot start (a file sink whose directory is a file), the
     * production preset's, said once on standard error: a static logger's call starts it, and logging
     * must never throw into that call, which may be the handling of the caller's own failure.
     */
    private static FapilogRuntime defaultPresetRuntime() {
        Preset preset;
        try {
            preset = defaultPreset();
        } catch (RuntimeException invalid) {
            tellFallback(invalid.getMessage() + " (" + presetSource() + ")");
            preset = Preset.PRODUCTION;
        }
        if (preset == failedDefaultPreset) {
            return sharedRuntime(Preset.PRODUCTION);
        }
        try {
            return sharedRuntime(preset);
        } catch (RuntimeException failed) {
            if (preset == Preset.PRODUCTION) {
                throw failed;
            }
            failedDefaultPreset = preset; // not started again by every static logger that resolves
            tellFallback("the " + preset.name().toLowerCase(java.util.Locale.ROOT) + " preset (" + presetSource()
                    + ") could not start: " + failed.getMessage());
            return sharedRuntime(Preset.PRODUCTION);
        }
    }

    /** The default preset whose runtime could not start: the production preset's stands in for it. */
    private static volatile Preset failedDefaultPreset;

    private static final java.util.concurrent.atomic.AtomicBoolean FALLBACK_TOLD = new java.util.concurrent.atomic.AtomicBoolean();

    private static void tellFallback(String why) {
        if (FALLBACK_TOLD.compareAndSet(false, true)) {
            ConsoleLine.println(System.err, "fapilog: " + why + "; the default runtime uses the production preset instead");
        }
    }

    /** Where the default preset's name came from, as the user set it. */
    private static String presetSource() {
        String property = System.getProperty("fapilog.preset");
        return property != null ? "-Dfapilog.preset=" + property : "FAPILOG_PRESET=" + System.getenv("FAPILOG_PRESET");
    }

    /** The shared runtime of {@code preset}, started on first use and drained by the JVM shutdown hook. */
    public static FapilogRuntime sharedRuntime(Preset preset) {
        FapilogRuntime runtime = SHARED.get(preset);
        if (runtime != null && !runtime.isStopped()) {
            return runtime;
        }
        synchronized (SHARED) {
            runtime = SHARED.get(preset);
            if (runtime != null && !runtime.isStopped()) {
                return runtime;
            }
            FapilogRuntime retired = RETIRED.get(preset);
            if (retired != null && ShutdownHook.jvmShuttingDown()) {
                return retired; // drained at exit: it writes synchronously now
            }
            runtime = runtime(builder().preset(preset).build());
            SHARED.put(preset, runtime);
            RETIRED.remove(preset);
            DEFAULT_GENERATION.incrementAndGet();
            return runtime;
        }
    }

    static void forget(FapilogRuntime runtime) {
        SHARED.forEach((preset, shared) -> {
            if (shared == runtime) {
                RETIRED.put(preset, runtime);
            }
        });
        SHARED.values().remove(runtime);
        synchronized (Fapilog.class) {
            FapilogRuntime[] runtimes = defaults;
            if (Arrays.asList(runtimes).contains(runtime)) {
                if (runtimes[runtimes.length - 1] == runtime) {
                    lastDefault = runtime;
                }
                defaults = without(runtimes, runtime);
            }
        }
        DEFAULT_GENERATION.incrementAndGet();
    }

    static int defaultGeneration() {
        return DEFAULT_GENERATION.get();
    }

    static Preset defaultPreset() {
        String name = System.getProperty("fapilog.preset", System.getenv("FAPILOG_PRESET"));
        return name == null || name.isBlank() ? Preset.PRODUCTION : Preset.parse(name);
    }
}

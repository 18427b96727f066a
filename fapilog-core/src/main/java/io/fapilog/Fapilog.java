package io.fapilog;

import io.fapilog.context.ContextScope;
import io.fapilog.context.ScopedContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Entry point. Loggers from the static methods share one runtime per preset, started on first use
 * and drained by a JVM shutdown hook; a Spring Boot application's runtime (the starter's) becomes
 * the default one.
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
    private static volatile FapilogRuntime defaultRuntime;
    /** Runtimes drained by a stop, kept so that a logger asked for during JVM shutdown reuses them. */
    private static final Map<Preset, FapilogRuntime> RETIRED = new ConcurrentHashMap<>();
    private static volatile FapilogRuntime lastDefault;

    private Fapilog() {
    }

    /** A synchronous logger on the default runtime. */
    public static Logger getLogger(String name) {
        return defaultRuntime().getLogger(name);
    }

    public static Logger getLogger(Class<?> type) {
        return getLogger(type.getName());
    }

    /** A synchronous logger on the shared runtime of {@code preset}. */
    public static Logger getLogger(String name, Preset preset) {
        return sharedRuntime(preset).getLogger(name);
    }

    public static AsyncLogger getAsyncLogger(String name) {
        return defaultRuntime().getAsyncLogger(name);
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
     * with the application's runtime); null goes back to the preset default.
     */
    public static void setDefaultRuntime(FapilogRuntime runtime) {
        defaultRuntime = runtime;
        if (runtime == null) {
            lastDefault = null;
        }
    }

    /**
     * The runtime {@link #getLogger(String)} uses: the application's (see {@link #setDefaultRuntime})
     * while it runs, else the shared runtime of the default preset, started on first use.
     */
    public static FapilogRuntime defaultRuntime() {
        FapilogRuntime runtime = defaultRuntime;
        if (runtime != null && !runtime.isStopped()) {
            return runtime;
        }
        FapilogRuntime retired = lastDefault;
        if (retired != null && ShutdownHook.jvmShuttingDown()) {
            // Drained by the JVM's shutdown (Spring's context close): its loggers write synchronously
            // from now on; starting another engine from a preset now would only lose events.
            return retired;
        }
        return sharedRuntime(defaultPreset());
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
        if (defaultRuntime == runtime) {
            lastDefault = runtime;
            defaultRuntime = null;
        }
    }

    static Preset defaultPreset() {
        String name = System.getProperty("fapilog.preset", System.getenv("FAPILOG_PRESET"));
        return name == null || name.isBlank() ? Preset.PRODUCTION : Preset.parse(name);
    }
}

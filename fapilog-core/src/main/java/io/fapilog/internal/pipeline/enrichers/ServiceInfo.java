package io.fapilog.internal.pipeline.enrichers;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Facts about the running service, written to every event's diagnostics by {@link RuntimeEnricher}.
 *
 * @param name service name, or null
 * @param env deployment environment ({@code prod}, {@code staging}...), or null
 * @param version service version, or null
 * @param host host name
 * @param pid process id
 */
public record ServiceInfo(String name, String env, String version, String host, long pid) {

    public ServiceInfo {
        Objects.requireNonNull(host, "host");
    }

    /** {@code service}, {@code env}, {@code version} (each only when set), {@code host} and {@code pid}, in that order. */
    public java.util.Map<String, Object> fields() {
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        putIfSet(fields, RuntimeEnricher.SERVICE_KEY, name);
        putIfSet(fields, RuntimeEnricher.ENV_KEY, env);
        putIfSet(fields, RuntimeEnricher.VERSION_KEY, version);
        fields.put(RuntimeEnricher.HOST_KEY, host);
        fields.put(RuntimeEnricher.PID_KEY, pid);
        return java.util.Collections.unmodifiableMap(fields);
    }

    private static void putIfSet(java.util.Map<String, Object> fields, String key, String value) {
        if (value != null) {
            fields.put(key, value);
        }
    }

    /** The given names with this machine's host name (resolved once per JVM) and this process's id. */
    public static ServiceInfo detect(String name, String env, String version) {
        return new ServiceInfo(name, env, version, LocalHost.NAME, ProcessHandle.current().pid());
    }

    /** Resolved on first use only: a slow DNS is paid once. */
    private static final class LocalHost {

        static final String NAME = resolve();

        private static String resolve() {
            try {
                String name = InetAddress.getLocalHost().getHostName();
                if (name != null && !name.isBlank()) {
                    return name;
                }
            } catch (Exception | LinkageError ignored) {
                // fall back to the environment
            }
            for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
                String value = System.getenv(variable);
                if (value != null && !value.isBlank()) {
                    return value;
                }
            }
            return "unknown";
        }
    }
}

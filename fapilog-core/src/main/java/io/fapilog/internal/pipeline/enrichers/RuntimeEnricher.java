package io.fapilog.internal.pipeline.enrichers;

import io.fapilog.internal.event.Fields;
import io.fapilog.spi.MutableFields;
import io.fapilog.spi.MutableLogEvent;
import io.fapilog.spi.Enricher;

import java.util.Map;

/**
 * Puts {@code service}, {@code env}, {@code version} (each only when set), {@code host} and
 * {@code pid} into an event's diagnostics, in that order. The pairs are computed once; an event
 * costs a few puts.
 */
public final class RuntimeEnricher implements Enricher {

    public static final String SERVICE_KEY = "service";
    public static final String ENV_KEY = "env";
    public static final String VERSION_KEY = "version";
    public static final String HOST_KEY = "host";
    public static final String PID_KEY = "pid";

    private final String[] keys;
    private final Object[] values;

    public RuntimeEnricher(ServiceInfo info) {
        Map<String, Object> fields = info.fields();
        this.keys = fields.keySet().toArray(String[]::new);
        this.values = fields.values().toArray();
    }

    @Override
    public void enrich(MutableLogEvent event) {
        MutableFields diagnostics = event.diagnostics();
        // Empty engine fields take the pairs without the uniqueness check.
        Fields fresh = diagnostics.isEmpty() && diagnostics instanceof Fields fields ? fields : null;
        for (int i = 0; i < keys.length; i++) {
            if (fresh != null) {
                fresh.append(keys[i], values[i]);
            } else {
                diagnostics.put(keys[i], values[i]);
            }
        }
    }
}

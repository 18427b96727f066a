package io.fapilog.pipeline.enrichers;

import io.fapilog.event.Fields;
import io.fapilog.event.LogEvent;
import io.fapilog.pipeline.Enricher;

import java.util.ArrayList;
import java.util.List;

/**
 * Puts {@code service}, {@code env}, {@code version} (each only when set), {@code host} and
 * {@code pid} into an event's diagnostics, in that order. The pairs are computed once; an event
 * costs a few puts.
 */
public final class RuntimeEnricher implements Enricher {

    private final String[] keys;
    private final Object[] values;

    public RuntimeEnricher(ServiceInfo info) {
        List<String> keyList = new ArrayList<>(5);
        List<Object> valueList = new ArrayList<>(5);
        addIfSet(keyList, valueList, "service", info.name());
        addIfSet(keyList, valueList, "env", info.env());
        addIfSet(keyList, valueList, "version", info.version());
        addIfSet(keyList, valueList, "host", info.host());
        addIfSet(keyList, valueList, "pid", info.pid());
        this.keys = keyList.toArray(String[]::new);
        this.values = valueList.toArray();
    }

    private static void addIfSet(List<String> keys, List<Object> values, String key, Object value) {
        if (value != null) {
            keys.add(key);
            values.add(value);
        }
    }

    @Override
    public void enrich(LogEvent event) {
        Fields diagnostics = event.diagnostics();
        boolean empty = diagnostics.isEmpty();
        for (int i = 0; i < keys.length; i++) {
            if (empty) {
                diagnostics.append(keys[i], values[i]);
            } else {
                diagnostics.put(keys[i], values[i]);
            }
        }
    }
}

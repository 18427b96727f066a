package io.fapilog.internal.context;

import io.fapilog.config.MdcSettings;
import io.fapilog.internal.ClassPresence;
import io.fapilog.internal.encoding.TraceIdNames;
import io.fapilog.spi.LogBridge;
import org.slf4j.MDC;

/** Reads the SLF4J MDC of the logging thread as a context array. SLF4J is optional: see {@link #create}. */
final class MdcReader {

    private final String[] keys;

    private MdcReader(String[] keys) {
        this.keys = keys;
    }

    /** A reader for {@code settings}, or null when they are off or SLF4J is absent. */
    static MdcReader create(MdcSettings settings) {
        if (settings == null || !settings.enabled() || !ClassPresence.isPresent("org.slf4j.MDC", MdcReader.class)) {
            return null;
        }
        return new MdcReader(settings.keys().stream().sorted().toArray(String[]::new));
    }

    Object[] read() {
        try {
            return keys.length == 0 ? all() : selected();
        } catch (RuntimeException | LinkageError e) {
            return null; // an MDC adapter failing must not fail the log call
        }
    }

    private Object[] selected() {
        Object[] pairs = null;
        int size = 0;
        for (String key : keys) {
            String value = MDC.get(key);
            if (value != null) {
                if (pairs == null) {
                    pairs = new Object[keys.length * 2];
                }
                pairs[size++] = key;
                pairs[size++] = value;
            }
        }
        return TraceIdNames.contextPairs(pairs == null || size == pairs.length ? pairs : java.util.Arrays.copyOf(pairs, size));
    }

    private static Object[] all() {
        return LogBridge.contextPairs(MDC.getCopyOfContextMap());
    }
}

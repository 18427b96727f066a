package io.fapilog.spring.autoconfigure;

import io.fapilog.Level;
import io.fapilog.spi.FieldsView;
import io.fapilog.spi.LogEventView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** One event built outside the engine (the drain report), for the configured encoder. */
record ReportEvent(long timestampMillis, Level level, String loggerName, String message,
                   FieldsView diagnostics, FieldsView data) implements LogEventView {

    private static final FieldsView EMPTY = new MapFields(Map.of());

    @Override
    public Throwable throwable() {
        return null;
    }

    @Override
    public String threadName() {
        return Thread.currentThread().getName();
    }

    @Override
    public FieldsView context() {
        return EMPTY;
    }

    /** Fields over a map, in its order. */
    record MapFields(Map<String, Object> map, List<String> keys) implements FieldsView {

        MapFields(Map<String, Object> map) {
            this(new LinkedHashMap<>(map), new ArrayList<>(map.keySet()));
        }

        @Override
        public int size() {
            return keys.size();
        }

        @Override
        public String key(int index) {
            return keys.get(index);
        }

        @Override
        public Object value(int index) {
            return map.get(keys.get(index));
        }

        @Override
        public int indexOf(String key) {
            return keys.indexOf(key);
        }

        @Override
        public Object get(String key) {
            return map.get(key);
        }

        @Override
        public void forEach(BiConsumer<String, Object> action) {
            map.forEach(action);
        }

        @Override
        public Map<String, Object> toMap() {
            return new LinkedHashMap<>(map);
        }
    }
}

package io.fapilog;

import java.util.Map;
import java.util.function.Supplier;

/** The builder of a disabled level: one shared instance that ignores everything. */
final class NoOpLogBuilder implements LogBuilder {

    static final NoOpLogBuilder INSTANCE = new NoOpLogBuilder();

    private NoOpLogBuilder() {
    }

    @Override
    public LogBuilder add(String key, Object value) {
        return this;
    }

    @Override
    public LogBuilder add(String key, Supplier<?> value) {
        return this;
    }

    @Override
    public LogBuilder add(String key, int value) {
        return this;
    }

    @Override
    public LogBuilder add(String key, long value) {
        return this;
    }

    @Override
    public LogBuilder add(String key, double value) {
        return this;
    }

    @Override
    public LogBuilder add(String key, boolean value) {
        return this;
    }

    @Override
    public LogBuilder addAll(Map<String, ?> fields) {
        return this;
    }

    @Override
    public LogBuilder cause(Throwable error) {
        return this;
    }

    @Override
    public LogBuilder tag(String tag) {
        return this;
    }

    @Override
    public void log(String message) {
    }

    @Override
    public void log(String message, Object arg) {
    }

    @Override
    public void log(String message, Object arg1, Object arg2) {
    }

    @Override
    public void log(String message, Object... args) {
    }

    @Override
    public void log(Supplier<String> message) {
    }
}

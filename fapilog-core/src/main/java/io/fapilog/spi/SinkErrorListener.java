package io.fapilog.spi;

import io.fapilog.internal.ConsoleLine;

/** Told about every failure of a sink, for example to count it in metrics ({@code fapilog.sink.errors}). */
@FunctionalInterface
public interface SinkErrorListener {

    SinkErrorListener NONE = (sinkName, error) -> { };

    /** Prints a one-line report to the current {@code System.err}: the last resort of a logging library. */
    SinkErrorListener STDERR = (sinkName, error) -> ConsoleLine.println(System.err, "fapilog: sink '" + sinkName + "' failed: " + error);

    /** Called on the failing thread; must be quick and must not throw. */
    void onError(String sinkName, Throwable error);
}

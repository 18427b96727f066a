package io.fapilog.internal.sinks;

import io.fapilog.spi.Sink;
import io.fapilog.spi.EncodedBatch;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Writes each batch to an {@link OutputStream} with a single write call, then flushes it.
 * {@link #stdout(String)} and {@link #stderr(String)} look up {@code System.out} / {@code System.err}
 * for every batch, so output capture that replaces them (tests, Spring Boot's
 * {@code OutputCaptureExtension}) sees the events. A {@link PrintStream} that swallowed an
 * {@code IOException} is reported as a failure. The sink never closes the stream: its owner does.
 */
public final class StreamSink implements Sink {

    private final String name;
    private final Supplier<? extends OutputStream> target;
    private final Object lock = new Object();

    public StreamSink(String name, OutputStream out) {
        this(name, constant(Objects.requireNonNull(out, "out")));
    }

    private StreamSink(String name, Supplier<? extends OutputStream> target) {
        this.name = Objects.requireNonNull(name, "name");
        this.target = target;
    }

    /** A sink writing to the current {@code System.out}, named e.g. {@code stdout-json} or {@code stdout-pretty}. */
    public static StreamSink stdout(String name) {
        return new StreamSink(name, () -> System.out);
    }

    /** A sink writing to the current {@code System.err}. */
    public static StreamSink stderr(String name) {
        return new StreamSink(name, () -> System.err);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(EncodedBatch batch) throws IOException {
        if (batch.length() == 0) {
            return;
        }
        synchronized (lock) {
            OutputStream out = target.get();
            out.write(batch.array(), 0, batch.length());
            flush(out);
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (lock) {
            flush(target.get());
        }
    }

    private void flush(OutputStream out) throws IOException {
        if (out instanceof PrintStream print) {
            if (print.checkError()) { // flushes, and tells whether an IOException was swallowed
                throw new IOException("sink '" + name + "': the print stream reported a write error");
            }
        } else {
            out.flush();
        }
    }

    private static <T> Supplier<T> constant(T value) {
        return () -> value;
    }
}

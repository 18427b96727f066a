package io.fapilog.sinks;

import io.fapilog.config.SinkType;
import io.fapilog.spi.Sink;
import io.fapilog.spi.EncodedBatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Keeps every event as a line of text, for tests (the library's and its users'). Thread-safe;
 * {@link #awaitSize(int, Duration)} lets a test wait for asynchronous workers without sleeping.
 */
public final class InMemorySink implements Sink {

    private final String name;
    private final List<String> lines = new ArrayList<>();

    public InMemorySink() {
        this(SinkType.IN_MEMORY.id());
    }

    public InMemorySink(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(EncodedBatch batch) {
        List<String> batchLines = batch.lines(); // decode outside the lock
        synchronized (lines) {
            lines.addAll(batchLines);
            lines.notifyAll();
        }
    }

    /** A copy of the lines written so far, in order, without their newlines. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public int size() {
        synchronized (lines) {
            return lines.size();
        }
    }

    public void clear() {
        synchronized (lines) {
            lines.clear();
        }
    }

    /**
     * Waits until at least {@code n} lines have been written.
     *
     * @return {@code true} if they were, {@code false} if the timeout passed first
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean awaitSize(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (lines.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lines, left);
            }
            return true;
        }
    }
}

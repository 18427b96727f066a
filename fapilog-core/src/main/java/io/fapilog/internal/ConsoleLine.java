package io.fapilog.internal;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A line for the console that never keeps its caller past a bound. At shutdown the console may not
 * take it: a pipe nobody reads any more is full, or a sink blocked in a write to the same stream holds
 * its lock. The line is printed by a daemon thread of its own, which the JVM's exit does not wait for.
 */
public final class ConsoleLine {

    private ConsoleLine() {
    }

    /** Prints {@code line} on {@code stream}, waiting at most {@code wait} for it to be taken. */
    public static void print(PrintStream stream, String line, Duration wait) {
        Thread printer = new Thread(() -> stream.println(line), "fapilog-console-line");
        printer.setDaemon(true);
        printer.start();
        try {
            printer.join(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.fapilog.internal;

import io.fapilog.internal.encoding.ControlCharacters;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * fapilog's own lines for the console (notices on standard error). A line printed with a bound
 * never keeps its caller past it: at shutdown the console may not
 * take it: a pipe nobody reads any more is full, or a sink blocked in a write to the same stream holds
 * its lock. The line is printed by a daemon thread of its own, which the JVM's exit does not wait for.
 */
public final class ConsoleLine {

    private ConsoleLine() {
    }

    /**
     * Prints {@code line} and a line separator on {@code stream} in UTF-8, the encoding of the events
     * fapilog writes there, whatever the stream's own charset: one stream, one encoding. Control
     * characters are escaped: a notice quotes exception messages, which may hold an event's text.
     */
    public static void println(PrintStream stream, String line) {
        byte[] bytes = (ControlCharacters.escaped(line) + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        stream.write(bytes, 0, bytes.length);
        stream.flush();
    }

    /** {@link #println Prints} {@code line} on {@code stream}, waiting at most {@code wait} for it to be taken. */
    public static void print(PrintStream stream, String line, Duration wait) {
        Thread printer = new Thread(() -> println(stream, line), "fapilog-console-line");
        printer.setDaemon(true);
        printer.start();
        try {
            printer.join(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

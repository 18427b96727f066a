package io.fapilog.internal;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLineTest {

    @Test
    void aStreamThatTakesTheLineHasItWhenPrintReturns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ConsoleLine.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), "drain timed out", Duration.ofSeconds(30));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("drain timed out" + System.lineSeparator());
    }

    /** Another thread holds the stream's lock (a sink blocked writing to it): print returns, and the line follows once the lock is free. */
    @Test
    void aStreamHeldByABlockedWriterDoesNotKeepTheCaller() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread blockedWriter = new Thread(() -> {
            synchronized (stream) {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        blockedWriter.start();
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        ConsoleLine.print(stream, "drain timed out", Duration.ofMillis(50));

        assertThat(bytes.size()).isZero();
        release.countDown();
        blockedWriter.join();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (bytes.size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("drain timed out" + System.lineSeparator());
    }

    /** A notice quotes an exception's message, which may hold an event's text: it stays one line, and no escape sequence reaches the terminal. */
    @Test
    void escapesControlCharacters() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        ConsoleLine.println(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                "fapilog: sink 'x' failed: said X\nFORGED all good\u001b[2J\u001b]8;;http://evil\u0007link\u009b\u2028\u202e é");

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("fapilog: sink 'x' failed: said X\\u000aFORGED all good"
                + "\\u001b[2J\\u001b]8;;http://evil\\u0007link\\u009b\\u2028\\u202e é" + System.lineSeparator());
    }
}

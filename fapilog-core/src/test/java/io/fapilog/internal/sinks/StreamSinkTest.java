package io.fapilog.internal.sinks;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamSinkTest {

    /** Counts the bulk write calls it receives. */
    static final class CountingStream extends ByteArrayOutputStream {
        int writes;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes++;
            super.write(b, off, len);
        }
    }

    @Test
    void writesTheExactBytesOfEachBatchInOneCall() throws Exception {
        CountingStream out = new CountingStream();
        StreamSink sink = new StreamSink("test", out);

        sink.write(TestBatches.of("{\"a\":1}", "{\"b\":\"é\"}"));
        sink.write(TestBatches.of("{\"c\":3}"));
        sink.write(TestBatches.of());

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n{\"b\":\"é\"}\n{\"c\":3}\n");
        assertThat(out.writes).isEqualTo(2);
        assertThat(sink.name()).isEqualTo("test");
    }

    /**
     * A pipe takes a large write in pieces; a {@code println} of the application's between two
     * pieces once landed inside a JSON line. The sink's write to the descriptor holds the stream's
     * monitor, which {@code println} takes too.
     */
    @Test
    void aLinePrintedMeanwhileWaitsForTheBatchInsteadOfLandingInsideIt() throws Exception {
        Object printStreamMonitor = new Object();
        StringBuilder pipe = new StringBuilder();
        Thread[] printer = new Thread[1];
        java.nio.channels.WritableByteChannel inPieces = new java.nio.channels.WritableByteChannel() {
            @Override
            public int write(java.nio.ByteBuffer source) {
                int n = Math.min(5, source.remaining());
                byte[] piece = new byte[n];
                source.get(piece);
                synchronized (pipe) {
                    pipe.append(new String(piece, StandardCharsets.UTF_8));
                }
                if (printer[0] == null) { // after the first piece, the application prints a line
                    printer[0] = new Thread(() -> {
                        synchronized (printStreamMonitor) {
                            synchronized (pipe) {
                                pipe.append("printed\n");
                            }
                        }
                    });
                    printer[0].start();
                    awaitBlockedOrDone(printer[0]);
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        StreamSink sink = StreamSink.guarded("stdout-json", inPieces, printStreamMonitor, false);

        sink.write(TestBatches.of("{\"event\":1}", "{\"event\":2}"));
        printer[0].join(10_000);

        assertThat(pipe.toString()).isEqualTo("{\"event\":1}\n{\"event\":2}\nprinted\n");
    }

    private static void awaitBlockedOrDone(Thread thread) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (thread.getState() != Thread.State.BLOCKED && thread.getState() != Thread.State.TERMINATED
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @Test
    void stdoutAndStderrFollowTheCurrentSystemStreams() throws Exception {
        StreamSink stdout = StreamSink.stdout("stdout-json");
        StreamSink stderr = StreamSink.stderr("stderr");
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        try {
            System.setOut(new PrintStream(capturedOut, false, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, false, StandardCharsets.UTF_8));
            stdout.write(TestBatches.of("out-1", "out-2"));
            stderr.write(TestBatches.of("err-1"));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        assertThat(capturedOut.toString(StandardCharsets.UTF_8)).isEqualTo("out-1\nout-2\n");
        assertThat(capturedErr.toString(StandardCharsets.UTF_8)).isEqualTo("err-1\n");
        assertThat(stdout.name()).isEqualTo("stdout-json");
    }

    @Test
    void aPrintStreamThatSwallowedAnErrorMakesTheWriteFail() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("pipe closed");
            }
        };
        StreamSink sink = new StreamSink("broken", new PrintStream(broken, true, StandardCharsets.UTF_8));

        assertThatThrownBy(() -> sink.write(TestBatches.of("x")))
                .isInstanceOf(IOException.class).hasMessageContaining("broken");
    }

    /**
     * A print stream's error flag stays set: after its first failure no batch is written to it (each
     * would fail after being written, be retried and be written again); they all fail before
     * writing, so the fallback takes them, and none is lost.
     */
    @Test
    void aPrintStreamThatFailedOnceIsNeverWrittenTwiceAndItsLaterBatchesFailBeforeWriting() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        boolean[] failNext = {true};
        OutputStream flaky = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (failNext[0]) {
                    failNext[0] = false;
                    throw new IOException("EAGAIN");
                }
                captured.write(b, off, len);
            }
        };
        StreamSink sink = new StreamSink("flaky", new PrintStream(flaky, false, StandardCharsets.UTF_8));

        assertThatThrownBy(() -> sink.write(TestBatches.of("a"))).isInstanceOf(IOException.class);
        for (String line : List.of("a", "b", "c")) {  // a's retry, then later batches
            assertThatThrownBy(() -> sink.write(TestBatches.of(line))).isInstanceOf(IOException.class)
                    .hasMessageContaining("cannot tell whether it recovered");
        }

        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}

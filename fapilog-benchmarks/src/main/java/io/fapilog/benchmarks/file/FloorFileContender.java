package io.fapilog.benchmarks.file;

import io.fapilog.benchmarks.BenchEvent;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;

/**
 * The floor of {@link FileThroughput}: no logger. The producers only count; the drain then writes
 * one preformatted JSON line per event, the size of fapilog's, from one thread through a 64 KiB
 * buffer, into one file or standard output. What it reaches is what this machine's page cache takes
 * from a single writer, before any encoding: the ceiling of every single-writer logger here.
 */
final class FloorFileContender implements FileContender {

    private static final int BUFFER = 64 * 1024;
    private static final byte[] PREFIX = ("{\"timestamp\":\"2026-12-02T03:00:00.000Z\",\"level\":\"INFO\",\"message\":\""
            + BenchEvent.MESSAGE + "\",\"logger\":\"" + BenchEvent.LOGGER + "\",\"diagnostics\":{\"host\":\"vm\",\"pid\":12345,"
            + "\"thread\":\"producer-1\"},\"data\":{\"user\":\"" + BenchEvent.USER + "\",\"item_id\":")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] SIZE = ",\"size\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SUFFIX = "}}\n".getBytes(StandardCharsets.UTF_8);

    private final LongAdder logged = new LongAdder();
    private OutputStream out;
    private boolean ownsStream;

    @Override
    public void start(Target target, Path directory) throws IOException {
        ownsStream = target == Target.FILE;
        out = ownsStream ? new FileOutputStream(directory.resolve(FILE_NAME).toFile()) : new FileOutputStream(FileDescriptor.out);
    }

    @Override
    public void log(long seq) {
        logged.increment();
    }

    @Override
    public long stopAndDrain() throws IOException {
        long events = logged.sum();
        byte[] buffer = new byte[BUFFER];
        int pos = 0;
        for (long seq = 0; seq < events; seq++) {
            if (pos > BUFFER - 512) {
                out.write(buffer, 0, pos);
                pos = 0;
            }
            pos = put(buffer, pos, PREFIX);
            pos = digits(buffer, pos, BenchEvent.itemId(seq));
            pos = put(buffer, pos, SIZE);
            pos = digits(buffer, pos, BenchEvent.size(seq));
            pos = put(buffer, pos, SUFFIX);
        }
        out.write(buffer, 0, pos);
        out.flush();
        if (ownsStream) {
            out.close();
        }
        return 0;
    }

    private static int put(byte[] buffer, int pos, byte[] bytes) {
        System.arraycopy(bytes, 0, buffer, pos, bytes.length);
        return pos + bytes.length;
    }

    private static int digits(byte[] buffer, int pos, long value) {
        int length = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            length++;
        }
        for (int i = pos + length - 1; i >= pos; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return pos + length;
    }
}

package io.fapilog.encoding;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A growable byte buffer holding encoded events, one per line, reused by a worker from batch to
 * batch. Encoders append to it through {@link #stream()} and close each event with {@link #endEvent()}.
 */
public final class EncodedBatch {

    private byte[] bytes;
    private int length;
    private int events;
    private int eventStart;

    private final OutputStream stream = new OutputStream() {
        @Override
        public void write(int b) {
            ensureCapacity(length + 1);
            bytes[length++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            append(b, off, len);
        }
    };

    public EncodedBatch() {
        this(16 * 1024);
    }

    public EncodedBatch(int initialCapacity) {
        this.bytes = new byte[Math.max(64, initialCapacity)];
    }

    /** An output stream appending to this batch; never throws. */
    public OutputStream stream() {
        return stream;
    }

    public void append(byte[] b, int off, int len) {
        ensureCapacity(length + len);
        System.arraycopy(b, off, bytes, length, len);
        length += len;
    }

    public void append(byte b) {
        ensureCapacity(length + 1);
        bytes[length++] = b;
    }

    /** Ends the current event: appends a newline unless the encoder wrote one, and counts it. */
    public void endEvent() {
        if (length == eventStart || bytes[length - 1] != '\n') {
            append((byte) '\n');
        }
        events++;
        eventStart = length;
    }

    /** Drops whatever the current, unfinished event wrote (an encoder that failed half-way). */
    public void discardCurrentEvent() {
        length = eventStart;
    }

    /** Bytes written since the current event started. */
    public int currentEventLength() {
        return length - eventStart;
    }

    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public int eventCount() {
        return events;
    }

    public boolean isEmpty() {
        return events == 0;
    }

    public void reset() {
        length = 0;
        events = 0;
        eventStart = 0;
        if (bytes.length > 4 * 1024 * 1024) {
            bytes = new byte[16 * 1024];
        }
    }

    /** The encoded events as UTF-8 strings, one per line, without the newline (for tests and in-memory sinks). */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(events);
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                lines.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return lines;
    }

    private void ensureCapacity(int required) {
        if (required > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(required, bytes.length * 2));
        }
    }
}

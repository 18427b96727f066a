package io.fapilog.spi;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A growable byte buffer holding encoded events, one per line, reused by a worker from batch to
 * batch. Encoders append to it through {@link #stream()} and close each event with {@link #endEvent()},
 * or with {@link #endEvent(Object)} to hand the sink a record of their own beside the line (an OTLP
 * log record, a message key): sinks read line {@code i} at {@link #lineStart(int)} to
 * {@link #lineEnd(int)} and its record with {@link #record(int)}. A sink must not keep the batch.
 */
public final class EncodedBatch {

    private byte[] bytes;
    private int length;
    private int events;
    private int eventStart;
    private int[] lineEnds = new int[64];
    private Object[] records;

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
        endEvent(null);
    }

    /** Ends the current event as {@link #endEvent()} does, with {@code record} for the sink (may be null). */
    public void endEvent(Object record) {
        if (length == eventStart || bytes[length - 1] != '\n') {
            append((byte) '\n');
        }
        if (events == lineEnds.length) {
            lineEnds = Arrays.copyOf(lineEnds, events * 2);
        }
        lineEnds[events] = length;
        if (record != null || records != null) {
            if (records == null || records.length < lineEnds.length) {
                records = records == null ? new Object[lineEnds.length] : Arrays.copyOf(records, lineEnds.length);
            }
            records[events] = record;
        }
        events++;
        eventStart = length;
    }

    /** Offset of the first byte of line {@code index}. */
    public int lineStart(int index) {
        return index == 0 ? 0 : lineEnd(index - 1) + 1;
    }

    /** Offset of the newline that ends line {@code index}. */
    public int lineEnd(int index) {
        java.util.Objects.checkIndex(index, events);
        return lineEnds[index] - 1;
    }

    /** The record the encoder handed over with line {@code index}, or null. */
    public Object record(int index) {
        java.util.Objects.checkIndex(index, events);
        return records == null ? null : records[index];
    }

    /** Drops whatever the current, unfinished event wrote (an encoder that failed half-way). */
    public void discardCurrentEvent() {
        length = eventStart;
    }

    /**
     * Removes the last ended event and its record (an event that failed in another encoder must
     * reach no sink); does nothing when the batch is empty. Call it before the next event starts.
     */
    public void discardLastEvent() {
        if (events == 0) {
            return;
        }
        events--;
        if (records != null) {
            records[events] = null;
        }
        length = events == 0 ? 0 : lineEnds[events - 1];
        eventStart = length;
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
        if (records != null) {
            Arrays.fill(records, 0, events, null);
        }
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

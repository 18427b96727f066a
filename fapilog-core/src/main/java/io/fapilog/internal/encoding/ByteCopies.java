package io.fapilog.internal.encoding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Copies of the short byte runs an encoder writes (member names, cached values, constants) in whole
 * 8- or 4-byte words, the last word overlapping the one before it: at these lengths the call into
 * {@code System.arraycopy}'s stub costs more than the copy.
 */
final class ByteCopies {

    /** Longer runs go through {@code System.arraycopy}. */
    private static final int MAX_WORD_COPY = 64;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private ByteCopies() {
    }

    /** As {@link System#arraycopy}, for two different arrays. */
    static void copy(byte[] from, int fromIndex, byte[] to, int toIndex, int length) {
        if (length >= Long.BYTES) {
            if (length > MAX_WORD_COPY) {
                System.arraycopy(from, fromIndex, to, toIndex, length);
                return;
            }
            int last = length - Long.BYTES;
            for (int i = 0; i < last; i += Long.BYTES) {
                LONGS.set(to, toIndex + i, (long) LONGS.get(from, fromIndex + i));
            }
            LONGS.set(to, toIndex + last, (long) LONGS.get(from, fromIndex + last));
        } else if (length >= Integer.BYTES) {
            int last = length - Integer.BYTES;
            INTS.set(to, toIndex, (int) INTS.get(from, fromIndex));
            INTS.set(to, toIndex + last, (int) INTS.get(from, fromIndex + last));
        } else {
            for (int i = 0; i < length; i++) {
                to[toIndex + i] = from[fromIndex + i];
            }
        }
    }
}

package io.fapilog.internal.encoding;

/**
 * The marker that ends cut text, {@code …[truncated N chars]}: written by the encoders, and by the
 * log call when it cuts huge text early; the encoders read the call's back to count what it left out.
 */
public final class CutMarker {

    public static final String PREFIX = "…[truncated ";
    public static final String SUFFIX = " chars]";

    private CutMarker() {
    }

    /** The marker for {@code removed} characters left out. */
    public static String of(long removed) {
        return PREFIX + removed + SUFFIX;
    }
}

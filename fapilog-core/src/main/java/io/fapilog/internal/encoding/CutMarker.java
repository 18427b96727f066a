package io.fapilog.internal.encoding;

/**
 * The marker that ends cut text, {@code …[truncated N chars]}, written by the encoders; and the one the
 * log call ends huge text with when it cuts it early, {@code ...[truncated N chars]}, which the
 * encoders read back to count what it left out. The call's is ASCII: an ellipsis would make the text
 * it ends two bytes a character in memory (a queue of cut 20 KB bodies held twice what it should).
 */
public final class CutMarker {

    public static final String PREFIX = "…[truncated ";
    public static final String EARLY_PREFIX = "...[truncated ";
    public static final String SUFFIX = " chars]";

    private CutMarker() {
    }

    /** The marker for {@code removed} characters left out. */
    public static String of(long removed) {
        return PREFIX + removed + SUFFIX;
    }

    /** The log call's marker for {@code removed} characters left out. */
    public static String early(long removed) {
        return EARLY_PREFIX + removed + SUFFIX;
    }
}

package io.fapilog.benchmarks;

/**
 * The one event every contender logs: a message and three fields (a string, an int, a long), JSON
 * encoded by the contender's own encoder. The int and long vary per event so that no contender can
 * cache an encoded value or a boxed constant.
 */
public final class BenchEvent {

    public static final String LOGGER = "bench";
    public static final String MESSAGE = "Processing item";
    public static final String USER_KEY = "user";
    public static final String USER = "alice";
    public static final String ITEM_ID_KEY = "item_id";
    public static final String SIZE_KEY = "size";

    /**
     * Events per throughput operation (a burst); each operation logs these, then waits until the
     * consumer counted them. Larger than fapilog's production queue (10,000) and Logback's default
     * (256), so back-pressure is part of what is measured; smaller than Log4j2's default ring (256 Ki).
     */
    public static final int EVENTS_PER_OP = 16_384;

    /** Queue or ring capacity of the tuned contenders: two producers' full operations, so nothing waits or drops. */
    public static final int QUEUE_CAPACITY = 65_536;

    private BenchEvent() {
    }

    public static int itemId(long seq) {
        return (int) seq;
    }

    public static long size(long seq) {
        return 1_000L + (seq & 1_023);
    }
}

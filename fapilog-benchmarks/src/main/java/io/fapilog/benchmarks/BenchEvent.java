package io.fapilog.benchmarks;

/**
 * The one event every contender logs: a message and three fields (a string, an int, a long), JSON
 * encoded by the contender's own encoder. All three vary per event, as the values an application logs
 * with a request do, so that no contender can reuse what it did for the previous event's value
 * (fapilog remembers the masking and the encoded bytes of recent strings by identity): the user is
 * one of {@value #DISTINCT_USER_COUNT} distinct strings of five letters, in turn.
 */
public final class BenchEvent {

    public static final String LOGGER = "bench";
    public static final String MESSAGE = "Processing item";
    public static final String USER_KEY = "user";
    /** A user name: the benchmarks that do not compare contenders log it on every event. */
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

    public static final int DISTINCT_USER_COUNT = 4_096;
    private static final String[] DISTINCT_USERS = new String[DISTINCT_USER_COUNT];

    static {
        String letters = "abcdeghilmnorstu";
        for (int i = 0; i < DISTINCT_USER_COUNT; i++) { // "al" and three of the letters: "alaaa" ... "aluuu"
            DISTINCT_USERS[i] = "al" + letters.charAt(i >> 8) + letters.charAt(i >> 4 & 15) + letters.charAt(i & 15);
        }
    }

    private BenchEvent() {
    }

    /**
     * With {@code -Dfapilog.bench.repeated-user=true}, every event's user is the one instance of
     * {@link #USER}, as in the runs before distinct users: what remembering recent strings saves.
     */
    private static final boolean REPEATED_USER = Boolean.getBoolean("fapilog.bench.repeated-user");

    /** The user of event {@code seq}: a string instance other than the previous 4,095 events'. */
    public static String user(long seq) {
        return REPEATED_USER ? USER : DISTINCT_USERS[(int) (seq & (DISTINCT_USER_COUNT - 1))];
    }

    public static int itemId(long seq) {
        return (int) seq;
    }

    public static long size(long seq) {
        return 1_000L + (seq & 1_023);
    }
}

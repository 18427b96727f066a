package io.fapilog.internal.event;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.fapilog.spi.Redactor.MASK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CallSnapshotTest {

    enum Color { RED }

    record Point(int x, String label, LocalDate day, Color color) {
    }

    record Order(String id, List<String> items) {
    }

    /**
     * Text longer than twice the encoders' limit is cut at the call, to twice the limit and a marker
     * counting the rest (the encoders cut at the limit after redaction); shorter text is kept as it is.
     */
    @Test
    void textLongerThanTwiceTheLimitIsCutAtTheCall() {
        String huge = "x".repeat(1_000_000);
        String fits = "y".repeat(200);
        Object[] args = {"body", huge, "fits", fits, "list", new ArrayList<>(List.of(huge)), "sb", new StringBuilder(huge)};

        Object[] captured = CallSnapshot.of(args, 100);

        String cut = "x".repeat(200) + "...[truncated 999800 chars]"; // ASCII: the text stays one byte a character
        assertThat(captured[1]).isEqualTo(cut);
        assertThat(captured[3]).isSameAs(fits);
        assertThat(captured[5]).isEqualTo(List.of(cut));
        assertThat(captured[7]).isEqualTo(cut);
        assertThat(args[1]).isSameAs(huge);
        assertThat(CallSnapshot.of(new Object[] {"body", huge})[1]).as("without a limit").isSameAs(huge);
    }

    @Test
    void aCutNeverSplitsACharacter() {
        String emoji = "\uD83D\uDE00";
        String text = "a".repeat(199) + emoji + "b".repeat(100); // 200 kept would end in the emoji's first half
        String cut = (String) CallSnapshot.of(new Object[] {"k", text}, 100)[1];
        assertThat(cut).isEqualTo("a".repeat(199) + "...[truncated 102 chars]");
    }

    @Test
    void immutableArgumentsAreSharedAsTheyAre() {
        Point point = new Point(1, "p", LocalDate.EPOCH, Color.RED);
        Object[] args = {"s", "v", "n", 1, "l", 2L, "d", new BigDecimal("1.5"), "u", UUID.randomUUID(),
                "t", Instant.EPOCH, "e", Color.RED, "r", point, "b", true, "z", null};

        assertThat(CallSnapshot.of(args)).isSameAs(args);
    }

    @Test
    void recordsWithMutableComponentsAndBeansAreCapturedByReference() {
        Order order = new Order("o", new ArrayList<>(List.of("a")));
        Object bean = new Object();
        Object[] args = {"order", order, "bean", bean};

        assertThat(CallSnapshot.of(args)).isSameAs(args);
    }

    @Test
    void mutableValuesAreCopiedDeeplyIntoANewArgumentArray() {
        List<Object> inner = new ArrayList<>(List.of(1));
        Map<String, Object> map = new LinkedHashMap<>(Map.of("inner", inner));
        Set<String> set = new HashSet<>(Set.of("a"));
        StringBuilder text = new StringBuilder("t");
        Object[] args = {"map", map, "set", set, "text", text, "date", new Date(5), "n", new AtomicLong(3),
                "o", Optional.of(inner), "a", new Object[] {inner}, "i", new int[] {1}};

        Object[] captured = CallSnapshot.of(args);

        assertThat(captured).isNotSameAs(args);
        assertThat(args[1]).isSameAs(map);
        assertThat(captured[1]).isEqualTo(Map.of("inner", List.of(1))).isNotSameAs(map);
        assertThat(((Map<?, ?>) captured[1]).get("inner")).isNotSameAs(inner);
        assertThat(captured[3]).as("a set's elements, in a list never hashed again").isEqualTo(List.of("a"));
        assertThat(captured[5]).isEqualTo("t");
        assertThat(captured[7]).isEqualTo(Instant.ofEpochMilli(5));
        assertThat(captured[9]).isEqualTo(3L);
        assertThat(((Optional<?>) captured[11]).orElseThrow()).isEqualTo(List.of(1)).isNotSameAs(inner);
        assertThat(((Object[]) captured[13])[0]).isEqualTo(List.of(1)).isNotSameAs(inner);
        assertThat((int[]) captured[15]).containsExactly(1).isNotSameAs(args[15]);
    }

    @Test
    void aCycleIsCutAndALongCollectionEndsWithAMarker() {
        List<Object> self = new ArrayList<>();
        self.add("a");
        self.add(self);
        List<Integer> longList = new ArrayList<>();
        for (int i = 0; i < CallSnapshot.MAX_ELEMENTS + 5; i++) {
            longList.add(i);
        }

        Object[] captured = CallSnapshot.of(new Object[] {"self", self});
        Object[] longCaptured = CallSnapshot.of(new Object[] {"long", longList});

        assertThat(captured[1]).isEqualTo(List.of("a", CallSnapshot.CYCLE));
        List<?> copied = (List<?>) longCaptured[1];
        assertThat(copied).hasSize(CallSnapshot.MAX_ELEMENTS + 1);
        assertThat(copied.get(CallSnapshot.MAX_ELEMENTS)).isEqualTo(CallSnapshot.MORE);
    }

    @Test
    void aValueThatCannotBeCopiedIsMaskedAndCountedNeverThrown() {
        List<Object> failing = new ArrayList<>(List.of(1)) {
            @Override
            public java.util.Iterator<Object> iterator() {
                throw new ConcurrentModificationException();
            }
        };
        long before = CallSnapshot.failures();

        Object[] captured = CallSnapshot.of(new Object[] {"bad", failing, "good", new ArrayList<>(List.of(2))});

        assertThat(captured).containsExactly("bad", MASK, "good", List.of(2));
        assertThat(CallSnapshot.failures() - before).isEqualTo(1);
    }

    @Test
    void capturingImmutableArgumentsAllocatesNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemoryEnabled());
        Object[] args = {"user", "ann", "id", 42, "size", 7L, "day", LocalDate.EPOCH, "p",
                new Point(1, "p", LocalDate.EPOCH, Color.RED)};
        for (int i = 0; i < 20_000; i++) {
            CallSnapshot.of(args);
        }

        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            CallSnapshot.of(args);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).isLessThan(1_000);
    }

    /**
     * An event is weighed by what its message and captured values hold: a byte a character, 16 an
     * element (32 an entry, its key and value), a primitive array's bytes; values held by reference
     * are the caller's; under 1 KB it weighs nothing.
     */
    @Test
    void aCallIsWeighedByWhatItsCopiesHold() {
        String text = "t".repeat(2_000);
        assertThat(CallSnapshot.weight(100, new Object[] {"key", "v", "n", 7})).isZero();
        assertThat(CallSnapshot.weight(3, new Object[] {"body", text})).as("the key, short, is light").isEqualTo(3 + 2_000);

        Object[] copied = CallSnapshot.of(new Object[] {"rows", new ArrayList<>(List.of(text, "ab")),
                "map", new LinkedHashMap<>(Map.of("k", text)), "bytes", new byte[2_000], "longs", new long[100]});
        assertThat(CallSnapshot.weight(0, copied)).isEqualTo((16 + 2_000) + (16 + 2) + (32 + 1 + 2_000) + 2_000 + 800);
        assertThat(CallSnapshot.weight(0, new Object[] {"order", new Order("o-1", List.of(text, text))}))
                .as("a record, held by reference").isZero();
    }

    /** The call weighs its event in the capture's own pass, as {@link CallSnapshot#weight} weighs the captured values. */
    @Test
    void theCallsWeightIsTheCapturedValuesWeight() {
        String text = "t".repeat(3_000);
        Object[][] calls = {
                {"k", "v", "n", 1, "l", 2L},
                {"body", text, "n", 1},
                {"huge", "h".repeat(40_000)},
                {"rows", new ArrayList<>(List.of(text, "ab")), "map", new LinkedHashMap<>(Map.of("k", text)),
                        "bytes", new byte[2_000], "order", new Order("o-1", List.of(text))},
                {"nothing", null, "flag", true, "when", Instant.EPOCH}};
        for (Object[] call : calls) {
            String message = "m".repeat(500);
            LogEvent event = LogEvent.of(0, io.fapilog.Level.INFO, "test", message, call.clone()).captureCall(8_192);
            assertThat(event.weight()).as("call with %s", call[0])
                    .isEqualTo(CallSnapshot.weight(message.length(), CallSnapshot.of(call, 8_192)));
        }
        assertThat(LogEvent.of(0, io.fapilog.Level.INFO, "test", "m", "huge", "h".repeat(40_000)).captureCall(8_192).weight())
                .isEqualTo(1 + 16_384 + "...[truncated 23616 chars]".length());
    }

    /** Trimming cuts text, structures (in all) and arrays further, the counts of the cuts kept whole. */
    @Test
    void trimmingCutsCapturedValuesFurther() {
        Object[] captured = CallSnapshot.of(new Object[] {"body", "word ".repeat(4_000), "rows", new ArrayList<>(
                java.util.Collections.nCopies(100, "r")), "bytes", new byte[1_000], "ints", new int[100]}, 8_192);
        Object[] trimmed = CallSnapshot.trimmed(captured, 512, 16);
        assertThat(trimmed[1]).as("cut at the call to 16,384, then after the word the 512th character falls in")
                .isEqualTo("word ".repeat(103) + "…[truncated 19485 chars]");
        assertThat((List<?>) trimmed[3]).hasSize(17).last().isSameAs(CallSnapshot.MORE);
        assertThat(trimmed[5]).isEqualTo("[1000 bytes, trimmed]");
        assertThat(((List<?>) trimmed[7]).subList(0, 16)).allMatch(Integer.valueOf(0)::equals);
        assertThat((List<?>) trimmed[7]).hasSize(17).last().isSameAs(CallSnapshot.MORE);
        assertThat(CallSnapshot.remaining(trimmed[7], 17, 16)).isEqualTo(84);
        assertThat(CallSnapshot.weight(0, trimmed)).as("the cut text, 16 rows and the marker, 16 ints; keys and the bytes' short text light")
                .isEqualTo(515 + 24 + 16 * (16 + 1) + 16 + CallSnapshot.MORE.length()
                        + 16 * 16 + 16 + CallSnapshot.MORE.length());
    }

    /**
     * A throwable, the event's or a value of the call, weighs what {@link ThrowableFootprint} says, in
     * the capture's pass as in {@link CallSnapshot#weight}; trimming makes each a copy of its first frames.
     */
    @Test
    void throwablesAreWeighedAndTrimmedWhereverTheCallHasThem() {
        IllegalStateException failure = new IllegalStateException("declined");
        long failureWeight = 4_096 + "declined".length();
        assertThat(CallSnapshot.weight(0, new Object[] {"error", failure})).isEqualTo(failureWeight);
        assertThat(LogEvent.of(0, io.fapilog.Level.INFO, "test", "failed", "error", failure).captureCall(8_192).weight())
                .as("a value of the call").isEqualTo(6 + failureWeight);
        LogEvent withThrowable = new LogEvent(0, io.fapilog.Level.ERROR, "test", "failed", failure, "main", null, null);
        assertThat(withThrowable.captureCall(8_192).weight()).as("the event's").isEqualTo(6 + failureWeight);
        assertThat(new LogEvent(0, io.fapilog.Level.ERROR, "test", "failed", failure, "main", null, null).weigh())
                .as("a bridged event's").isEqualTo(6 + failureWeight);

        Object[] trimmed = CallSnapshot.trimmed(new Object[] {"error", failure}, 512, 16);
        assertThat(trimmed[1]).isInstanceOf(ThrowableCopy.class);
        assertThat(((Throwable) trimmed[1]).getStackTrace()).hasSize(Math.min(16, failure.getStackTrace().length));
        withThrowable.trim(512, 16);
        assertThat(withThrowable.throwable()).isInstanceOf(ThrowableCopy.class);
        assertThat(((ThrowableCopy) withThrowable.throwable()).framesOmitted()).isEqualTo(failure.getStackTrace().length - 16);
        assertThat(withThrowable.weight()).isEqualTo(6 + 64 + 16 * 64 + "declined".length());
    }
}

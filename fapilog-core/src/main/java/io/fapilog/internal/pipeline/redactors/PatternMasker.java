package io.fapilog.internal.pipeline.redactors;

import io.fapilog.internal.ConsoleLine;
import io.fapilog.spi.Redactor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks every non-empty match of each pattern, in order. Matchers are reused per thread, so a value
 * without a match costs no allocation; they are reset after each use so no value stays referenced.
 *
 * <p>A {@linkplain GuardedPattern#timeBounded timed} pattern (the application's own) may take at most
 * {@link #MATCH_BUDGET} on one value: one that backtracks without end ({@code (x+x+)+y} on a long run of
 * {@code x}, seconds for a few thousand characters, hours for 16,000) held the only worker, and every
 * event after it waited for good. Past its budget, or when its search overflows the stack (a repeated
 * group with alternatives on a long value, which made the whole event unredacted), the value is masked
 * whole, and standard error says so, naming the pattern, at most once a minute for each runtime.
 */
public final class PatternMasker implements ValueMasker {

    /** The longest a timed pattern may search one value. */
    public static final Duration MATCH_BUDGET = Duration.ofMillis(250);
    private static final long NOTICE_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private final AtomicLong lastNotice = new AtomicLong(System.nanoTime() - NOTICE_INTERVAL_NANOS);

    private final List<GuardedPattern> patterns;
    private final ThreadLocal<Matcher[]> matchers;
    /** The text a timed pattern reads, reused per thread: a value without a match costs no allocation. */
    private final ThreadLocal<TimedText> timedTexts = ThreadLocal.withInitial(TimedText::new);

    public PatternMasker(List<GuardedPattern> patterns) {
        this.patterns = List.copyOf(patterns);
        this.matchers = ThreadLocal.withInitial(
                () -> this.patterns.stream().map(guarded -> guarded.pattern().matcher("")).toArray(Matcher[]::new));
    }

    /** A masker for patterns without pre-checks. */
    public static PatternMasker of(List<Pattern> patterns) {
        return new PatternMasker(patterns.stream().map(GuardedPattern::unguarded).toList());
    }

    @Override
    public String mask(String value) {
        String result = value;
        Matcher[] all = null;
        for (int i = 0; i < patterns.size(); i++) {
            if (!patterns.get(i).mayMatch().test(result)) {
                continue;
            }
            if (all == null) {
                all = matchers.get();
            }
            Matcher matcher = all[i];
            GuardedPattern pattern = patterns.get(i);
            TimedText timed = pattern.timeBounded() ? timedTexts.get().reading(result, System.nanoTime() + MATCH_BUDGET.toNanos()) : null;
            matcher.reset(timed != null ? timed : result);
            MaskBuilder masked = null;
            try {
                while (matcher.find()) {
                    if (matcher.end() > matcher.start()) {
                        masked = (masked == null ? new MaskBuilder(result) : masked).mask(matcher.start(), matcher.end());
                    }
                }
            } catch (TimedText.OutOfTime outOfTime) {
                tell(pattern.pattern(), result.length(), "for more than " + MATCH_BUDGET.toMillis() + " ms (it backtracks)");
                return Redactor.MASK;
            } catch (StackOverflowError tooDeep) { // the stack is unwound: a pattern's recursion, not the worker's
                tell(pattern.pattern(), result.length(), "and overflowed the stack (a repeated group with alternatives)");
                return Redactor.MASK;
            } finally {
                matcher.reset("");
                if (timed != null) {
                    timed.reading(null, 0);
                }
            }
            if (masked != null) {
                result = masked.result();
            }
        }
        return result;
    }

    private void tell(Pattern pattern, int length, String failure) {
        long now = System.nanoTime();
        long last = lastNotice.get();
        if (now - last >= NOTICE_INTERVAL_NANOS && lastNotice.compareAndSet(last, now)) {
            ConsoleLine.println(System.err, "fapilog: fapilog.redaction.patterns: '" + pattern.pattern() + "' searched a value of "
                    + length + " characters " + failure + ": the value was masked whole; make the pattern linear"
                    + " (no nested repetition such as (a+)+), said at most once a minute");
        }
    }

    /**
     * A value as a timed pattern reads it: past the deadline, the next read throws (checked once every
     * 4,096 reads, so that the search pays a counter, not a clock read, per character).
     */
    private static final class TimedText implements CharSequence {

        static final class OutOfTime extends RuntimeException {
            OutOfTime() {
                super("the pattern ran out of time", null, false, false);
            }
        }

        private static final OutOfTime OUT_OF_TIME = new OutOfTime();

        private String text;
        private long deadline;
        private int reads;

        TimedText reading(String text, long deadline) {
            this.text = text;
            this.deadline = deadline;
            this.reads = 0;
            return this;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xFFF) == 0 && System.nanoTime() - deadline > 0) {
                throw OUT_OF_TIME;
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    @Override
    public Anchors anchors() {
        Anchors anchors = Anchors.NONE;
        for (GuardedPattern pattern : patterns) {
            anchors = anchors.and(pattern.anchors());
        }
        return anchors;
    }

    @Override
    public String toString() {
        return "PatternMasker" + patterns;
    }
}

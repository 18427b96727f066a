package io.fapilog.internal.event;

import io.fapilog.config.EncodingLimits;
import io.fapilog.config.StackTraceStyle;
import io.fapilog.internal.encoding.Encoders;
import io.fapilog.internal.encoding.Failures;
import io.fapilog.spi.RemoteThrowable;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class ThrowableFootprintTest {

    private static IllegalStateException thrownFrom(int depth, String message, Throwable cause) {
        if (depth == 0) {
            return new IllegalStateException(message, cause);
        }
        return thrownFrom(depth - 1, message, cause);
    }

    private static StackTraceElement[] frames(int count) {
        StackTraceElement[] frames = new StackTraceElement[count];
        for (int i = 0; i < count; i++) {
            frames[i] = new StackTraceElement("com.example.Step" + i, "run", "Step" + i + ".java", i + 1);
        }
        return frames;
    }

    /**
     * A throwable whose stack is unread weighs 4 KB and its message; one whose frames are read (a
     * copy, a bridged event's) 64 bytes a frame; each throwable of the chain once, a loop included.
     */
    @Test
    void aThrowableWeighsItsChainsStacksAndMessages() {
        IOException cause = new IOException("disk gone");
        IllegalStateException failure = thrownFrom(50, "charge failed", cause);
        failure.addSuppressed(new IllegalArgumentException("x"));
        assertThat(ThrowableFootprint.weight(failure)).isEqualTo(3 * 4_096 + "charge failed".length() + "disk gone".length() + 1);
        assertThat(ThrowableFootprint.weightRead(failure)).as("its stacks read")
                .isEqualTo(3 * 64 + 64L * (failure.getStackTrace().length + cause.getStackTrace().length
                        + failure.getSuppressed()[0].getStackTrace().length) + "charge failed".length() + "disk gone".length() + 1);

        RemoteThrowable remote = new RemoteThrowable("com.example.Remote", "gone", frames(100), null);
        assertThat(ThrowableFootprint.weight(remote)).isEqualTo(64 + 100 * 64 + 4);
        assertThat(ThrowableFootprint.weight(null)).isZero();

        IllegalStateException first = new IllegalStateException("a");
        IllegalStateException second = new IllegalStateException("b", first);
        first.initCause(second);
        assertThat(ThrowableFootprint.weight(first)).as("a loop, each once").isEqualTo(2 * 4_097);
    }

    /**
     * A chain longer than 16 throwables counts its first 16; its copy keeps 15 of them and, in place of
     * the last, the innermost cause (what went wrong), the causes between counted as omitted, which
     * every encoder says.
     */
    @Test
    void aLongChainCountsItsFirstSixteenAndItsCopyKeepsTheRootCause() {
        Throwable chain = new java.net.ConnectException("Connection refused: db.internal:5432");
        for (int i = 39; i >= 0; i--) {
            chain = new IllegalStateException("Error creating bean " + i, chain);
        }
        assertThat(ThrowableFootprint.weight(chain)).isEqualTo(16 * 4_096 + 10 * 21 + 6 * 22);

        Throwable copy = ThrowableFootprint.trimmed(chain, 16, 512);
        java.util.List<String> messages = new java.util.ArrayList<>();
        Throwable last = copy;
        for (Throwable t = copy; t != null; t = t.getCause()) {
            messages.add(t.getMessage());
            last = t;
        }
        assertThat(messages).hasSize(16).startsWith("Error creating bean 0")
                .endsWith("Error creating bean 14", "Connection refused: db.internal:5432");
        assertThat(ThrowableCopy.typeName(last)).isEqualTo("java.net.ConnectException");
        Throwable beforeRoot = copy;
        for (int i = 0; i < 14; i++) {
            assertThat(Failures.causesOmitted(beforeRoot)).isZero();
            beforeRoot = beforeRoot.getCause();
        }
        assertThat(Failures.causesOmitted(beforeRoot)).as("beans 15 to 39 left out").isEqualTo(25);

        String trace = Encoders.stackTrace(copy, EncodingLimits.DEFAULT);
        assertThat(trace).contains("Error creating bean 14\n", "... [nested throwables omitted]\n",
                "Caused by: java.net.ConnectException: Connection refused: db.internal:5432\n");
        assertThat(trace.indexOf("[nested throwables omitted]")).isLessThan(trace.indexOf("ConnectException"))
                .isGreaterThan(trace.indexOf("Error creating bean 14\n"));
        for (StackTraceStyle style : java.util.List.of(StackTraceStyle.ROOT_LAST, StackTraceStyle.ROOT_LAST.withRootFirst(true))) {
            String styled = Encoders.stackTrace(copy, style, EncodingLimits.DEFAULT);
            int omitted = styled.indexOf("... [nested throwables omitted]");
            assertThat(omitted).as("Spring Boot's layout, root first: %s", style.rootFirst()).isPositive();
            assertThat(styled.indexOf("ConnectException") < omitted).isEqualTo(style.rootFirst());
            assertThat(styled.indexOf("Error creating bean 14") < omitted).isNotEqualTo(style.rootFirst());
        }
    }

    /**
     * The trimmed copy keeps the type names, the messages (cut near 512 characters), the first 16
     * frames of each throwable (of a cause or suppressed one, of those it does not share with the
     * throwable it belongs to), its cause and suppressed ones; the encoders say how many frames it left
     * out, and a copy of it (redaction's) still knows.
     */
    @Test
    void aTrimmedCopyKeepsTheFirstFramesAndSaysHowManyItLeftOut() {
        IllegalStateException failure = thrownFrom(80, "charge failed " + "word ".repeat(200), new IOException("disk gone"));
        failure.addSuppressed(new IllegalArgumentException("closing"));
        StackTraceElement[] original = failure.getStackTrace();

        Throwable trimmed = ThrowableFootprint.trimmed(failure, 16, 512);

        assertThat(ThrowableCopy.typeName(trimmed)).isEqualTo("java.lang.IllegalStateException");
        assertThat(trimmed.getMessage()).isEqualTo(TrimmedValues.text(failure.getMessage(), 512)).endsWith(" chars]");
        assertThat(trimmed.getStackTrace()).containsExactly(java.util.Arrays.copyOf(original, 16));
        assertThat(Failures.framesOmitted(trimmed)).isEqualTo(original.length - 16);
        assertThat(ThrowableCopy.typeName(trimmed.getCause())).isEqualTo("java.io.IOException");
        assertThat(trimmed.getCause().getMessage()).isEqualTo("disk gone");
        assertThat(trimmed.getCause().getStackTrace()).as("made on the line that called thrownFrom: all shared").isEmpty();
        assertThat(trimmed.getSuppressed()).singleElement().satisfies(s -> assertThat(s.getMessage()).isEqualTo("closing"));
        assertThat(trimmed.getSuppressed()[0].getStackTrace()).as("its own line").hasSize(1);
        assertThat(ThrowableFootprint.weight(trimmed)).isEqualTo((64 + 16 * 64) + 64 + (64 + 64) + trimmed.getMessage().length() + 9 + 7);

        String trace = Encoders.stackTrace(trimmed, EncodingLimits.DEFAULT);
        assertThat(trace.lines().filter(line -> line.startsWith("\tat ")).count()).as("its own frames, none of its cause's").isEqualTo(16);
        assertThat(trace).contains("\t... " + (original.length - 16) + " frames truncated\n");

        ThrowableCopy masked = new ThrowableCopy(trimmed, "charge failed ***", trimmed.getCause(), new Throwable[0]);
        assertThat(masked.framesOmitted()).isEqualTo(original.length - 16);
    }

    /**
     * A trimmed cause keeps its own first frames, not those it shares with the throwable it caused:
     * it is written as the whole one is, its shared frames as Java's {@code ... n more}, and Spring
     * Boot's styled trace gives each throwable of it the hash of the whole one.
     */
    @Test
    void aTrimmedCauseIsWrittenWithTheFramesItSharesAndTheSameHashes() {
        IllegalStateException sameFrame = new IllegalStateException("wrapper", new IOException("made here"));
        IllegalStateException deeper = new IllegalStateException("wrapper", thrownFrom(30, "made deeper", null));
        for (Throwable whole : java.util.List.of(sameFrame, deeper)) {
            Throwable cause = whole.getCause();
            int shared = whole.getStackTrace().length;  // made on the wrapper's line: every frame of it
            int own = cause.getStackTrace().length - shared;
            Throwable trimmed = ThrowableFootprint.trimmed(whole, 16, 512);

            assertThat(trimmed.getCause().getStackTrace()).containsExactly(java.util.Arrays.copyOf(cause.getStackTrace(), Math.min(own, 16)));
            String wholeCause = causedBy(Encoders.stackTrace(whole, EncodingLimits.DEFAULT));
            String trimmedCause = causedBy(Encoders.stackTrace(trimmed, EncodingLimits.DEFAULT));
            assertThat(wholeCause).endsWith("\t... " + shared + " more");
            assertThat(trimmedCause).endsWith((own > 16 ? "\t... " + (own - 16) + " frames truncated\n" : "")
                    + "\t... " + shared + " more");
            assertThat(trimmedCause.lines().filter(line -> line.startsWith("\tat ")).toList())
                    .containsExactlyElementsOf(wholeCause.lines().filter(line -> line.startsWith("\tat ")).limit(16).toList());

            String allFrames = causedBy(Encoders.stackTrace(trimmed, StackTraceStyle.ROOT_LAST.withCommonFrames(true), EncodingLimits.DEFAULT));
            assertThat(allFrames).as("printing the shared frames too, which the copy does not hold: counted as left out")
                    .endsWith("\t... " + (own - Math.min(own, 16) + shared) + " filtered\n");

            StackTraceStyle hashed = StackTraceStyle.ROOT_LAST.withHashes(true);
            assertThat(hashes(Encoders.stackTrace(trimmed, hashed, EncodingLimits.DEFAULT)))
                    .hasSize(2).containsExactlyElementsOf(hashes(Encoders.stackTrace(whole, hashed, EncodingLimits.DEFAULT)));
        }
    }

    private static String causedBy(String trace) {
        return trace.substring(trace.indexOf("Caused by: "));
    }

    private static java.util.List<String> hashes(String trace) {
        return java.util.regex.Pattern.compile("<#[0-9a-f]{8}>").matcher(trace).results().map(java.util.regex.MatchResult::group).toList();
    }

    /**
     * A copy is made once per throwable of a loop, which ends where it would come back; each keeps
     * the hash Spring Boot gives the original, which follows the loop from it.
     */
    @Test
    void aLoopIsCopiedOnceAndKeepsItsHashes() {
        IllegalStateException first = new IllegalStateException("a");
        IllegalStateException second = thrownFrom(10, "b", first);
        first.initCause(second);
        Throwable copy = ThrowableFootprint.trimmed(first, 16, 512);
        assertThat(copy.getMessage()).isEqualTo("a");
        assertThat(copy.getCause().getMessage()).isEqualTo("b");
        assertThat(copy.getCause().getCause()).isNull();
        assertThat(Failures.traceHash(copy)).isEqualTo(Failures.traceHash(first));
        assertThat(Failures.traceHash(copy.getCause())).isEqualTo(Failures.traceHash(second));
    }
}

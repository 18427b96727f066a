package io.fapilog.internal.encoding;

import io.fapilog.config.EncodingLimits;
import io.fapilog.config.StackTraceStyle;
import io.fapilog.internal.event.ThrowableCopy;
import io.fapilog.internal.event.TrimmedTrace;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** Stack trace text: single frames, and whole traces bounded in frames and nesting. */
public final class StackTraces {

    private StackTraces() {
    }

    /** Appends a frame as {@code com.x.Foo.bar(Foo.java:12)}, without module or class loader. */
    public static StringBuilder appendFrame(StringBuilder out, StackTraceElement frame) {
        out.append(frame.getClassName()).append('.').append(frame.getMethodName()).append('(');
        String file = frame.getFileName();
        if (frame.isNativeMethod()) {
            out.append("Native Method");
        } else if (file == null) {
            out.append("Unknown Source");
        } else {
            out.append(file);
            if (frame.getLineNumber() >= 0) {
                out.append(':').append(frame.getLineNumber());
            }
        }
        return out.append(')');
    }

    /** Frames at the end of {@code trace} that are also at the end of {@code enclosing}. */
    public static int framesInCommon(StackTraceElement[] trace, StackTraceElement[] enclosing) {
        if (enclosing == null) {
            return 0;
        }
        int m = trace.length - 1;
        int n = enclosing.length - 1;
        while (m >= 0 && n >= 0 && trace[m].equals(enclosing[n])) {
            m--;
            n--;
        }
        return trace.length - 1 - m;
    }

    /**
     * How one throwable's trace is written: its first {@code written} frames, then the {@code truncated}
     * ones left out (the encoder's frame limit, and what trimming cut), then the {@code common} ones it
     * shares with the enclosing trace (Java's {@code ... n more}), if the encoder folds those.
     */
    record TraceLayout(int written, int truncated, int common) {

        static TraceLayout of(Throwable t, StackTraceElement[] trace, StackTraceElement[] enclosing, int maxFrames,
                              boolean foldCommon) {
            boolean folds = foldCommon && enclosing != null;
            TrimmedTrace trimmed = Failures.trimmedTrace(t);
            if (trimmed == null) {
                int common = folds ? framesInCommon(trace, enclosing) : 0;
                int written = Math.min(trace.length - common, maxFrames);
                return new TraceLayout(written, trace.length - common - written, common);
            }
            // A trimmed copy keeps none of the frames it shares with the enclosing trace, and knows how many.
            int shared = trimmed.framesShared();
            int written = Math.min(trace.length, maxFrames);
            int truncated = trace.length - written + trimmed.framesOmitted() + (folds ? 0 : shared);
            return new TraceLayout(written, truncated, folds ? shared : 0);
        }
    }

    /** {@code type: message}, like {@link Throwable#toString()} but never throwing. */
    static String describe(Throwable t) {
        String message = Failures.message(t);
        String type = ThrowableCopy.typeName(t);
        return message == null ? type : type + ": " + message;
    }

    /**
     * Appends the trace as text: in {@code style} (Spring Boot's standard printer, a {@code "\n"} after
     * every line) when there is one, else as {@link #render(Throwable, StringBuilder, String, String, String, EncodingLimits)}
     * does with no prefix and a tab before {@code at}.
     */
    static void render(Throwable t, StringBuilder out, StackTraceStyle style, EncodingLimits limits) {
        if (style != null) {
            StyledStackTraces.render(t, out, style, limits);
        } else {
            render(t, out, "", "\t", "", limits);
        }
    }

    /**
     * Appends the trace in {@link Throwable#printStackTrace()}'s layout, bounded by {@code limits}:
     * {@code maxStackFrames} frames per throwable, causes and suppressed throwables nested at most
     * {@code maxDepth} deep, messages cut at {@code maxStringLength}, cycles cut. Lines are
     * separated by {@code '\n'} (none at the end) and each starts with {@code prefix}.
     *
     * @param indent what precedes {@code at} on a frame line ({@code "\t"} as in Java)
     * @param messageIndent what follows {@code prefix} on the second and later lines of a multi-line
     *        message ({@code ""} as in Java): with one, no line a message brings starts where the
     *        trace's own lines do
     */
    static void render(Throwable t, StringBuilder out, String prefix, String indent, String messageIndent,
            EncodingLimits limits) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        new Renderer(out, indent, messageIndent, limits, seen).render(t, null, "", prefix, limits.maxDepth());
        if (out.length() > 0 && out.charAt(out.length() - 1) == '\n') {
            out.setLength(out.length() - 1);
        }
    }

    /**
     * The line for frames past {@code maxStackFrames}: not Java's {@code ... N more}, which means frames
     * shared with the enclosing trace, and which a reader (or a parser) would take these for.
     */
    static String truncatedMarker(int frames) {
        return "... " + frames + " frames truncated";
    }

    private record Renderer(StringBuilder out, String indent, String messageIndent, EncodingLimits limits,
            Set<Throwable> seen) {

        /** The innermost cause of a chain cut at the depth limit ({@link Failures#innermost}), its frames and no more. */
        void rootCause(Throwable cause, String prefix) {
            Failures.ChainEnd end = cause == null ? null : Failures.innermost(cause, seen::contains);
            if (end != null) {
                render(end.root(), null, "Caused by: ", prefix, 0); // 0: nothing below it, and no root cause of its own
            }
        }

        StringBuilder appendMessage(String description, int end, String prefix) {
            int from = 0;
            for (int lineEnd = description.indexOf('\n'); lineEnd >= 0 && lineEnd < end; lineEnd = description.indexOf('\n', from)) {
                out.append(description, from, lineEnd + 1).append(prefix).append(messageIndent);
                from = lineEnd + 1;
            }
            return out.append(description, from, end);
        }

        void render(Throwable t, StackTraceElement[] enclosing, String caption, String prefix, int depth) {
            out.append(prefix).append(caption);
            if (!seen.add(t)) {
                out.append("[CIRCULAR REFERENCE: ").append(ThrowableCopy.typeName(t)).append("]\n");
                return;
            }
            String description = describe(t);
            int max = limits.maxStringLength();
            if (description.length() > max) {
                appendMessage(description, max, prefix).append(CutMarker.of(description.length() - max));
            } else {
                appendMessage(description, description.length(), prefix);
            }
            out.append('\n');
            StackTraceElement[] trace = Failures.stackTrace(t);
            TraceLayout layout = TraceLayout.of(t, trace, enclosing, limits.maxStackFrames(), true);
            for (int i = 0; i < layout.written(); i++) {
                appendFrame(out.append(prefix).append(indent).append("at "), trace[i]).append('\n');
            }
            if (layout.truncated() > 0) {
                out.append(prefix).append(indent).append(truncatedMarker(layout.truncated())).append('\n');
            }
            if (layout.common() > 0) {
                out.append(prefix).append(indent).append("... ").append(layout.common()).append(" more\n"); // Java's: shared with the enclosing trace
            }
            Throwable[] suppressed = t.getSuppressed();
            Throwable cause = Failures.cause(t);
            if (depth <= 1 && (suppressed.length > 0 || cause != null)) {
                out.append(prefix).append("... [nested throwables omitted]\n");
                if (depth == 1) {
                    rootCause(cause, prefix);
                }
                return;
            }
            for (Throwable s : suppressed) {
                render(s, trace, "Suppressed: ", prefix + indent, depth - 1);
            }
            if (cause != null) {
                if (Failures.causesOmitted(t) > 0) { // a redacted copy made past redaction's own depth limit
                    out.append(prefix).append("... [nested throwables omitted]\n");
                }
                render(cause, trace, "Caused by: ", prefix, depth - 1);
            }
        }
    }
}

package io.fapilog.internal.encoding;

import io.fapilog.config.EncodingLimits;
import io.fapilog.config.StackTraceStyle;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A stack trace printed as Spring Boot's standard stack trace printer prints it for the same
 * options ({@link StackTraceStyle}): {@code Caused by: } or, root first, {@code Wrapped by: }
 * captions, suppressed throwables indented by a tab, {@code ... N filtered} past the frame limit,
 * {@code ... N more} for the frames shared with the enclosing trace, {@code <#hash> } prefixes, a
 * {@code "\n"} after every line and a total length cut with {@code ...}. fapilog's own bounds stay:
 * messages are cut at {@code maxStringLength}, and throwables nested deeper than {@code maxDepth}
 * are left out with one {@code ... [nested throwables omitted]} line.
 */
final class StyledStackTraces {

    private static final String ELLIPSIS = "...";

    private StyledStackTraces() {
    }

    static void render(Throwable t, StringBuilder out, StackTraceStyle style, EncodingLimits limits) {
        new Printer(out, style, limits).full(t, null, "", "", 0);
    }

    private static final class Printer {

        private final StringBuilder out;
        private final StackTraceStyle style;
        private final EncodingLimits limits;
        private final int maxFrames;
        private final Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        private final Map<Throwable, Integer> hashes = new IdentityHashMap<>();
        private int remaining;
        private boolean omitted;

        Printer(StringBuilder out, StackTraceStyle style, EncodingLimits limits) {
            this.out = out;
            this.style = style;
            this.limits = limits;
            this.maxFrames = style.maxFramesPerThrowable() > 0 ? style.maxFramesPerThrowable() : limits.maxStackFrames();
            this.remaining = (style.maxLength() > 0 ? style.maxLength() : Integer.MAX_VALUE) - ELLIPSIS.length();
        }

        void full(Throwable t, StackTraceElement[] enclosing, String indent, String caption, int depth) {
            if (!seen.add(t)) {
                println(indent, caption + "[CIRCULAR REFERENCE: " + hashPrefix(t) + describe(t) + "]");
                return;
            }
            if (depth >= limits.maxDepth()) {
                if (!omitted) {
                    omitted = true;
                    println(indent, "... [nested throwables omitted]");
                }
                return;
            }
            StackTraceElement[] trace = Failures.stackTrace(t);
            Throwable cause = Failures.cause(t);
            if (!style.rootFirst()) {
                single(t, trace, enclosing, indent, caption, depth);
                if (cause != null) {
                    causesOmitted(t, indent);
                    full(cause, trace, indent, "Caused by: ", depth + 1);
                }
            } else {
                if (cause != null) {
                    full(cause, trace, indent, caption, depth + 1);
                    causesOmitted(t, indent);
                }
                single(t, trace, enclosing, indent, cause != null ? "Wrapped by: " : caption, depth);
            }
        }

        private void single(Throwable t, StackTraceElement[] trace, StackTraceElement[] enclosing, String indent,
                            String caption, int depth) {
            println(indent, caption + hashPrefix(t) + describe(t));
            StackTraces.TraceLayout layout = StackTraces.TraceLayout.of(t, trace, enclosing, maxFrames, !style.commonFrames());
            for (int i = 0; i < layout.written(); i++) {
                println(indent, "\tat " + trace[i]);
            }
            if (layout.truncated() > 0) {
                println(indent, "\t... " + layout.truncated() + " filtered");
            }
            if (layout.common() != 0) {
                println(indent, "\t... " + layout.common() + " more");
            }
            for (Throwable suppressed : t.getSuppressed()) {
                full(suppressed, trace, indent + "\t", "Suppressed: ", depth + 1);
            }
        }

        /** The causes a copy left out between {@code t} and its cause (a trimmed or redacted chain's innermost cause kept). */
        private void causesOmitted(Throwable t, String indent) {
            if (Failures.causesOmitted(t) > 0) {
                println(indent, "... [nested throwables omitted]");
            }
        }

        private String describe(Throwable t) {
            String description = StackTraces.describe(t);
            int max = limits.maxStringLength();
            return description.length() <= max ? description
                    : description.substring(0, max) + CutMarker.of(description.length() - max);
        }

        private void println(String indent, String text) {
            if (remaining <= 0) {
                return;
            }
            String line = indent + text + "\n";
            if (line.length() > remaining) {
                line = line.substring(0, remaining) + ELLIPSIS;
            }
            out.append(line);
            remaining -= line.length();
        }

        private String hashPrefix(Throwable t) {
            if (!style.hashes()) {
                return "";
            }
            int hash = hashes.computeIfAbsent(t, Failures::traceHash);
            return String.format("<#%08x> ", hash);
        }
    }
}

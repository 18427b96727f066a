package io.fapilog.internal.pipeline.redactors;

import io.fapilog.spi.Redactor;

/**
 * Builds a copy of a string with ranges replaced by {@link Redactor#MASK}; ranges are given left to
 * right. Maskers create one only on their first match.
 */
final class MaskBuilder {

    private final String source;
    private final StringBuilder out;
    private int copied;

    MaskBuilder(String source) {
        this.source = source;
        this.out = new StringBuilder(source.length());
    }

    /** Masks {@code [start, end)}; a range that already reads {@code ***} is left as it is. */
    MaskBuilder mask(int start, int end) {
        if (!source.startsWith(Redactor.MASK, start) || end - start != Redactor.MASK.length()) {
            out.append(source, copied, start).append(Redactor.MASK);
            copied = end;
        }
        return this;
    }

    /** Replaces {@code [start, end)} by {@code replacement}. */
    MaskBuilder replace(int start, int end, String replacement) {
        out.append(source, copied, start).append(replacement);
        copied = end;
        return this;
    }

    /** The masked string, or the source itself when no range was masked. */
    String result() {
        return copied == 0 ? source : out.append(source, copied, source.length()).toString();
    }
}

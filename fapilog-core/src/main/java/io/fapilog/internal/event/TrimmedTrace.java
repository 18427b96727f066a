package io.fapilog.internal.event;

/**
 * What a trimmed copy ({@link ThrowableFootprint#trimmed}) knows of the stack trace it cut, so that
 * it is written as the original would be: the frames it left out after those it kept, the frames at
 * the end of the original trace that the enclosing throwable's trace shares (Java's
 * {@code ... n more}; the copy keeps none of them), and the hash of the original's trace (Spring
 * Boot's {@code <#hash>}, the same for the same failure, trimmed or not).
 */
public record TrimmedTrace(int framesOmitted, int framesShared, int hash) implements java.io.Serializable {
}

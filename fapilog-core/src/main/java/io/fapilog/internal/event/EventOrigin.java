package io.fapilog.internal.event;

/**
 * The logger an event comes from: its name and its bound context. A logger makes one when it is
 * created or bound and gives it to each of its events, so an event holds one reference for both.
 *
 * @param loggerName the logger's name
 * @param boundContext the logger's bound context: alternating valid String keys and values, shared,
 *        never modified; may be null
 */
public record EventOrigin(String loggerName, Object[] boundContext) {

    /** The same logger with another bound context, for {@code bind}. */
    public EventOrigin withBoundContext(Object[] context) {
        return new EventOrigin(loggerName, context);
    }
}

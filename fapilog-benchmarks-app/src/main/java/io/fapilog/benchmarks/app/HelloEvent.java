package io.fapilog.benchmarks.app;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The event {@code GET /hello} logs in every variant: the benchmarks' event (message and three fields,
 * the numbers varying per request), and the answer.
 */
final class HelloEvent {

    static final String BODY = "hello";
    static final String MESSAGE = "Processing item";
    static final String USER_KEY = "user";
    static final String USER = "alice";
    static final String ITEM_ID_KEY = "item_id";
    static final String SIZE_KEY = "size";

    private static final AtomicLong REQUESTS = new AtomicLong();

    private HelloEvent() {
    }

    /** The request's number, counted in every variant alike. */
    static long next() {
        return REQUESTS.getAndIncrement();
    }

    static int itemId(long seq) {
        return (int) seq;
    }

    static long size(long seq) {
        return 1_000L + (seq & 1_023);
    }
}

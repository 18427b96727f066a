package io.fapilog.internal.pipeline.enrichers;

import io.fapilog.spi.MutableLogEvent;
import io.fapilog.spi.Enricher;

/** Puts the name of the thread that logged the event into diagnostics as {@code thread}. */
public final class ThreadEnricher implements Enricher {

    /** Diagnostics key of the thread name. */
    public static final String THREAD_KEY = "thread";

    @Override
    public void enrich(MutableLogEvent event) {
        String threadName = event.threadName();
        if (threadName != null) {
            event.diagnostics().put(THREAD_KEY, threadName);
        }
    }
}

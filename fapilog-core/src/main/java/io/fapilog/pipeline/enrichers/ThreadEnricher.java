package io.fapilog.pipeline.enrichers;

import io.fapilog.event.LogEvent;
import io.fapilog.pipeline.Enricher;

/** Puts the name of the thread that logged the event into diagnostics as {@code thread}. */
public final class ThreadEnricher implements Enricher {

    /** Diagnostics key of the thread name. */
    public static final String THREAD_KEY = "thread";

    @Override
    public void enrich(LogEvent event) {
        String threadName = event.threadName();
        if (threadName != null) {
            event.diagnostics().put(THREAD_KEY, threadName);
        }
    }
}

package io.fapilog.internal.engine;

import io.fapilog.internal.encoding.Failures;
import io.fapilog.internal.event.LogEvent;
import io.fapilog.internal.event.ThrowableCopy;
import io.fapilog.internal.pipeline.redactors.EventRedactor;
import io.fapilog.spi.Enricher;
import io.fapilog.spi.Filter;
import io.fapilog.spi.MutableFields;
import io.fapilog.spi.Redactor;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Filters, enrichers and redactors, run in that order on a worker. A failing filter or enricher
 * never loses the event (it is kept and the failure noted in diagnostics); a failing redactor
 * drops it when failing closed, since writing it could leak what it should have masked, and
 * otherwise masks the whole event: its message, every value of its data and context and its
 * exception's message, since the redactor may have stopped before any of them (a pattern of the
 * application's that overflows the stack on one long value left a preset's {@code password} as it
 * was). An
 * {@code Error} of a stage (a class missing from an optional dependency, an assertion) fails the
 * stage as an exception does; only the JVM's own ({@code OutOfMemoryError}) reach the worker.
 */
public final class Pipeline {

    enum Outcome { KEEP, FILTERED, DROPPED }

    // Arrays, not lists: the loops below run for every event and must not allocate iterators.
    private final Filter[] filters;
    private final Enricher[] enrichers;
    private final Redactor[] redactors;
    private final boolean failClosed;
    /** What a {@code byte[]} a placeholder takes is written as: masked by the redactors that read bytes. */
    private final UnaryOperator<byte[]> placeholderBytes;

    /** The redaction's rules applied to a text that is no event's: a stage's, an encoder's or a sink's failure. */
    private final UnaryOperator<String> errorText;

    /**
     * @param errorText masks the text of a failure (a filter's or an enricher's in the event's
     *                  diagnostics, an encoder's or a sink's on standard error) as the redaction masks
     *                  a message: an encoder's and a sink's go where no redactor reads
     */
    public Pipeline(List<Filter> filters, List<Enricher> enrichers, List<Redactor> redactors, boolean failClosed,
                    UnaryOperator<String> errorText) {
        this.errorText = errorText;
        this.filters = filters.toArray(Filter[]::new);
        this.enrichers = enrichers.toArray(Enricher[]::new);
        this.redactors = redactors.toArray(Redactor[]::new);
        this.failClosed = failClosed;
        UnaryOperator<byte[]> bytes = UnaryOperator.identity();
        for (Redactor redactor : this.redactors) {
            if (redactor instanceof EventRedactor masking) {
                bytes = masking::maskedBytes; // fapilog's own redactor: one a pipeline
            }
        }
        this.placeholderBytes = bytes;
    }

    UnaryOperator<byte[]> placeholderBytes() {
        return placeholderBytes;
    }

    /** {@code error.toString()} masked by the redaction's rules. */
    String describe(Throwable error) {
        String text = InternalErrors.describe(error);
        try {
            return errorText.apply(text);
        } catch (Throwable failure) {
            Failures.rethrowIfFatal(failure);
            return error.getClass().getName();
        }
    }

    Outcome process(LogEvent event) {
        for (Filter filter : filters) {
            try {
                if (!filter.test(event)) {
                    return Outcome.FILTERED;
                }
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e);
                event.diagnostics().put("filter_error", describe(e));
            }
        }
        for (Enricher enricher : enrichers) {
            try {
                enricher.enrich(event);
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e);
                event.diagnostics().put("enricher_error", describe(e));
            }
        }
        for (Redactor redactor : redactors) {
            try {
                redactor.redact(event);
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e);
                if (failClosed) {
                    return Outcome.DROPPED;
                }
                maskEverything(event);
                // its type only: a redactor's message is likely to hold what it alone could have masked
                event.diagnostics().put("redaction_error", e.getClass().getName() + " in " + redactor.getClass().getName());
            }
        }
        return Outcome.KEEP;
    }

    private static void maskEverything(LogEvent event) {
        event.message(Redactor.MASK);
        maskValues(event.data());
        maskValues(event.context());
        Throwable throwable = event.throwable();
        if (throwable != null) {
            event.throwable(new ThrowableCopy(throwable, Redactor.MASK, null, new Throwable[0]));
        }
    }

    private static void maskValues(MutableFields fields) {
        for (int i = 0; i < fields.size(); i++) {
            fields.setValue(i, Redactor.MASK);
        }
    }
}

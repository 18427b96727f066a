package io.fapilog.internal.context;

import io.fapilog.config.MdcSettings;
import io.fapilog.internal.encoding.Failures;
import io.fapilog.internal.event.CallSnapshot;
import io.fapilog.spi.ContextProvider;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a runtime adds to every event's {@code context} at call time, on the logging thread: the
 * MDC values (when enabled), the scoped context, then the registered {@link ContextProvider}s; later
 * keys win. With no MDC reader and no provider, a capture is one thread-local read.
 */
public final class CallContext {

    private static final ContextProvider[] NONE = new ContextProvider[0];
    private static final ThreadLocal<boolean[]> IN_PROVIDER = ThreadLocal.withInitial(() -> new boolean[1]);

    private final MdcReader mdc;
    private volatile ContextProvider[] providers = NONE;

    public CallContext(MdcSettings mdc) {
        this.mdc = MdcReader.create(mdc);
    }

    /** The context of a native event logged now; null when there is none. */
    public Object[] capture() {
        Object[] pairs = ContextHolder.current();
        if (mdc != null) {
            pairs = ContextPairs.overlay(mdc.read(), pairs);
        }
        return withProviders(pairs);
    }

    /** The context of a bridged SLF4J event logged now, which carries its MDC values already. */
    public Object[] captureWithoutMdc() {
        return withProviders(ContextHolder.current());
    }

    /**
     * Adds what each provider returns. A provider that throws is skipped for that event (an
     * {@code Error} too, such as a missing class; only the JVM's own go through), and one that
     * logs gets no providers for the events it logs, which would otherwise call it again without end.
     */
    private Object[] withProviders(Object[] pairs) {
        ContextProvider[] current = providers;
        if (current.length == 0) {
            return pairs;
        }
        boolean[] inProvider = IN_PROVIDER.get();
        if (inProvider[0]) {
            return pairs;
        }
        inProvider[0] = true;
        try {
            for (ContextProvider provider : current) {
                Object[] added;
                try {
                    added = provider.currentContext();
                } catch (Throwable e) {
                    Failures.rethrowIfFatal(e);
                    continue;
                }
                if (added != null && added.length > 0) { // its values as now, as every value of the call
                    pairs = ContextPairs.merge(pairs, CallSnapshot.of(added));
                }
            }
        } finally {
            inProvider[0] = false;
        }
        return pairs;
    }

    public synchronized void add(ContextProvider provider) {
        Objects.requireNonNull(provider, "provider");
        ContextProvider[] next = Arrays.copyOf(providers, providers.length + 1);
        next[next.length - 1] = provider;
        providers = next;
    }

    /** The registered providers, in order. */
    public List<ContextProvider> providers() {
        return List.of(providers);
    }

    /** Removes {@code provider}; returns whether it was registered. */
    public synchronized boolean remove(ContextProvider provider) {
        ContextProvider[] next = Arrays.stream(providers).filter(p -> p != provider).toArray(ContextProvider[]::new);
        boolean removed = next.length != providers.length;
        providers = next;
        return removed;
    }
}

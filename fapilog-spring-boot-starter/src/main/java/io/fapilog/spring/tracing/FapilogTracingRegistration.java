package io.fapilog.spring.tracing;

import io.fapilog.FapilogRuntime;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

import java.util.List;

/**
 * Adds a {@link MicrometerTracingContextProvider} (span ids and correlated baggage fields) to the application's runtime once every singleton
 * exists (so the {@link Tracer} is looked up once, never from a logging thread during start-up), and
 * removes it when the context closes.
 */
public final class FapilogTracingRegistration implements SmartInitializingSingleton, DisposableBean {

    private final FapilogRuntime runtime;
    private final ObjectProvider<Tracer> tracer;
    private final List<String> correlationFields;
    private volatile MicrometerTracingContextProvider provider;

    public FapilogTracingRegistration(FapilogRuntime runtime, ObjectProvider<Tracer> tracer) {
        this(runtime, tracer, List.of());
    }

    /** {@code correlationFields}: the baggage fields every event carries when they have a value. */
    public FapilogTracingRegistration(FapilogRuntime runtime, ObjectProvider<Tracer> tracer, List<String> correlationFields) {
        this.runtime = runtime;
        this.tracer = tracer;
        this.correlationFields = List.copyOf(correlationFields);
    }

    @Override
    public void afterSingletonsInstantiated() {
        Tracer current = tracer.getIfUnique();
        if (current != null && current != Tracer.NOOP) {
            provider = new MicrometerTracingContextProvider(current, correlationFields);
            runtime.addContextProvider(provider);
        }
    }

    /** Whether a tracer was found and its spans' ids go on every event. */
    public boolean isActive() {
        return provider != null;
    }

    @Override
    public void destroy() {
        MicrometerTracingContextProvider registered = provider;
        if (registered != null) {
            runtime.removeContextProvider(registered);
            provider = null;
        }
    }
}

package io.fapilog.spring.tracing;

import io.micrometer.tracing.BaggageInScope;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The provider against a real tracer, OpenTelemetry's through Micrometer's bridge, as Boot builds it. */
class OtelTracerContextTests {

    private final SdkTracerProvider spans = SdkTracerProvider.builder().build();
    private final OtelCurrentTraceContext current = new OtelCurrentTraceContext();
    private final Tracer tracer = new OtelTracer(spans.get("test"), current, event -> { },
            new OtelBaggageManager(current, List.of("tenant", "region"), List.of()));
    private final MicrometerTracingContextProvider provider =
            new MicrometerTracingContextProvider(tracer, List.of("tenant", "region"));

    @AfterEach
    void close() {
        spans.close();
    }

    @Test
    void theCurrentSpansIdsAndTheCorrelatedBaggageThatIsSet() {
        assertThat(provider.currentContext()).isNull();
        Span span = tracer.nextSpan().name("order").start();
        try (Tracer.SpanInScope inScope = tracer.withSpan(span);
             BaggageInScope tenant = tracer.createBaggageInScope("tenant", "acme")) {
            assertThat(provider.currentContext()).containsExactly("trace_id", span.context().traceId(),
                    "span_id", span.context().spanId(), "tenant", "acme");
        } finally {
            span.end();
        }
    }

    /**
     * Reading the baggage changes nothing: no field created for a correlated name that is not set,
     * no context made current (a {@code Tracer.getBaggage(name)} per field would create one each time).
     */
    @Test
    void readingTheBaggageLeavesTheCurrentContextAsItWas() {
        Span span = tracer.nextSpan().name("order").start();
        try (Tracer.SpanInScope inScope = tracer.withSpan(span);
             BaggageInScope tenant = tracer.createBaggageInScope("tenant", "acme")) {
            io.opentelemetry.context.Context before = io.opentelemetry.context.Context.current();
            provider.currentContext();
            provider.currentContext();

            assertThat(io.opentelemetry.context.Context.current()).isSameAs(before);
            assertThat(tracer.getAllBaggage()).containsExactly(java.util.Map.entry("tenant", "acme"));
        } finally {
            span.end();
        }
    }
}

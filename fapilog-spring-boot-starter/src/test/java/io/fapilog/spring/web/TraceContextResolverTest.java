package io.fapilog.spring.web;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.filter.ServerHttpObservationFilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class TraceContextResolverTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final TraceIds FROM_HEADER = new TraceIds("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");

    private final TraceContextResolver w3c = new W3cTraceContextResolver();

    @Test
    void w3cTraceparentGivesTraceIdAndTheCallersSpanId() {
        assertThat(w3c.resolve(new FakeRequest("GET", "/").header("traceparent", TRACEPARENT))).contains(FROM_HEADER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"})
    void anInvalidTraceparentGivesNothing(String header) {
        assertThat(w3c.resolve(new FakeRequest("GET", "/").header("traceparent", header))).isEmpty();
    }

    @Test
    void noTraceparentGivesNothing() {
        assertThat(w3c.resolve(new FakeRequest("GET", "/"))).isEmpty();
    }

    @Test
    void theTracersCurrentSpanWinsOverTheHeader() {
        Tracer tracer = tracer(span("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"));
        TraceContextResolver resolver = new MicrometerTraceContextResolver(tracer).orElse(w3c);
        assertThat(resolver.resolve(new FakeRequest("GET", "/").header("traceparent", TRACEPARENT)))
                .contains(new TraceIds("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"));
    }

    @Test
    void theServerObservationsSpanWinsOverTheCurrentSpan() {
        Tracer tracer = tracer(span("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"));
        Span server = span("11111111111111111111111111111111", "2222222222222222");
        for (String attribute : new String[] {ServerRequestObservationContext.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE,
                ServerHttpObservationFilter.CURRENT_OBSERVATION_CONTEXT_ATTRIBUTE}) {
            FakeRequest request = new FakeRequest("GET", "/").attribute(attribute, observation(server));
            assertThat(new MicrometerTraceContextResolver(tracer).resolve(request))
                    .contains(new TraceIds("11111111111111111111111111111111", "2222222222222222"));
        }
    }

    @Test
    void withoutASpanTheHeaderIsUsed() {
        TraceContextResolver resolver = new MicrometerTraceContextResolver(tracer(null)).orElse(w3c);
        assertThat(resolver.resolve(new FakeRequest("GET", "/").header("traceparent", TRACEPARENT))).contains(FROM_HEADER);
        TraceContextResolver noTracerYet = new MicrometerTraceContextResolver(() -> null).orElse(w3c);
        assertThat(noTracerYet.resolve(new FakeRequest("GET", "/").header("traceparent", TRACEPARENT))).contains(FROM_HEADER);
    }

    @Test
    void aFailingTracerGivesNothingRatherThanAnException() {
        Tracer tracer = mock(Tracer.class);
        when(tracer.currentSpan()).thenThrow(new IllegalStateException("tracer broken"));
        assertThat(new MicrometerTraceContextResolver(tracer).resolve(new FakeRequest("GET", "/"))).isEmpty();
    }

    static Tracer tracer(Span current) {
        Tracer tracer = mock(Tracer.class);
        when(tracer.currentSpan()).thenReturn(current);
        return tracer;
    }

    static Span span(String traceId, String spanId) {
        TraceContext context = mock(TraceContext.class);
        when(context.traceId()).thenReturn(traceId);
        when(context.spanId()).thenReturn(spanId);
        Span span = mock(Span.class);
        when(span.context()).thenReturn(context);
        return span;
    }

    private static Observation.Context observation(Span span) {
        Observation.Context context = new Observation.Context();
        TracingObservationHandler.TracingContext tracing = new TracingObservationHandler.TracingContext();
        tracing.setSpan(span);
        context.put(TracingObservationHandler.TracingContext.class, tracing);
        return context;
    }
}

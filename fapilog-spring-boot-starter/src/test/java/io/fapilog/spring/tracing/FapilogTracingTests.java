package io.fapilog.spring.tracing;

import io.fapilog.FapilogRuntime;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.fapilog.logback.LogbackBridge;
import io.fapilog.spring.web.InMemoryRuntimeConfiguration;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import static io.fapilog.spring.web.EventCapture.awaitOne;
import static io.fapilog.spring.web.EventCapture.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Trace and span ids of the current span on every event, native and bridged, read at call time. */
class FapilogTracingTests {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

    private final AtomicReference<Span> current = new AtomicReference<>();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class, FapilogTracingAutoConfiguration.class))
            .withUserConfiguration(InMemoryRuntimeConfiguration.class)
            .withBean(Tracer.class, this::tracer);

    private final Map<String, String> baggage = new ConcurrentHashMap<>();

    private Tracer tracer() {
        Tracer tracer = mock(Tracer.class);
        when(tracer.currentSpan()).thenAnswer(invocation -> current.get());
        when(tracer.getAllBaggage()).thenAnswer(invocation -> Map.copyOf(baggage));
        return tracer;
    }

    private static Span span(String traceId, String spanId) {
        TraceContext context = mock(TraceContext.class);
        when(context.traceId()).thenReturn(traceId);
        when(context.spanId()).thenReturn(spanId);
        Span span = mock(Span.class);
        when(span.context()).thenReturn(context);
        return span;
    }

    @Test
    void everyEventCarriesTheIdsOfTheSpanCurrentWhenItWasLogged() {
        runner.run(context -> {
            FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
            InMemorySink sink = context.getBean(InMemorySink.class);
            assertThat(context.getBean(FapilogTracingRegistration.class).isActive()).isTrue();
            LogbackBridge.connect(runtime);
            try {
                runtime.getLogger("svc").info("No span");
                current.set(span(TRACE, "1111111111111111"));
                runtime.getLogger("svc").info("First span");
                LoggerFactory.getLogger("com.acme.Bridged").info("Bridged first span");
                current.set(span(TRACE, "2222222222222222"));
                runtime.getLogger("svc").bind("span_id", "bound").info("Second span");
                current.set(span("", ""));
                runtime.getLogger("svc").info("No-op span");
            } finally {
                LogbackBridge.disconnect(runtime);
            }

            assertThat(awaitOne(sink, message("No span")).has("context")).isFalse();
            assertThat(ids(awaitOne(sink, message("First span")))).isEqualTo(TRACE + "/1111111111111111");
            assertThat(ids(awaitOne(sink, message("Bridged first span")))).isEqualTo(TRACE + "/1111111111111111");
            assertThat(ids(awaitOne(sink, message("Second span")))).as("the current span beats a bound id")
                    .isEqualTo(TRACE + "/2222222222222222");
            assertThat(awaitOne(sink, message("No-op span")).has("context")).isFalse();
        });
    }

    /**
     * The baggage fields Boot correlates into the MDC (and so shows in its own logging) are on every
     * event that has them, native and bridged, without the MDC enricher; with no span current too.
     */
    @Test
    void correlatedBaggageFieldsAreOnEveryEventThatHasThem() {
        runner.withPropertyValues("management.tracing.baggage.correlation.fields=tenant, region,tenant").run(context -> {
            FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
            InMemorySink sink = context.getBean(InMemorySink.class);
            LogbackBridge.connect(runtime);
            try {
                baggage.put("tenant", "acme");
                runtime.getLogger("svc").info("Baggage without a span");
                current.set(span(TRACE, "1111111111111111"));
                baggage.put("region", "eu-west-1");
                baggage.put("uncorrelated", "x");
                runtime.getLogger("svc").info("Baggage in a span");
                LoggerFactory.getLogger("com.acme.Bridged").info("Bridged baggage in a span");
                baggage.clear();
                runtime.getLogger("svc").info("Span, no baggage");
            } finally {
                LogbackBridge.disconnect(runtime);
            }

            assertThat(awaitOne(sink, message("Baggage without a span")).get("context").toString())
                    .isEqualTo("{\"tenant\":\"acme\"}");
            String inSpan = "{\"trace_id\":\"" + TRACE + "\",\"span_id\":\"1111111111111111\",\"tenant\":\"acme\",\"region\":\"eu-west-1\"}";
            assertThat(awaitOne(sink, message("Baggage in a span")).get("context").toString()).isEqualTo(inSpan);
            assertThat(awaitOne(sink, message("Bridged baggage in a span")).get("context").toString()).isEqualTo(inSpan);
            assertThat(awaitOne(sink, message("Span, no baggage")).get("context").toString())
                    .isEqualTo("{\"trace_id\":\"" + TRACE + "\",\"span_id\":\"1111111111111111\"}");
        });
    }

    @Test
    void baggageIsNotCorrelatedWhenBootDoesNotCorrelateIt() {
        baggage.put("tenant", "acme");
        runner.withPropertyValues("management.tracing.baggage.correlation.fields=tenant",
                "management.tracing.baggage.correlation.enabled=false").run(context ->
                assertThat(context.getBean(FapilogRuntime.class).contextProviders()).singleElement()
                        .satisfies(provider -> assertThat(provider.currentContext()).isNull()));
        runner.withPropertyValues("management.tracing.baggage.correlation.fields=tenant",
                "management.tracing.baggage.enabled=false").run(context ->
                assertThat(context.getBean(FapilogRuntime.class).contextProviders()).singleElement()
                        .satisfies(provider -> assertThat(provider.currentContext()).isNull()));
        runner.withPropertyValues("management.tracing.baggage.correlation.fields=tenant").run(context ->
                assertThat(context.getBean(FapilogRuntime.class).contextProviders()).singleElement()
                        .satisfies(provider -> assertThat(provider.currentContext()).containsExactly("tenant", "acme")));
    }

    @Test
    void theProviderIsRemovedWhenTheContextCloses() {
        AtomicReference<FapilogRuntime> runtime = new AtomicReference<>();
        current.set(span(TRACE, "1111111111111111"));
        runner.run(context -> {
            runtime.set(context.getBean(FapilogRuntime.class));
            assertThat(runtime.get().contextProviders()).singleElement()
                    .satisfies(provider -> assertThat(provider.currentContext())
                            .containsExactly("trace_id", TRACE, "span_id", "1111111111111111"));
        });
        assertThat(runtime.get().contextProviders()).isEmpty();
    }

    @Test
    void withoutMicrometerTracingNothingIsRegistered() {
        runner.withClassLoader(new FilteredClassLoader(Tracer.class))
                .run(context -> assertThat(context).doesNotHaveBean(FapilogTracingRegistration.class));
    }

    private static String ids(JsonNode event) {
        return event.path("context").path("trace_id").asString() + "/" + event.path("context").path("span_id").asString();
    }
}

package io.fapilog.spring.web;

import io.fapilog.FapilogRuntime;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import io.fapilog.spring.web.reactive.AsyncLoggerArgumentResolver;
import io.fapilog.spring.web.reactive.FapilogContextPropagation;
import io.fapilog.spring.web.reactive.FapilogWebFilter;
import io.fapilog.spring.web.reactive.FapilogWebFluxAutoConfiguration;
import io.fapilog.spring.web.reactive.FapilogWebFluxConfigurer;
import io.fapilog.spring.web.servlet.FapilogServletFilter;
import io.fapilog.spring.web.servlet.FapilogWebMvcAutoConfiguration;
import io.fapilog.spring.web.servlet.FapilogWebMvcConfigurer;
import io.fapilog.spring.web.servlet.LoggerArgumentResolver;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.server.WebFilter;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which web beans exist in which application, and that each one can be replaced. */
class FapilogWebAutoConfigurationTest {

    private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(FapilogAutoConfiguration.class,
            FapilogWebFluxAutoConfiguration.class, FapilogWebMvcAutoConfiguration.class);

    private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
            .withConfiguration(CONFIGURATIONS).withPropertyValues("fapilog.bridge.slf4j=false");

    private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
            .withConfiguration(CONFIGURATIONS).withPropertyValues("fapilog.bridge.slf4j=false");

    @Test
    void aReactiveApplicationGetsTheWebFilterAndArgumentResolver() {
        reactive.run(context -> {
            assertThat(context).hasSingleBean(FapilogWebFilter.class).hasSingleBean(AsyncLoggerArgumentResolver.class)
                    .hasSingleBean(FapilogWebFluxConfigurer.class).hasSingleBean(HttpRequestLogging.class)
                    .hasSingleBean(TraceContextResolver.class)
                    .doesNotHaveBean(FapilogServletFilter.class).doesNotHaveBean(LoggerArgumentResolver.class)
                    .doesNotHaveBean(FapilogWebMvcConfigurer.class);
            assertThat(context.getBean(FapilogWebFilter.class).getOrder()).isEqualTo(FapilogWebFilter.DEFAULT_ORDER);
        });
    }

    @Test
    void reactorsAutomaticContextPropagationUnlessTurnedOff() {
        reactive.run(context -> assertThat(context).hasSingleBean(FapilogContextPropagation.class));
        reactive.withPropertyValues("fapilog.request-logging.propagate-context=false")
                .run(context -> assertThat(context).doesNotHaveBean(FapilogContextPropagation.class));
    }

    @Test
    void aServletApplicationGetsTheServletFilterAndArgumentResolver() {
        servlet.run(context -> assertThat(context).hasSingleBean(FapilogServletFilter.class)
                .hasSingleBean(LoggerArgumentResolver.class).hasSingleBean(FapilogWebMvcConfigurer.class)
                .hasSingleBean(HttpRequestLogging.class).hasSingleBean(TraceContextResolver.class)
                .doesNotHaveBean(WebFilter.class).doesNotHaveBean(AsyncLoggerArgumentResolver.class));
    }

    @Test
    void aNonWebApplicationGetsNoWebBeans() {
        new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
                .withPropertyValues("fapilog.bridge.slf4j=false")
                .run(context -> assertThat(context).hasSingleBean(FapilogRuntime.class)
                        .doesNotHaveBean(HttpRequestLogging.class).doesNotHaveBean(FapilogWebFilter.class)
                        .doesNotHaveBean(FapilogServletFilter.class));
    }

    @Test
    void nothingWhenFapilogIsDisabled() {
        reactive.withPropertyValues("fapilog.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(FapilogRuntime.class).doesNotHaveBean(FapilogWebFilter.class)
                .doesNotHaveBean(HttpRequestLogging.class));
        servlet.withPropertyValues("fapilog.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(FapilogServletFilter.class));
    }

    @Test
    void theUsersBeansWin() {
        reactive.withUserConfiguration(UserBeans.class).run(context -> {
            assertThat(context).hasSingleBean(FapilogWebFilter.class).hasSingleBean(TraceContextResolver.class)
                    .hasSingleBean(HttpRequestLogging.class);
            assertThat(context.getBean(FapilogWebFilter.class)).isSameAs(context.getBean("myWebFilter"));
            assertThat(context.getBean(TraceContextResolver.class)).isSameAs(context.getBean("myResolver"));
            assertThat(context.getBean(HttpRequestLogging.class)).isSameAs(context.getBean("myLogging"));
            assertThat(context.getBean(FapilogRuntime.class)).isSameAs(context.getBean(InMemoryRuntimeConfiguration.RUNTIME_BEAN));
        });
        servlet.withUserConfiguration(UserBeans.class).run(context -> {
            assertThat(context).hasSingleBean(FapilogServletFilter.class);
            assertThat(context.getBean(FapilogServletFilter.class)).isSameAs(context.getBean("myServletFilter"));
        });
    }

    @Test
    void accessLoggingFollowsThePresetUnlessSetExplicitly() {
        reactive.withPropertyValues("fapilog.preset=webflux").run(context ->
                assertThat(context.getBean(HttpRequestLogging.class).settings().accessLog()).isTrue());
        reactive.withPropertyValues("fapilog.preset=production").run(context ->
                assertThat(context.getBean(HttpRequestLogging.class).settings().accessLog()).isFalse());
        servlet.withPropertyValues("fapilog.preset=production", "fapilog.request-logging.enabled=true").run(context ->
                assertThat(context.getBean(HttpRequestLogging.class).settings().accessLog()).isTrue());
        servlet.withPropertyValues("fapilog.preset=webflux", "fapilog.request-logging.enabled=false").run(context ->
                assertThat(context.getBean(HttpRequestLogging.class).settings().accessLog()).isFalse());
    }

    /** The property, set, wins over the preset of an application's own runtime too (which it was ignored for). */
    @Test
    void accessLoggingSetExplicitlyHoldsForTheApplicationsOwnRuntime() {
        reactive.withUserConfiguration(InMemoryRuntimeConfiguration.class).run(context ->
                assertThat(context.getBean(HttpRequestLogging.class).settings().accessLog()).isTrue());
        reactive.withUserConfiguration(InMemoryRuntimeConfiguration.class)
                .withPropertyValues("fapilog.request-logging.enabled=false").run(context ->
                        assertThat(context.getBean(HttpRequestLogging.class).settings().accessLog()).isFalse());
    }

    @Test
    void requestLoggingPropertiesAreApplied() {
        reactive.withPropertyValues("fapilog.request-logging.skip-paths=/health,/static/**",
                "fapilog.request-logging.headers=X-Tenant", "fapilog.request-logging.masked-headers=X-Tenant",
                "fapilog.request-logging.sample-rate=0.5", "fapilog.request-logging.request-id-header=X-Correlation-ID")
                .run(context -> {
                    RequestLoggingSettings settings = context.getBean(HttpRequestLogging.class).settings();
                    assertThat(settings.skipPaths()).containsExactly("/health", "/static/**");
                    assertThat(settings.headers()).containsExactly("x-tenant");
                    assertThat(settings.maskedHeaders()).containsExactly("x-tenant");
                    assertThat(settings.sampleRate()).isEqualTo(0.5);
                    assertThat(settings.requestIdHeader()).isEqualTo("X-Correlation-ID");
                });
    }

    @Test
    void defaultSettings() {
        servlet.run(context -> {
            RequestLoggingSettings settings = context.getBean(HttpRequestLogging.class).settings();
            assertThat(settings.skipPaths()).containsExactly("/actuator/**");
            assertThat(settings.headers()).isEmpty();
            assertThat(settings.maskedHeaders()).contains("authorization", "cookie");
            assertThat(settings.sampleRate()).isEqualTo(1.0);
            assertThat(settings.requestIdHeader()).isEqualTo("X-Request-ID");
        });
    }

    @Test
    void aBadSampleRateFailsStartUpNamingTheProperty() {
        reactive.withPropertyValues("fapilog.request-logging.sample-rate=1.5").run(context -> assertThat(context)
                .hasFailed().getFailure().rootCause().hasMessageContaining("fapilog.request-logging.sample-rate"));
    }

    @Test
    void withATracerBeanTraceIdsComeFromItsSpan() {
        reactive.withUserConfiguration(FixedSpanTracerConfiguration.class).run(context -> {
            Optional<TraceIds> ids = context.getBean(TraceContextResolver.class).resolve(new FakeRequest("GET", "/"));
            assertThat(ids).contains(new TraceIds(FixedSpanTracerConfiguration.TRACE_ID, FixedSpanTracerConfiguration.SPAN_ID));
        });
    }

    @Test
    void withoutMicrometerTracingTheTraceparentHeaderIsUsed() {
        servlet.withClassLoader(new FilteredClassLoader(Tracer.class)).run(context ->
                assertThat(context.getBean(TraceContextResolver.class)).isInstanceOf(W3cTraceContextResolver.class));
    }

    @Configuration(proxyBeanMethods = false)
    @Import(InMemoryRuntimeConfiguration.class) // the user's runtime
    static class UserBeans {

        @Bean
        TraceContextResolver myResolver() {
            return request -> Optional.empty();
        }

        @Bean
        HttpRequestLogging myLogging(FapilogRuntime runtime, TraceContextResolver resolver) {
            return new HttpRequestLogging(runtime, new RequestLoggingSettings(true, java.util.List.of(),
                    java.util.Set.of(), java.util.Set.of(), 1.0, "X-Request-ID"), resolver);
        }

        @Bean
        FapilogWebFilter myWebFilter(HttpRequestLogging logging) {
            return new FapilogWebFilter(logging);
        }

        @Bean
        FapilogServletFilter myServletFilter(HttpRequestLogging logging) {
            return new FapilogServletFilter(logging);
        }
    }
}

package io.fapilog.spring.autoconfigure;

import io.fapilog.DrainResult;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import io.fapilog.config.CustomSink;
import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spi.Sink;
import io.fapilog.spi.EncoderFactory;
import io.fapilog.spi.Enricher;
import io.fapilog.spi.Filter;
import io.fapilog.spi.Redactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Sink, Filter, Enricher, Redactor and FapilogCustomizer beans shape the application's runtime. */
class FapilogExtensionBeansTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FapilogAutoConfiguration.class))
            .withPropertyValues("fapilog.preset=production", "fapilog.sinks=in-memory", "fapilog.bridge.slf4j=false");

    @AfterEach
    void forgetDefaultRuntime() {
        Fapilog.setDefaultRuntime(null);
    }

    @Test
    void pipelineBeansJoinTheBuiltInStagesInTheirOrder() {
        runner.withUserConfiguration(PipelineBeans.class).run(context -> {
            FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
            InMemorySink sink = context.getBean("auditSink", InMemorySink.class);
            Logger log = runtime.getLogger("orders");
            log.info("Probe", "path", "/health");
            log.info("Order placed", "iban", "DE89370400440532013000", "password", "hunter2");
            DrainResult result = runtime.stopAndDrain(Duration.ofSeconds(10));

            assertThat(result.filtered()).isEqualTo(1);
            assertThat(result.processed()).isEqualTo(1);
            List<String> lines = sink.lines();
            assertThat(lines).hasSize(1);
            JsonNode line = JSON.readTree(lines.get(0));
            assertThat(line.at("/context/region").asString()).isEqualTo("eu-west-1");
            assertThat(line.at("/context/enriched_by").asString()).isEqualTo("second"); // @Order: second runs last
            assertThat(line.at("/data/iban").asString()).isEqualTo("IBAN-***");
            assertThat(line.at("/data/password").asString()).isEqualTo("***");
        });
    }

    /**
     * What lives on the caller's thread (a tenant in a thread-local, the request) is read at the call by
     * a {@code ContextProvider} bean; an enricher runs on the worker, where it found nothing (every
     * event had {@code "tenant":null}).
     */
    @Test
    void contextProviderBeansAddTheCallersFieldsToEveryEvent() {
        runner.withUserConfiguration(TenantBeans.class).run(context -> {
            FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
            InMemorySink sink = context.getBean(InMemorySink.class);
            TenantBeans.TENANT.set("acme");
            try {
                runtime.getLogger("orders").info("Order placed");
            } finally {
                TenantBeans.TENANT.remove();
            }
            runtime.getLogger("orders").info("No tenant");
            runtime.stopAndDrain(Duration.ofSeconds(10));

            List<JsonNode> lines = sink.lines().stream().map(JSON::readTree).toList();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0).at("/context/tenant").asString()).isEqualTo("acme");
            assertThat(lines.get(1).at("/context/tenant").isMissingNode()).isTrue();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class TenantBeans {
        static final ThreadLocal<String> TENANT = new ThreadLocal<>();

        @Bean
        InMemorySink tenantSink() {
            return new InMemorySink("tenants");
        }

        @Bean
        io.fapilog.spi.ContextProvider tenant() {
            return () -> TENANT.get() == null ? null : new Object[] {"tenant", TENANT.get()};
        }
    }

    @Test
    void customSinkBeansAndCustomizersChooseTheirEncoder() {
        runner.withUserConfiguration(SinkBeans.class).run(context -> {
            FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
            runtime.getLogger("orders").info("Order placed");
            runtime.stopAndDrain(Duration.ofSeconds(10));

            JsonNode ecs = JSON.readTree(SinkBeans.ECS.lines().get(0));
            assertThat(ecs.at("/log/logger").asString()).isEqualTo("orders");
            JsonNode logstash = JSON.readTree(SinkBeans.CUSTOMIZED.lines().get(0));
            assertThat(logstash.get("logger_name").asString()).isEqualTo("orders");
            assertThat(runtime.config().customSinks()).hasSize(2);
        });
    }

    @Test
    void aLoggersStopAndDrainFlushesTheContextsRuntimeWithoutStoppingIt() {
        runner.run(context -> {
            FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
            Logger log = runtime.getLogger("controller");
            log.info("one");
            DrainResult flushed = log.stopAndDrain().get(10, TimeUnit.SECONDS);

            assertThat(runtime.isStopped()).isFalse();
            assertThat(flushed.processed()).isGreaterThanOrEqualTo(1);
            log.info("two");
            assertThat(runtime.stopAndDrain(Duration.ofSeconds(10)).submitted()).isEqualTo(runtime.stats().submitted());
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class PipelineBeans {

        @Bean
        InMemorySink auditSink() {
            return new InMemorySink("audit");
        }

        @Bean
        Filter skipHealthProbes() {
            return event -> !"/health".equals(event.data().get("path"));
        }

        @Bean
        @Order(1)
        Enricher first() {
            return event -> event.context().put("region", "eu-west-1").put("enriched_by", "first");
        }

        @Bean
        @Order(2)
        Enricher second() {
            return event -> event.context().put("enriched_by", "second");
        }

        @Bean
        Redactor iban() {
            return event -> {
                int index = event.data().indexOf("iban");
                if (index >= 0) {
                    event.data().setValue(index, "IBAN-***");
                }
            };
        }
    }

    /**
     * A sink bean is closed once, by the runtime after its drain: Spring closed it a second time as
     * the context closed (it infers {@code close} for any {@code AutoCloseable} bean), which the
     * {@code Sink} contract ("called once") does not allow.
     */
    @Test
    void aSinkBeanIsClosedOnceByTheRuntime() {
        runner.withUserConfiguration(ClosingSinkBean.class).run(context -> {
            context.getBean(FapilogRuntime.class).getLogger("orders").info("Order placed");
        });
        assertThat(ClosingSinkBean.SINK.closes).hasValue(1);
        assertThat(ClosingSinkBean.SINK.lines()).anyMatch(line -> line.contains("Order placed"));
    }

    /** A sink bean that a {@code CustomSink} bean wraps is one sink, in the custom encoder (the start failed: "audit twice"). */
    @Test
    void aSinkBeanWrappedByACustomSinkBeanIsOneSinkInItsEncoder() {
        runner.withUserConfiguration(WrappedSinkBean.class).run(context -> {
            assertThat(context).hasNotFailed();
            FapilogRuntime runtime = context.getBean(FapilogRuntime.class);
            runtime.getLogger("orders").info("Order placed");
            runtime.flush().join();
            InMemorySink audit = context.getBean("audit", InMemorySink.class);
            assertThat(audit.lines()).singleElement().asString().contains("\"ecs\":{\"version\"");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class WrappedSinkBean {

        @Bean
        InMemorySink audit() {
            return new InMemorySink("audit");
        }

        @Bean
        CustomSink auditInEcs(InMemorySink audit) {
            return new CustomSink(audit, EncoderFactory.json(Format.ECS, EncodingLimits.DEFAULT));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ClosingSinkBean {

        static final CountingCloses SINK = new CountingCloses();

        @Bean
        Sink countingSink() {
            return SINK;
        }
    }

    /** Counts its closes; writes to memory. */
    static final class CountingCloses implements Sink {
        final java.util.concurrent.atomic.AtomicInteger closes = new java.util.concurrent.atomic.AtomicInteger();
        private final InMemorySink lines = new InMemorySink("counting");

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public void write(io.fapilog.spi.EncodedBatch batch) {
            lines.write(batch);
        }

        java.util.List<String> lines() {
            return lines.lines();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SinkBeans {

        /** Not beans themselves: a Sink bean would also be written in the default format. */
        static final InMemorySink ECS = new InMemorySink("ecs");
        static final InMemorySink CUSTOMIZED = new InMemorySink("customized");

        @Bean
        CustomSink ecs() {
            return new CustomSink(ECS, EncoderFactory.json(Format.ECS, EncodingLimits.DEFAULT));
        }

        @Bean
        FapilogCustomizer logstashCopy() {
            return builder -> builder.sink(CUSTOMIZED, Format.LOGSTASH);
        }
    }
}

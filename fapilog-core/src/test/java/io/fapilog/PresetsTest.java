package io.fapilog;

import io.fapilog.config.InvalidSettingException;
import io.fapilog.config.Format;
import io.fapilog.config.FullPolicy;
import io.fapilog.config.SinkType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PresetsTest {

    private static FapilogConfig preset(Preset preset) {
        return Fapilog.builder().preset(preset).build();
    }

    @Test
    void dev() {
        FapilogConfig config = preset(Preset.DEV);
        assertThat(config.level()).isEqualTo(Level.DEBUG);
        assertThat(config.sinks()).containsExactly(SinkType.STDOUT_PRETTY);
        assertThat(config.queue().fullPolicy()).isEqualTo(FullPolicy.WAIT);
        assertThat(config.batch().maxSize()).isEqualTo(1);
        assertThat(config.redaction().presets()).containsExactly("credentials");
        assertThat(config.bridgeSlf4j()).isTrue();
        assertThat(config.encodingLimits().maxStringLength()).as("Boot's --debug report whole").isEqualTo(65_536);
        assertThat(preset(Preset.PRODUCTION).encodingLimits()).isEqualTo(io.fapilog.config.EncodingLimits.DEFAULT);
    }

    @Test
    void production() {
        FapilogConfig config = preset(Preset.PRODUCTION);
        assertThat(config.level()).isEqualTo(Level.INFO);
        assertThat(config.sinks()).containsExactly(SinkType.STDOUT_JSON);
        assertThat(config.queue().fullPolicy()).isEqualTo(FullPolicy.WAIT);
        assertThat(config.queue().waitTimeout()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.queue().protectedLevels()).isEqualTo(EnumSet.range(Level.ERROR, Level.SECURITY));
        assertThat(config.batch().maxSize()).isEqualTo(256);
        assertThat(config.batch().timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.redaction().presets()).containsExactly("credentials");
        assertThat(config.circuitBreaker().fallbackToStderr()).isTrue();
        assertThat(config.bridgeSlf4j()).isTrue();
        assertThat(config.requestLogging()).isFalse();
    }

    @Test
    void webfluxIsProductionWithRequestLogging() {
        FapilogConfig config = preset(Preset.WEBFLUX);
        assertThat(config.requestLogging()).isTrue();
        assertThat(config.batch().maxSize()).isEqualTo(256);
        assertThat(config.bridgeSlf4j()).isTrue();
    }

    @Test
    void serverless() {
        FapilogConfig config = preset(Preset.SERVERLESS);
        assertThat(config.queue().fullPolicy()).isEqualTo(FullPolicy.DROP);
        assertThat(config.batch().maxSize()).isEqualTo(25);
        assertThat(config.batch().timeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.shutdown().timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void hardened() {
        FapilogConfig config = preset(Preset.HARDENED);
        assertThat(config.sinks()).containsExactly(SinkType.STDOUT_JSON, SinkType.ROTATING_FILE);
        assertThat(config.batch().maxSize()).isEqualTo(100);
        assertThat(config.redaction().presets()).containsExactlyInAnyOrder("credentials", "pci", "hipaa");
        assertThat(config.redaction().failClosed()).isTrue();
    }

    @Test
    void minimal() {
        FapilogConfig config = preset(Preset.MINIMAL);
        assertThat(config.enrichment().runtime()).isFalse();
        assertThat(config.enrichment().thread()).isFalse();
        assertThat(config.redaction().isEmpty()).isTrue();
        assertThat(config.batch().maxSize()).isEqualTo(256);
    }

    @Test
    void explicitSettingsBeatThePresetWhateverTheOrder() {
        FapilogConfig config = Fapilog.builder().level(Level.WARN).batchMaxSize(7).preset(Preset.DEV)
                .format(Format.ECS).build();
        assertThat(config.level()).isEqualTo(Level.WARN);
        assertThat(config.batch().maxSize()).isEqualTo(7);
        assertThat(config.format()).isEqualTo(Format.ECS);
        assertThat(config.sinks()).containsExactly(SinkType.STDOUT_PRETTY);
    }

    @Test
    void badValuesNameThePropertyAndTheAllowedValues() {
        assertThatThrownBy(() -> Fapilog.builder().queueCapacity(0).build())
                .hasMessageContaining("fapilog.queue.capacity").hasMessageContaining(">= 1");
        assertThatThrownBy(() -> Fapilog.builder().workers(0).build())
                .hasMessageContaining("fapilog.workers");
        assertThatThrownBy(() -> Fapilog.builder().sinks(List.of()).build())
                .hasMessageContaining("fapilog.sinks").hasMessageContaining("stdout-json");
        assertThatThrownBy(() -> Preset.parse("prod"))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.property()).isEqualTo("fapilog.preset");
                    assertThat(e.value()).isEqualTo("prod");
                    assertThat(e.allowed()).isEqualTo("one of: dev, production, webflux, serverless, hardened, minimal");
                })
                .hasMessage("Invalid value 'prod' for fapilog.preset; allowed: "
                        + "one of: dev, production, webflux, serverless, hardened, minimal");
        assertThatThrownBy(() -> FullPolicy.parse("block"))
                .hasMessageContaining("fapilog.queue.full-policy").hasMessageContaining("wait, drop");
        assertThatThrownBy(() -> Level.parse("verbose")).hasMessageContaining("TRACE, DEBUG, INFO");
        assertThat(Level.parse("warning")).isEqualTo(Level.WARN);
        assertThat(Set.of(Preset.parse("WebFlux"))).containsExactly(Preset.WEBFLUX);
    }

    /** Health, metrics and the endpoint key a sink by its name: two of one name would show as one. */
    @Test
    void twoSinksOfOneNameFailNamingIt() {
        assertThatThrownBy(() -> Fapilog.builder().sinks(SinkType.STDOUT_JSON)
                .sink(new io.fapilog.sinks.InMemorySink("webhook")).sink(new io.fapilog.sinks.InMemorySink("webhook")).build())
                .hasMessage("Invalid value 'webhook twice' for fapilog.sinks; allowed: sinks of distinct names "
                        + "(a sink's name() keys its health, metrics and endpoint entries)");
        assertThatThrownBy(() -> Fapilog.builder().sinks(SinkType.STDOUT_JSON).sink(new io.fapilog.sinks.InMemorySink("stdout-json"))
                .build()).hasMessageContaining("'stdout-json twice'");
    }

    /** A sink without a name failed only when Micrometer bound its gauges, with a bare NullPointerException. */
    @Test
    void aSinkWithoutANameFailsNamingItsType() {
        io.fapilog.spi.Sink unnamed = new io.fapilog.spi.Sink() {
            @Override
            public String name() {
                return null;
            }

            @Override
            public void write(io.fapilog.spi.EncodedBatch batch) {
            }
        };
        assertThatThrownBy(() -> Fapilog.builder().sinks().sink(unnamed).build())
                .hasMessage("Invalid value '" + unnamed.getClass().getName() + " named null' for fapilog.sinks; allowed: sinks whose"
                        + " name() is not null or blank (a sink's name keys its health, metrics and endpoint entries)");
        assertThatThrownBy(() -> Fapilog.builder().sinks().sink(new io.fapilog.sinks.InMemorySink(" ")).build())
                .hasMessageContaining("io.fapilog.sinks.InMemorySink named ' '");
    }

    /** "Forever" overflowed the nanosecond arithmetic: start-up took it, then flush and close threw into their callers. */
    @Test
    void aDurationLongerThanADayFailsNamingItsProperty() {
        Duration forever = java.time.temporal.ChronoUnit.FOREVER.getDuration();
        assertThatThrownBy(() -> Fapilog.builder().shutdownTimeout(forever).build())
                .hasMessage("Invalid value '" + forever + "' for fapilog.shutdown.timeout; allowed: a duration >= 0, at most 1 day");
        assertThatThrownBy(() -> Fapilog.builder().waitTimeout(Duration.ofSeconds(Long.MAX_VALUE)).build())
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.property()).isEqualTo("fapilog.queue.wait-timeout"));
        assertThatThrownBy(() -> Fapilog.builder().batchTimeout(Duration.ofDays(1).plusNanos(1)).build())
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> assertThat(e.property()).isEqualTo("fapilog.batch.timeout"));
        assertThat(Fapilog.builder().shutdownTimeout(Duration.ofDays(1)).waitTimeout(Duration.ofDays(1))
                .batchTimeout(Duration.ofDays(1)).build().shutdown().timeout()).isEqualTo(Duration.ofDays(1));
    }

    /** The largest limits start and write (Integer.MAX_VALUE failed the start with an OutOfMemoryError); past them, a message naming the limit. */
    @Test
    void encodingLimitsAreBoundedAndNamedWhenOutOfRange() {
        io.fapilog.config.EncodingLimits largest = new io.fapilog.config.EncodingLimits(io.fapilog.config.EncodingLimits.MAX_LINE_BYTES,
                1 << 20, 256, 4096, io.fapilog.config.EncodingLimits.MAX_LINE_BYTES);
        io.fapilog.sinks.InMemorySink sink = new io.fapilog.sinks.InMemorySink();
        try (FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).encodingLimits(largest)
                .shutdownHook(false).start()) {
            runtime.getLogger("limits").info("largest limits", "n", 1);
            runtime.flush().join();
        }
        assertThat(sink.lines()).singleElement().asString().contains("\"message\":\"largest limits\"");
        assertThatThrownBy(() -> new io.fapilog.config.EncodingLimits(Integer.MAX_VALUE, 256, 16, 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("encoding limit maxStringLength must be from 16 to " + io.fapilog.config.EncodingLimits.MAX_LINE_BYTES
                        + ", was " + Integer.MAX_VALUE);
        assertThatThrownBy(() -> new io.fapilog.config.EncodingLimits(8192, 256, 0, 64))
                .hasMessage("encoding limit maxDepth must be from 1 to 256, was 0");
        assertThatThrownBy(() -> Fapilog.builder().encodingLimits(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("EncodingLimits.DEFAULT");
        assertThatThrownBy(() -> Fapilog.builder().redaction(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("RedactionSettings.NONE");
    }

    @Test
    void aMissingSettingFailsNamingThePropertyAndTheAllowedValuesNotWithANullPointer() {
        assertThatThrownBy(() -> Fapilog.builder().level(null).build()).isInstanceOfSatisfying(InvalidSettingException.class,
                e -> assertThat(e).hasMessage("Invalid value for fapilog.level; allowed: one of: "
                        + "TRACE, DEBUG, INFO, WARN, ERROR, CRITICAL, AUDIT, SECURITY"));
        assertThatThrownBy(() -> Fapilog.builder().fullPolicy(null).build())
                .hasMessage("Invalid value for fapilog.queue.full-policy; allowed: one of: wait, drop");
        assertThatThrownBy(() -> Fapilog.builder().waitTimeout(null).build())
                .hasMessage("Invalid value for fapilog.queue.wait-timeout; allowed: a duration >= 0, at most 1 day");
        assertThatThrownBy(() -> Fapilog.builder().batchTimeout(null).build())
                .hasMessage("Invalid value for fapilog.batch.timeout; allowed: a duration > 0, at most 1 day");
        assertThatThrownBy(() -> Fapilog.builder().shutdownTimeout(null).build())
                .hasMessage("Invalid value for fapilog.shutdown.timeout; allowed: a duration >= 0, at most 1 day");
        assertThatThrownBy(() -> Fapilog.builder().format(null).build())
                .hasMessage("Invalid value for fapilog.format; allowed: one of: fapilog, ecs, logstash, gelf");
        assertThatThrownBy(() -> Fapilog.builder().mode(null).build()).isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("Invalid value for fapilog.mode; allowed: one of: ");
    }
}

package io.fapilog.log4j2;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import io.fapilog.Preset;
import io.fapilog.sinks.InMemorySink;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without Spring, the appender is declared in {@code log4j2.xml} ({@code <Fapilog name="FAPILOG"/>}):
 * the element was unknown to Log4j2, which dropped every event with a status line nobody reads.
 */
class DeclaredAppenderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InMemorySink sink = new InMemorySink();
    private final FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink)
            .level(Level.DEBUG).shutdownHook(false).start();
    private LoggerContext context;

    @AfterEach
    void stop() {
        Fapilog.setDefaultRuntime(null);
        if (context != null) {
            context.stop();
        }
        runtime.close();
    }

    @Test
    void aDeclaredAppenderWritesToTheApplicationsDefaultRuntimeAtLog4j2sLevels() throws Exception {
        Fapilog.setDefaultRuntime(runtime);
        URI config = DeclaredAppenderTest.class.getResource("/fapilog-declared.xml").toURI();
        context = new LoggerContext("declared", null, config);
        context.start();

        Object declared = context.getConfiguration().getAppender("FAPILOG");
        assertThat(declared).isInstanceOf(FapilogAppender.class);
        context.getLogger("com.acme.Orders").debug("Order {} loaded password={}", 7, "hunter2");
        context.getLogger("org.other").debug("below the root's level");
        context.getLogger("org.other").warn("Other warned");
        runtime.flush().join();

        assertThat(sink.lines()).hasSize(2);
        JsonNode first = JSON.readTree(sink.lines().get(0));
        assertThat(first.get("level").asString()).isEqualTo("DEBUG");
        assertThat(first.get("logger").asString()).isEqualTo("com.acme.Orders");
        assertThat(first.get("message").asString()).isEqualTo("Order 7 loaded password=***");
        assertThat(JSON.readTree(sink.lines().get(1)).get("message").asString()).isEqualTo("Other warned");
    }

    /**
     * The bridge (Spring Boot's starter) replaces the appender the configuration declares with its
     * own, so that each event is written once (with both, twice), and gives it back at a disconnect,
     * started, writing to the default runtime again.
     */
    @Test
    void theBridgeReplacesADeclaredAppenderAndGivesItBack() throws Exception {
        LoggerContext global = (LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
        URI original = global.getConfigLocation();
        global.setConfigLocation(DeclaredAppenderTest.class.getResource("/fapilog-declared.xml").toURI());
        try {
            Log4j2Bridge.connect(runtime);
            global.getLogger("com.acme.Bridged").info("while connected");
            runtime.flush().join();
            assertThat(sink.lines()).hasSize(2);
            assertThat(JSON.readTree(sink.lines().get(0)).get("message").asString())
                    .isEqualTo("Fapilog's Log4j2 bridge installed: console and file appender(s) [FAPILOG] replaced by fapilog's"
                            + " sinks (they now write only what no running fapilog runtime can take)");
            assertThat(sink.lines()).filteredOn(line -> line.contains("while connected")).hasSize(1);

            Log4j2Bridge.disconnect(runtime);
            Object declared = global.getConfiguration().getAppender("FAPILOG");
            assertThat(declared).isInstanceOf(FapilogAppender.class);
            assertThat(((FapilogAppender) declared).isStarted()).isTrue();
            Fapilog.setDefaultRuntime(runtime);
            global.getLogger("com.acme.Bridged").info("after the disconnect");
            runtime.flush().join();
            assertThat(sink.lines()).hasSize(3);
        } finally {
            global.setConfigLocation(original);
        }
    }

    @Test
    void aPresetThatIsNotOneIsNamed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FapilogAppender.createAppender("FAPILOG", "prodution"))
                .hasMessageContaining("fapilog.preset").hasMessageContaining("production");
    }
}

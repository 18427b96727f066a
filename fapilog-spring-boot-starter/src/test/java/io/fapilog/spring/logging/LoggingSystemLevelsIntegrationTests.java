package io.fapilog.spring.logging;

import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boot's logging configuration governs fapilog's loggers and bridged SLF4J loggers alike: levels from
 * {@code logging.level.*} and groups, the {@code fapilog.levels.*} alias, and {@code /actuator/loggers}
 * at run time, on a real server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=reactive",
        "management.endpoints.web.exposure.include=loggers,fapilog",
        "fapilog.preset=production",
        "fapilog.bridge.slf4j=true",
        "fapilog.sinks=in-memory",
        "logging.level.com.acme.http=WARN",
        "logging.group.acme-group=com.acme.grouped",
        "logging.level.acme-group=ERROR",
        "fapilog.levels.com.acme.alias=DEBUG",
        "logging.group.alias-group=com.acme.aliasgrouped.one,com.acme.aliasgrouped.two",
        "fapilog.levels.alias-group=DEBUG",
        "fapilog.levels.com.acme.overridden=TRACE",
        "logging.level.com.acme.overridden=ERROR" })
class LoggingSystemLevelsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    FapilogRuntime runtime;

    @Autowired
    InMemorySink sink;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @AfterEach
    void backToTheStartUpLevels() {
        setLevel("com.acme.http", "WARN");
        setLevel("acme-group", "ERROR");
    }

    @Test
    void levelFromPropertiesAndFromActuatorGovernsFapilogAndSlf4jLoggers() {
        logBoth("com.acme.http", Level.INFO, "info-at-warn");
        logBoth("com.acme.http", Level.WARN, "warn-at-warn");
        assertThat(written("info-at-warn")).isZero();
        assertThat(written("warn-at-warn")).isEqualTo(2);

        setLevel("com.acme.http", "DEBUG");
        client().get().uri("/actuator/loggers/com.acme.http").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.configuredLevel").isEqualTo("DEBUG")
                .jsonPath("$.effectiveLevel").isEqualTo("DEBUG");
        logBoth("com.acme.http", Level.DEBUG, "debug-at-debug");
        assertThat(written("debug-at-debug")).isEqualTo(2);
        client().get().uri("/actuator/fapilog").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.levels['com.acme.http']").isEqualTo("DEBUG");

        Map<String, Object> reset = new HashMap<>();
        reset.put("configuredLevel", null);
        client().post().uri("/actuator/loggers/com.acme.http").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(reset).exchange().expectStatus().isNoContent();
        logBoth("com.acme.http", Level.DEBUG, "debug-after-reset");
        logBoth("com.acme.http", Level.INFO, "info-after-reset");
        assertThat(written("debug-after-reset")).isZero();
        assertThat(written("info-after-reset")).isEqualTo(2);
        assertThat(runtime.effectiveLevel("com.acme.http.Service")).isEqualTo(Level.INFO);
        client().get().uri("/actuator/fapilog").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.levels['com.acme.http']").doesNotExist();
    }

    @Test
    void loggingGroupsGovernBothAndChangeAtRunTime() {
        logBoth("com.acme.grouped", Level.WARN, "group-warn");
        logBoth("com.acme.grouped", Level.ERROR, "group-error");
        assertThat(written("group-warn")).isZero();
        assertThat(written("group-error")).isEqualTo(2);

        setLevel("acme-group", "INFO");
        logBoth("com.acme.grouped", Level.INFO, "group-info");
        assertThat(written("group-info")).isEqualTo(2);
    }

    @Test
    void fapilogLevelsIsAnAliasOfLoggingLevelWhichWinsWhenBothAreSet() {
        client().get().uri("/actuator/loggers/com.acme.alias").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.configuredLevel").isEqualTo("DEBUG");
        logBoth("com.acme.alias", Level.DEBUG, "alias-debug");
        assertThat(written("alias-debug")).isEqualTo(2);

        logBoth("com.acme.aliasgrouped.one", Level.DEBUG, "alias-group-debug");
        logBoth("com.acme.aliasgrouped.two", Level.DEBUG, "alias-group-debug");
        assertThat(written("alias-group-debug")).as("a group's name sets its members, as logging.level does").isEqualTo(4);
        client().get().uri("/actuator/loggers/alias-group").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.configuredLevel").isEqualTo("DEBUG");

        client().get().uri("/actuator/loggers/com.acme.overridden").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.configuredLevel").isEqualTo("ERROR");
        logBoth("com.acme.overridden", Level.WARN, "overridden-warn");
        assertThat(written("overridden-warn")).isZero();
    }

    private void setLevel(String name, String level) {
        client().post().uri("/actuator/loggers/" + name).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("configuredLevel", level)).exchange().expectStatus().isNoContent();
    }

    /** One event from a fapilog logger and one from an SLF4J logger, both under {@code prefix}. */
    private void logBoth(String prefix, Level level, String message) {
        io.fapilog.Logger fapilog = runtime.getLogger(prefix + ".FapilogSide");
        org.slf4j.Logger slf4j = LoggerFactory.getLogger(prefix + ".Slf4jSide");
        switch (level) {
            case DEBUG -> { fapilog.debug(message); slf4j.debug(message); }
            case INFO -> { fapilog.info(message); slf4j.info(message); }
            case WARN -> { fapilog.warn(message); slf4j.warn(message); }
            default -> { fapilog.error(message); slf4j.error(message); }
        }
    }

    private long written(String message) {
        runtime.flush().join();
        return sink.lines().stream().filter(line -> line.contains("\"message\":\"" + message + "\"")).count();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class LevelsApplication {

        @Bean
        InMemorySink testSink() {
            return new InMemorySink("test"); // beside fapilog.sinks's in-memory: a name of its own
        }
    }
}

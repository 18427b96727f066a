package io.fapilog.spring.autoconfigure;

import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application whose context nobody closes (Spring's shutdown hook turned off, {@code main}
 * returns or calls {@code System.exit}) still writes every event at JVM exit, once; with Spring's
 * hook on, the context's close drains it, once. Each case runs in a JVM of its own.
 */
class ContextNeverClosedTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int EVENTS = 1_000;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        CommandLineRunner logs(FapilogRuntime runtime) {
            return args -> {
                Logger log = runtime.getLogger("cli");
                for (int i = 0; i < EVENTS; i++) {
                    log.info("Marked", "i", i);
                }
                LoggerFactory.getLogger("cli.slf4j").info("Through SLF4J");
            };
        }
    }

    /** {@code args[0]}: whether Spring's shutdown hook is registered; {@code args[1]}: how main ends ({@code return} or {@code exit}). */
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(App.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setRegisterShutdownHook(Boolean.parseBoolean(args[0]));
        app.setDefaultProperties(Map.of("fapilog.preset", "production", "spring.main.banner-mode", "off"));
        app.run();
        if (args[1].equals("exit")) {
            System.exit(0);
        }
    }

    @ParameterizedTest(name = "Spring's hook registered {0}, main ends by {1}")
    @CsvSource({"false, return", "false, exit", "true, return", "true, exit"})
    void everyEventIsWrittenOnceAndTheDrainReported(boolean springHook, String end) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ContextNeverClosedTests.class.getName(), String.valueOf(springHook), end)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<JsonNode> events = new String(output, StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("{")).map(JSON::readTree).toList();

        assertThat(events.stream().filter(e -> e.path("message").asString().equals("Marked"))
                .map(e -> e.get("data").get("i").asInt()).toList())
                .as("each event once, in order").isEqualTo(IntStream.range(0, EVENTS).boxed().toList());
        assertThat(events).filteredOn(e -> e.path("message").asString().equals("Through SLF4J")).hasSize(1);
        List<JsonNode> reports = events.stream().filter(e -> e.path("message").asString().equals("Fapilog drained")).toList();
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).get("data").get("dropped").asLong()).isZero();
    }
}

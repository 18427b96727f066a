package io.fapilog.spring.logging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplicationAotProcessor;
import org.springframework.context.aot.AbstractAotProcessor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's ahead-of-time processing ({@code spring-boot-maven-plugin}'s {@code process-aot}) of an
 * application with the SLF4J bridge on: the early runtime's bean, which exists only while the
 * application runs, stays out of the generated code, so processing completes; and the application
 * run from the generated code ({@code -Dspring.aot.enabled=true}, in a JVM of its own) writes Spring's
 * lines through the bridge and drains at exit.
 */
class FapilogAotProcessingTests {

    @Test
    void anApplicationWithTheBridgeIsProcessedAheadOfTimeAndRunsFromTheGeneratedCode(@TempDir Path output) throws Exception {
        AbstractAotProcessor.Settings settings = AbstractAotProcessor.Settings.builder()
                .sourceOutput(output.resolve("sources")).resourceOutput(output.resolve("resources"))
                .classOutput(output.resolve("classes")).groupId("com.acme").artifactId("orders").build();

        long workersBefore = fapilogWorkers();
        new SpringApplicationAotProcessor(AotProcessedApplication.class, settings, new String[] { "--fapilog.preset=production" })
                .process();
        assertThat(fapilogWorkers()).as("a runtime started by the processing, which nothing would stop").isEqualTo(workersBefore);

        List<Path> sources;
        try (Stream<Path> files = Files.walk(output.resolve("sources"))) {
            sources = files.filter(file -> file.toString().endsWith(".java")).toList();
        }
        assertThat(sources).extracting(file -> file.getFileName().toString())
                .contains("AotProcessedApplication__ApplicationContextInitializer.java",
                        "FapilogAutoConfiguration__BeanDefinitions.java");
        for (Path source : sources) {
            assertThat(Files.readString(source)).doesNotContain(FapilogEarlyRuntime.BEAN_NAME);
        }

        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path classes = output.resolve("classes");
        List<String> compile = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-cp", classPath, "-proc:none"));
        sources.forEach(source -> compile.add(source.toString()));
        assertThat(javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, compile.toArray(String[]::new)))
                .isZero();
        Path out = output.resolve("stdout.txt");
        Path err = output.resolve("stderr.txt"); // apart: a JVM may print notices there (JAVA_TOOL_OPTIONS)
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dspring.aot.enabled=true", "-cp", classes + java.io.File.pathSeparator + output.resolve("resources")
                        + java.io.File.pathSeparator + classPath,
                AotProcessedApplication.class.getName(), "--fapilog.preset=production", "--spring.application.name=aot-orders")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(run.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            run.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(out);
        assertThat(run.exitValue()).as(String.join("\n", lines) + "\n" + Files.readString(err)).isZero();
        assertThat(lines).as("Spring's start-up line, through the bridge, as JSON").anySatisfy(line -> assertThat(line)
                .startsWith("{").contains("\"message\":\"Started ", "\"service\":\"aot-orders\""));
        assertThat(lines).as("the drain report at exit").anySatisfy(line -> assertThat(line)
                .contains("\"message\":\"Fapilog drained\"", "\"dropped\":0"));
        assertThat(lines).as("no text lines").allSatisfy(line -> assertThat(line).startsWith("{"));
    }

    private static long fapilogWorkers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith("fapilog-worker-")).count();
    }
}

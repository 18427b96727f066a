package io.fapilog;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application on the module path: {@code requires io.fapilog.core} is all it needs (Jackson comes
 * with it), fapilog's internals are not exported to it, and its records are written once it opens
 * their package to Jackson. As an automatic module, core left Jackson for the application to require
 * (the first log call failed with a {@code NoClassDefFoundError}), exported its internals, and could
 * not be linked by jlink.
 */
class ModulePathTest {

    @Test
    void anApplicationModuleRequiringFapilogLogsItsRecords(@TempDir Path dir) throws Exception {
        Path sources = dir.resolve("src");
        write(sources.resolve("module-info.java"), """
                module app {
                    requires io.fapilog.core;
                    opens app.model to tools.jackson.databind;
                }
                """);
        write(sources.resolve("app/model/Order.java"), """
                package app.model;
                public record Order(long id, String customer) {
                }
                """);
        write(sources.resolve("app/Main.java"), """
                package app;
                import io.fapilog.Fapilog;
                import io.fapilog.FapilogRuntime;
                import io.fapilog.Preset;
                import io.fapilog.config.SinkType;
                public class Main {
                    public static void main(String[] args) throws Exception {
                        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks(SinkType.STDOUT_JSON)
                                .shutdownHook(false).start();
                        runtime.getLogger("app").info("Order placed", "order", new app.model.Order(7, "ada"), "password", "hunter2");
                        runtime.stopAndDrain().get();
                        System.err.println("internals exported: " + Fapilog.class.getModule().isExported("io.fapilog.internal.engine"));
                    }
                }
                """);
        String modulePath = modulePath();
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        List<String> javacArgs = List.of("-d", classes.toString(), "--module-path", modulePath,
                sources.resolve("module-info.java").toString(), sources.resolve("app/model/Order.java").toString(),
                sources.resolve("app/Main.java").toString());
        assertThat(javac.run(null, null, diagnostics, javacArgs.toArray(String[]::new)))
                .as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(java, "--module-path", modulePath + File.pathSeparator + classes, "-m", "app/app.Main")
                .redirectError(err.toFile()).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(err);
        assertThat(process.exitValue()).as(stderr).isZero();

        JsonNode line = TestSinks.JSON.readTree(stdout.lines().filter(l -> l.contains("Order placed")).findFirst().orElseThrow());
        assertThat(line.get("data").get("order")).isEqualTo(TestSinks.JSON.readTree("{\"id\":7,\"customer\":\"ada\"}"));
        assertThat(line.get("data").get("password").asString()).isEqualTo("***");
        assertThat(stderr).contains("internals exported: false");
    }

    /**
     * Fapilog on the module path, Reactor and the application on the class path (the unnamed module,
     * which a named module does not read unless told): the async logger works, as on the class path.
     */
    @Test
    void reactorOnTheClassPathServesFapilogOnTheModulePath(@TempDir Path dir) throws Exception {
        Path sources = dir.resolve("src");
        write(sources.resolve("app/Main.java"), """
                package app;
                import io.fapilog.Fapilog;
                import io.fapilog.FapilogRuntime;
                import io.fapilog.Preset;
                import io.fapilog.config.SinkType;
                public class Main {
                    public static void main(String[] args) throws Exception {
                        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks(SinkType.STDOUT_JSON)
                                .shutdownHook(false).start();
                        runtime.getAsyncLogger("app").info("From the async logger").block();
                        runtime.stopAndDrain().get();
                    }
                }
                """);
        String reactor = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("reactor-core") || entry.contains("reactive-streams"))
                .collect(Collectors.joining(File.pathSeparator));
        Path classes = dir.resolve("classes");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, diagnostics, "-d", classes.toString(),
                "--module-path", modulePath(), "--add-modules", "io.fapilog.core", "-cp", reactor,
                "--add-reads", "io.fapilog.core=ALL-UNNAMED", // javac resolves AsyncLogger's Mono from core; the JVM below is not told
                sources.resolve("app/Main.java").toString())).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "--module-path", modulePath(), "--add-modules", "io.fapilog.core",
                "-cp", reactor + File.pathSeparator + classes, "app.Main").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.lines().filter(line -> line.contains("From the async logger"))).hasSize(1);
    }

    /** Fapilog's classes, and the Jackson modules it requires, from the tests' class path. */
    private static String modulePath() throws Exception {
        Path core = Path.of(Fapilog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> jackson = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("jackson")).toList();
        return core + File.pathSeparator + jackson.stream().collect(Collectors.joining(File.pathSeparator));
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}

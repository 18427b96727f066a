package io.fapilog;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What a main class printed, run in a JVM of its own on the tests' class path, which exited with 0. */
record OwnJvm(String stdout, String stderr) {

    static OwnJvm run(Class<?> main) throws Exception {
        return run(main, Map.of(), null);
    }

    /** @param environment added to the JVM's; {@code directory} its working directory, or null for this one's */
    static OwnJvm run(Class<?> main, Map<String, String> environment, File directory) throws Exception {
        return run(main, environment, directory, entry -> true);
    }

    /** As {@link #run(Class, Map, File)}, with only the entries of the tests' class path that {@code classPath} keeps. */
    static OwnJvm run(Class<?> main, Map<String, String> environment, File directory, Predicate<String> classPath)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String kept = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).filter(classPath)
                .collect(Collectors.joining(File.pathSeparator));
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", kept, main.getName()).directory(directory);
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        OwnJvm run = new OwnJvm(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertThat(process.exitValue()).as(run.stderr()).isZero();
        return run;
    }
}

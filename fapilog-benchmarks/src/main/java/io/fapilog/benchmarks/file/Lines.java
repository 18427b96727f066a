package io.fapilog.benchmarks.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Counting and cleaning up what the contenders wrote. */
public final class Lines {

    private Lines() {
    }

    /** Lines (newline characters) in {@code file}. */
    public static long count(Path file) throws IOException {
        long lines = 0;
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    /** Lines in all regular files of {@code directory} (the active file and the rolled ones). */
    public static long countInDirectory(Path directory) throws IOException {
        long lines = 0;
        for (Path file : files(directory)) {
            lines += count(file);
        }
        return lines;
    }

    /** Deletes {@code directory} and everything in it. */
    public static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The regular files in {@code directory}. */
    public static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}

package io.fapilog.internal.sinks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rolled files beside an active log file {@code name}: {@code name.yyyy-MM-dd.N} and, once
 * compressed, {@code name.yyyy-MM-dd.N.gz}, where the date is the day the file covers and
 * {@code N} counts from 1 within that day. Oldest first means by date, then by {@code N}.
 */
final class RolledFiles {

    /** One rolled file, whatever its compression state. */
    record Generation(LocalDate date, int index) implements Comparable<Generation> {

        private static final Comparator<Generation> ORDER =
                Comparator.comparing(Generation::date).thenComparingInt(Generation::index);

        @Override
        public int compareTo(Generation other) {
            return ORDER.compare(this, other);
        }
    }

    static final String GZ = ".gz";

    private final Path dir;
    private final String base;
    private final Pattern pattern;
    private final Pattern temporary;

    RolledFiles(Path active) {
        this.dir = active.toAbsolutePath().getParent();
        this.base = active.getFileName().toString();
        // N as written here: from 1, no leading zero (app.log.2020-01-01.01 is somebody else's file)
        this.pattern = Pattern.compile(Pattern.quote(base) + "\\.(\\d{4}-\\d{2}-\\d{2})\\.([1-9]\\d{0,8})(\\.gz)?");
        this.temporary = Pattern.compile(Pattern.quote(base) + "\\.\\d{4}-\\d{2}-\\d{2}\\.\\d{1,9}\\.gz(\\.[0-9a-z]+)?"
                + Pattern.quote(FileCompressor.TMP));
    }

    /** The uncompressed name of a generation. */
    Path path(Generation generation) {
        return dir.resolve(base + "." + generation.date() + "." + generation.index());
    }

    /**
     * The rolled files by generation, oldest first. A file being compressed is listed under both of
     * its names, as the compressor renames the {@code .gz} into place before deleting the original.
     */
    NavigableMap<Generation, List<Path>> list() throws IOException {
        NavigableMap<Generation, List<Path>> rolled = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(file -> {
                Matcher m = pattern.matcher(file.getFileName().toString());
                Generation generation = m.matches() ? parse(m.group(1), m.group(2)) : null;
                if (generation != null) {
                    rolled.computeIfAbsent(generation, g -> new ArrayList<>(1)).add(file);
                }
            });
        }
        return rolled;
    }

    /** A rolled-looking name that is no real date ({@code app.log.2026-02-30.1}) is a stray file, not ours: ignored. */
    private static Generation parse(String date, String index) {
        try {
            return new Generation(LocalDate.parse(date), Integer.parseInt(index));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    /** Whether a generation's name is taken, compressed or not. */
    boolean exists(Generation generation) {
        Path file = path(generation);
        return Files.exists(file) || Files.exists(file.resolveSibling(file.getFileName() + GZ));
    }

    /** The highest {@code N} used for a day, 0 if none. */
    int lastIndex(LocalDate date) throws IOException {
        return list().keySet().stream().filter(g -> g.date().equals(date))
                .mapToInt(Generation::index).max().orElse(0);
    }

    /** The generation of a rolled file's name, compressed or not; null for any other name. */
    Generation generationOf(Path file) {
        Matcher m = pattern.matcher(file.getFileName().toString());
        return m.matches() ? parse(m.group(1), m.group(2)) : null;
    }

    /**
     * Deletes the oldest generations until at most {@code maxHistory} remain ({@code inDays}: until
     * those left span at most {@code maxHistory} days, Logback's meaning, where 0 keeps every day) and, with a
     * {@code totalSizeCap} above 0, until they take at most that many bytes together. Only the
     * generations up to {@code settled} count (all when null): those after it are rolled files still
     * waiting for their compression, which neither count at their size before it nor are deleted ahead
     * of the archives they are to become (rolls faster than the compressor took the newest files then).
     */
    void retain(int maxHistory, boolean inDays, long totalSizeCap, Generation settled) throws IOException {
        NavigableMap<Generation, List<Path>> rolled = settled == null ? list() : list().headMap(settled, true);
        while (inDays ? maxHistory > 0 && days(rolled) > maxHistory : rolled.size() > maxHistory) {
            for (Path file : rolled.pollFirstEntry().getValue()) {
                Files.deleteIfExists(file);
            }
        }
        if (totalSizeCap <= 0) {
            return;
        }
        long total = 0;
        for (List<Path> files : rolled.values()) {
            total += size(files);
        }
        while (total > totalSizeCap && !rolled.isEmpty()) {
            List<Path> oldest = rolled.pollFirstEntry().getValue();
            total -= size(oldest);
            for (Path file : oldest) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static long days(NavigableMap<Generation, List<Path>> rolled) {
        return rolled.keySet().stream().map(Generation::date).distinct().count();
    }

    private static long size(List<Path> files) throws IOException {
        long size = 0;
        for (Path file : files) {
            if (Files.exists(file)) {
                size += Files.size(file);
            }
        }
        return size;
    }

    /** Archives being written, or left half-written by a run that stopped ({@code name.yyyy-MM-dd.N.gz.<random>.tmp}). */
    List<Path> temporary() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> temporary.matcher(file.getFileName().toString()).matches()).toList();
        }
    }

    /** Rolled files not compressed yet, oldest first (left over by a crash or written without gzip). */
    List<Path> uncompressed() throws IOException {
        return list().values().stream().flatMap(List::stream)
                .filter(file -> !file.getFileName().toString().endsWith(GZ)).toList();
    }
}

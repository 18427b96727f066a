package io.fapilog.internal.sinks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention with compression behind the rolls: when rolls come faster than the compressor, the rolled
 * files waiting for it neither count at their uncompressed size nor are deleted ahead of the archives
 * they are to become. Before, a probe application with a 3 MB cap and 1 MB rolls lost 683 of 761
 * rolled files that way, the newest among them, and kept 3 archives where the cap had room for 50.
 */
class RolledFilesTest {

    @TempDir
    Path dir;

    private static final LocalDate DAY = LocalDate.parse("2026-11-23");
    private static final RolledFiles.Generation THIRD = new RolledFiles.Generation(DAY, 3);
    private static final String[] NEWEST_ARCHIVES_AND_WAITING_ROLLS = {
            "app.log.2026-11-23.2.gz", "app.log.2026-11-23.3.gz", "app.log.2026-11-23.4", "app.log.2026-11-23.5"};

    private RolledFiles rolled() {
        return new RolledFiles(dir.resolve("app.log"));
    }

    private void file(String name, int bytes) throws IOException {
        Files.write(dir.resolve(name), new byte[bytes]);
    }

    private void archivesThenWaitingRolls() throws IOException {
        file("app.log.2026-11-23.1.gz", 10);
        file("app.log.2026-11-23.2.gz", 10);
        file("app.log.2026-11-23.3.gz", 10);
        file("app.log.2026-11-23.4", 1_000); // rolled, waiting for the compressor
        file("app.log.2026-11-23.5", 1_000);
    }

    private Stream<String> left() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void rollsWaitingForTheirCompressionNeitherCountTowardsTheCapNorAreDeleted() throws IOException {
        archivesThenWaitingRolls();

        rolled().retain(100, false, 25, THIRD);

        assertThat(left()).containsExactly(NEWEST_ARCHIVES_AND_WAITING_ROLLS);
    }

    @Test
    void rollsWaitingForTheirCompressionDoNotCountTowardsTheHistory() throws IOException {
        archivesThenWaitingRolls();

        rolled().retain(2, false, 0, THIRD);

        assertThat(left()).containsExactly(NEWEST_ARCHIVES_AND_WAITING_ROLLS);
    }

    /** An older rolled file that stayed uncompressed (its compression failed: a full disk) is retained as any other. */
    @Test
    void anOlderFileLeftUncompressedCountsAtItsSize() throws IOException {
        file("app.log.2026-11-22.1", 1_000);
        archivesThenWaitingRolls();

        rolled().retain(100, false, 25, THIRD);

        assertThat(left()).containsExactly(NEWEST_ARCHIVES_AND_WAITING_ROLLS);
    }

    @Test
    void withEverythingSettledAllRolledFilesCount() throws IOException {
        archivesThenWaitingRolls();

        rolled().retain(100, false, 1_010, null);

        assertThat(left()).containsExactly("app.log.2026-11-23.5");
    }

    @Test
    void theGenerationOfARolledFilesNameCompressedOrNot() {
        RolledFiles rolled = rolled();
        assertThat(rolled.generationOf(dir.resolve("app.log.2026-11-23.4"))).isEqualTo(new RolledFiles.Generation(DAY, 4));
        assertThat(rolled.generationOf(dir.resolve("app.log.2026-11-23.4.gz"))).isEqualTo(new RolledFiles.Generation(DAY, 4));
        assertThat(rolled.generationOf(dir.resolve("other.log.2026-11-23.4"))).isNull();
    }
}

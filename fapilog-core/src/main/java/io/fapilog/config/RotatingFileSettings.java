package io.fapilog.config;

import java.nio.file.Path;

/**
 * Settings of the {@code rotating-file} sink ({@code fapilog.file.*}).
 *
 * @param path the active log file; rolled files are written beside it as {@code name.N[.gz]}
 *             or {@code name.yyyy-MM-dd.N[.gz]}
 * @param maxFileSize roll when the active file would pass this many bytes (0 = no size rotation)
 * @param rotateDaily roll at the first write after local midnight
 * @param maxHistory rolled files kept (0: none); older ones are deleted
 * @param gzip compress rolled files
 * @param bufferSize bytes buffered before a write to the file
 * @param totalSizeCap the most bytes the rolled files may take together; the oldest are deleted
 *                     beyond it (0 = no cap)
 * @param cleanHistoryOnStart apply {@code maxHistory} and {@code totalSizeCap} to the rolled files
 *                            found when the sink starts, not only at the next roll
 * @param historyInDays whether {@code maxHistory} counts days of rolled files (Logback's meaning, and so
 *                      Spring Boot's {@code logging.*.rollingpolicy.max-history}, where 0 keeps every
 *                      day) rather than files
 */
public record RotatingFileSettings(Path path, long maxFileSize, boolean rotateDaily, int maxHistory,
                                   boolean gzip, int bufferSize, long totalSizeCap, boolean cleanHistoryOnStart,
                                   boolean historyInDays) {

    /** Settings whose {@code maxHistory} counts files. */
    public RotatingFileSettings(Path path, long maxFileSize, boolean rotateDaily, int maxHistory, boolean gzip,
                                int bufferSize, long totalSizeCap, boolean cleanHistoryOnStart) {
        this(path, maxFileSize, rotateDaily, maxHistory, gzip, bufferSize, totalSizeCap, cleanHistoryOnStart, false);
    }

    public static RotatingFileSettings defaults() {
        return new RotatingFileSettings(Path.of("logs", "fapilog.log"), 100L * 1024 * 1024, true, 7, true, 64 * 1024, 0,
                false);
    }

    /** Settings whose retention runs at each roll only. */
    public RotatingFileSettings(Path path, long maxFileSize, boolean rotateDaily, int maxHistory, boolean gzip,
                                int bufferSize, long totalSizeCap) {
        this(path, maxFileSize, rotateDaily, maxHistory, gzip, bufferSize, totalSizeCap, false);
    }

    /** Settings without a total size cap. */
    public RotatingFileSettings(Path path, long maxFileSize, boolean rotateDaily, int maxHistory, boolean gzip,
                                int bufferSize) {
        this(path, maxFileSize, rotateDaily, maxHistory, gzip, bufferSize, 0);
    }

    public RotatingFileSettings {
        if (path == null) {
            throw new InvalidSettingException("fapilog.file.path", null, "a file path");
        }
        InvalidSettingException.require(maxFileSize >= 0, "fapilog.file.max-file-size", maxFileSize, "a size >= 0");
        InvalidSettingException.require(maxHistory >= 0, "fapilog.file.max-history", maxHistory, "a number >= 0");
        InvalidSettingException.require(bufferSize >= 0, "fapilog.file.buffer-size", bufferSize, "a size >= 0");
        InvalidSettingException.require(totalSizeCap >= 0, "fapilog.file.total-size-cap", totalSizeCap, "a size >= 0");
    }
}

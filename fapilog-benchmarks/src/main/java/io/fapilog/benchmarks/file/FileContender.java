package io.fapilog.benchmarks.file;

import java.nio.file.Path;

/**
 * One logging stack of {@link FileThroughput} at its usual production configuration, writing JSON
 * lines to standard output or to a rolling file.
 *
 * <p>The rolling file is configured alike for every contender: roll at {@link #rollAtBytes()} and
 * at midnight, keep every rolled file (so that the lines can be counted afterwards), no compression
 * (so that the figure is the writing, not gzip on two cores).
 */
interface FileContender {

    /**
     * Roll the active file once it passes this size: 100 MiB, or the system property
     * {@code file.rollAtBytes} (a small value tests the rolling).
     */
    static long rollAtBytes() {
        return Long.getLong("file.rollAtBytes", 100L * 1024 * 1024);
    }

    /** Rolled files kept: more than a run writes, so that no line is deleted before it is counted. */
    int KEEP_ROLLED_FILES = 1_000;

    /** The active file's name in the contender's directory; rolled files are written beside it. */
    String FILE_NAME = "app.log";

    /** Builds and starts the stack; with {@link Target#FILE} it writes into {@code directory}. */
    void start(Target target, Path directory) throws Exception;

    /** Logs event number {@code seq}: {@code BenchEvent.MESSAGE} with its three fields. Called by many threads. */
    void log(long seq);

    /** Stops the stack once everything logged is written or dropped; returns the events it dropped (and counted). */
    long stopAndDrain() throws Exception;
}

package io.fapilog.benchmarks.file;

import java.util.Locale;

/** Where a contender writes its JSON lines in {@link FileThroughput}. */
public enum Target {
    /** Standard output, which the caller redirects to a file. */
    STDOUT,
    /** A size- and date-rolling file in a directory of its own. */
    FILE;

    static Target parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}

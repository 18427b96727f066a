package io.fapilog.spring.autoconfigure;

import io.fapilog.config.InvalidSettingException;
import io.fapilog.config.RotatingFileSettings;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static io.fapilog.spring.autoconfigure.BootLoggingProperties.LOG4J2_POLICY;
import static io.fapilog.spring.autoconfigure.BootLoggingProperties.LOGBACK_POLICY;

/**
 * Spring Boot's log file ({@code logging.file.*}) and rolling policy ({@code logging.logback.rollingpolicy.*},
 * else {@code logging.log4j2.rollingpolicy.*}) as the rotating-file settings {@code fapilog.file.*} leaves
 * unset, each read with the key it came from.
 *
 * <p>The settings are checked by fapilog's core, which names the {@code fapilog.file.*} property it
 * checks. A value the user set as {@code logging.logback.rollingpolicy.max-history} must be reported
 * under that key, not under a {@code fapilog.*} property the user never set:
 * {@link #reportedUnderKeySet(InvalidSettingException)} does the renaming.
 */
final class BootLogFile {

    /**
     * Spring Boot's default {@code max-file-size} for Logback and Log4j2 alike: the file Boot would
     * have written rolls where Boot would have rolled it (fapilog's own default is 100 MB). Boot's other
     * defaults (7, no size cap, daily, gzip) are fapilog's; its {@code max-history} counts days, not files.
     */
    static final long BOOT_MAX_FILE_SIZE = 10L * 1024 * 1024;

    /** {@code fapilog.file.*} property → the {@code logging.*} key its value was read from. */
    private final Map<String, String> keys = new HashMap<>();

    private final Path path;
    private final DataSize maxFileSize;
    private final Integer maxHistory;
    private final DataSize totalSizeCap;
    private final Boolean cleanHistoryOnStart;

    private BootLogFile(FapilogProperties.File own, Environment environment, Path path) {
        Binder binder = Binder.get(environment);
        String name = environment.getProperty("logging.file.name");
        this.keys.put("fapilog.file.path", name != null && !name.isBlank() ? "logging.file.name" : "logging.file.path");
        this.path = path;
        this.maxFileSize = read("fapilog.file.max-file-size", own.getMaxFileSize(), binder, DataSize.class,
                LOGBACK_POLICY + "max-file-size", LOG4J2_POLICY + "max-file-size");
        this.maxHistory = read("fapilog.file.max-history", own.getMaxHistory(), binder, Integer.class,
                LOGBACK_POLICY + "max-history", LOG4J2_POLICY + "max-history");
        this.totalSizeCap = read("fapilog.file.total-size-cap", own.getTotalSizeCap(), binder, DataSize.class,
                LOGBACK_POLICY + "total-size-cap");
        this.cleanHistoryOnStart = read("fapilog.file.clean-history-on-start", own.getCleanHistoryOnStart(), binder,
                Boolean.class, LOGBACK_POLICY + "clean-history-on-start");
    }

    /**
     * Boot's log file with the {@code fapilog.file.*} settings {@code own} sets, or null when
     * {@code fapilog.file.path} is set or {@code logging.file.*} names no file.
     */
    static BootLogFile of(FapilogProperties.File own, Environment environment) {
        Path path = BootLoggingProperties.logFile(environment);
        return own.getPath() == null && path != null ? new BootLogFile(own, environment, path) : null;
    }

    /** {@code own} when set, else the first of {@code bootKeys} that is set (remembered as the key of {@code property}). */
    private <T> T read(String property, T own, Binder binder, Class<T> type, String... bootKeys) {
        if (own != null) {
            return own;
        }
        for (String key : bootKeys) {
            BindResult<T> bound = binder.bind(key, type);
            if (bound.isBound()) {
                keys.put(property, key);
                return bound.get();
            }
        }
        return null;
    }

    Path path() {
        return path;
    }

    /**
     * The rotating-file settings: each from {@code fapilog.file.*} when set, else from Boot's properties,
     * else fapilog's default.
     *
     * @param gzip compress rolled files, or null for {@code fapilog.file.gzip} or its default
     * @throws InvalidSettingException naming the property the user set when a value is rejected
     */
    RotatingFileSettings settings(FapilogProperties.File own, Boolean gzip) {
        RotatingFileSettings defaults = RotatingFileSettings.defaults();
        try {
            return new RotatingFileSettings(path,
                    maxFileSize != null ? maxFileSize.toBytes() : BOOT_MAX_FILE_SIZE,
                    own.getRotateDaily() != null ? own.getRotateDaily() : defaults.rotateDaily(),
                    maxHistory != null ? maxHistory : defaults.maxHistory(),
                    own.getGzip() != null ? own.getGzip() : gzip != null ? gzip : defaults.gzip(),
                    defaults.bufferSize(),
                    totalSizeCap != null ? totalSizeCap.toBytes() : defaults.totalSizeCap(),
                    cleanHistoryOnStart != null ? cleanHistoryOnStart : defaults.cleanHistoryOnStart(),
                    own.getMaxHistory() == null); // Boot's max-history (its default 7 too) counts days, as Logback's does
        } catch (InvalidSettingException invalid) {
            throw reportedUnderKeySet(invalid);
        }
    }

    /**
     * {@code invalid} as the user should read it: under the {@code logging.*} key the rejected value was
     * read from, with the same value and allowed values; {@code invalid} itself when it names a
     * {@code fapilog.*} property the user set (or another property).
     */
    InvalidSettingException reportedUnderKeySet(InvalidSettingException invalid) {
        String key = keys.get(invalid.property());
        if (key == null) {
            return invalid;
        }
        if (key.equals("logging.file.path") && invalid.getCause() != null) { // the file is Boot's spring.log in it
            Throwable cause = invalid.getCause();
            return new InvalidSettingException(key, path.getParent(), "a directory in which " + path.getFileName()
                    + " can be created and written (" + (cause.getMessage() != null ? cause.getMessage() : cause) + ")", cause);
        }
        return new InvalidSettingException(key, invalid.value(), invalid.allowed(), invalid.getCause());
    }
}

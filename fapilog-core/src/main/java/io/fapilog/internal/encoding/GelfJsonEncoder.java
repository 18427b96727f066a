package io.fapilog.internal.encoding;

import io.fapilog.Level;
import io.fapilog.config.EncodingLimits;
import io.fapilog.internal.event.ThrowableCopy;
import io.fapilog.spi.FieldsView;
import io.fapilog.spi.LogEventView;

import java.nio.CharBuffer;

/**
 * The {@link io.fapilog.config.Format#GELF} layout, Graylog Extended Log Format 1.1 as Spring Boot
 * writes it: {@code version}, {@code short_message}, {@code timestamp} (seconds), {@code level}
 * (syslog), {@code _level_name}, {@code host} (configured, else the service name, else the host name),
 * {@code _process_pid}, {@code _process_thread_name}, {@code _host_hostname}, {@code _service_version} (configured, else the service version),
 * {@code _service_environment}, {@code _log_logger}, every diagnostics, context and data member as
 * {@code _<name>} (characters outside {@code [A-Za-z0-9_.-]} become {@code _}), and for a failure
 * {@code full_message}, {@code _error_type}, {@code _error_message}, {@code _error_stack_trace}.
 * A name already written, GELF's forbidden {@code _id}, and one that Graylog would drop (its own fields
 * once it strips the underscore: {@code _message}, {@code _level}, {@code __id}) get one more leading underscore.
 */
final class GelfJsonEncoder extends JsonEncoder {

    private static final byte[] VERSION = JsonBuffer.encodeName("version");
    private static final byte[] SHORT_MESSAGE = JsonBuffer.encodeName("short_message");
    private static final String BLANK_MESSAGE = "(blank)";
    private static final byte[] FULL_MESSAGE = JsonBuffer.encodeName("full_message");
    private static final byte[] TIMESTAMP = JsonBuffer.encodeName("timestamp");
    private static final byte[] LEVEL = JsonBuffer.encodeName("level");
    private static final byte[] LEVEL_NAME = JsonBuffer.encodeName("_level_name");
    private static final byte[] HOST = JsonBuffer.encodeName("host");
    private static final byte[] LOGGER = JsonBuffer.encodeName("_log_logger");
    private static final byte[] ERROR_TYPE = JsonBuffer.encodeName("_error_type");
    private static final byte[] ERROR_MESSAGE = JsonBuffer.encodeName("_error_message");
    private static final byte[] ERROR_STACK_TRACE = JsonBuffer.encodeName("_error_stack_trace");

    /**
     * The layout's names, GELF's forbidden {@code _id}, and the additional fields Graylog drops without a
     * word: it strips one leading underscore, then skips a name its message has already (message,
     * source, timestamp, level, facility, file, line, full_message) or reserves ({@code _id}, Elasticsearch's
     * {@code _source}, {@code _index}...), so a user's {@code id} or {@code message} never showed.
     */
    private final NameSet names = new NameSet("version", "short_message", "full_message", "timestamp", "level",
            "_level_name", "host", "_log_logger", "_error_type", "_error_message", "_error_stack_trace", "_id",
            "_message", "_source", "_timestamp", "_level", "_facility", "_file", "_line", "_full_message",
            "_short_message", "_host", "_streams", "__id", "__ttl", "__source", "__all", "__index", "__type", "__score");
    private final StringBuilder scratch = new StringBuilder();
    private final String host;
    private final String serviceVersion;

    GelfJsonEncoder(EncodingLimits limits) {
        this(limits, null, null);
    }

    /**
     * @param host {@code host}, or null for the service name
     * @param serviceVersion {@code _service_version}, or null for the service version
     */
    GelfJsonEncoder(EncodingLimits limits, String host, String serviceVersion) {
        super(limits);
        this.host = host;
        this.serviceVersion = serviceVersion;
        writer.moreName("_more"); // an additional field: "_" and [\w.-] only
    }

    /** Syslog severity. */
    static int syslogLevel(Level level) {
        return switch (level) {
            case TRACE, DEBUG -> 7;
            case INFO -> 6;
            case AUDIT -> 5;
            case WARN -> 4;
            case ERROR -> 3;
            case CRITICAL, SECURITY -> 2;
        };
    }

    /** Graylog refuses a missing or blank {@code short_message}; Spring Boot writes {@code (blank)} then, and so does this. */
    private static String shortMessage(String message) {
        return message == null || message.isBlank() ? BLANK_MESSAGE : message;
    }

    @Override
    protected void writeHeader(LogEventView event) {
        string(VERSION, "1.1");
        string(SHORT_MESSAGE, shortMessage(event.message()));
        json.name(TIMESTAMP);
        if (micros()) {
            long epochMicros = event.timestampMicros();
            json.number(Math.floorDiv(epochMicros, 1_000_000));
            json.raw((byte) '.');
            json.digits((int) Math.floorMod(epochMicros, 1_000_000), 6);
        } else {
            long millis = event.timestampMillis();
            json.number(Math.floorDiv(millis, 1000));
            json.raw((byte) '.');
            json.digits((int) Math.floorMod(millis, 1000), 3);
        }
        if (event.level() != null) {
            json.name(LEVEL);
            json.number(syslogLevel(event.level()));
        }
        level(LEVEL_NAME, event.level());
    }

    @Override
    protected void writeMembers(LogEventView event) {
        names.clear();
        FieldsView data = event.data(); // first: normalizing the arguments may add a diagnostic
        FieldsView diagnostics = event.diagnostics();
        writeHeader(event);
        Object host = firstNonBlank(this.host, find(diagnostics, "service"), find(diagnostics, "host"));
        json.name(HOST);
        writer.value(host != null ? host : "unknown"); // Graylog refuses a missing or blank host
        if (serviceVersion != null) {
            additional("service_version", serviceVersion);
        }
        if (event.threadName() != null) {
            writer.member("_process_thread_name", event.threadName(), names);
        }
        string(LOGGER, event.loggerName());
        if (!event.tags().isEmpty()) {
            // GELF additional fields are flat strings or numbers: the tags as one comma-separated string.
            writer.member("_tags", String.join(",", event.tags()), names);
        }
        for (int i = 0, n = diagnostics.size(); i < n; i++) {
            String key = String.valueOf(diagnostics.key(i));
            switch (key) {
                case "service" -> { }
                case "version" -> {
                    if (serviceVersion == null) {
                        additional("service_version", diagnostics.value(i));
                    }
                }
                case "env" -> additional("service_environment", diagnostics.value(i));
                case "pid" -> additional("process_pid", diagnostics.value(i));
                case "host" -> additional("host_hostname", diagnostics.value(i)); // _host: Graylog takes it for its host
                case "thread" -> {
                    if (event.threadName() == null) {
                        additional("process_thread_name", diagnostics.value(i));
                    }
                }
                default -> additional(key, diagnostics.value(i));
            }
        }
        members(event.context(), true);
        members(data, false);
        Throwable exception = event.throwable();
        if (exception != null) {
            // The trace is written twice, so each copy gets half what the line has left, as ECS's one
            // copy gets it all: cut at the longest string instead, a three-level trace lost its root cause.
            scratch.setLength(0);
            scratch.append(shortMessage(event.message())).append("\n\n");
            int traceStart = scratch.length();
            writer.renderStackTrace(exception, scratch);
            int each = Math.max(1024, writer.remainingChars() / 2);
            json.name(FULL_MESSAGE);
            json.string(scratch, each);
            string(ERROR_TYPE, ThrowableCopy.typeName(exception));
            String message = Failures.message(exception);
            if (message != null) {
                string(ERROR_MESSAGE, message);
            }
            json.name(ERROR_STACK_TRACE);
            json.string(CharBuffer.wrap(scratch, traceStart, scratch.length()), each);
            if (scratch.capacity() > 16_384) {
                scratch.setLength(0);
                scratch.trimToSize();
            }
        }
    }

    /** Context members with the trace ids under Spring's names ({@link TraceIdNames}), as Spring Boot's GELF writes them. */
    private void members(FieldsView fields, boolean context) {
        for (int i = 0, n = fields.size(); i < n; i++) {
            String key = String.valueOf(fields.key(i));
            additional(context ? TraceIdNames.springName(key) : key, fields.value(i));
        }
    }

    private void additional(String key, Object value) {
        writer.memberRenamed(name(key), 0, value, names);
    }

    /**
     * {@code _} and the key as GELF takes names, {@code [\w.-]}: cut without the marker the layouts
     * cut names with, whose {@code …[ ]} it does not take, and short enough that the underscores a
     * clash adds do not cut it again.
     */
    private String name(String key) {
        String name = "_" + sanitize(key);
        int most = Math.max(1, limits.maxStringLength() - 8);
        return name.length() > most ? name.substring(0, most) : name;
    }

    private static Object firstNonBlank(Object... candidates) {
        for (Object candidate : candidates) {
            if (candidate != null && !String.valueOf(candidate).isBlank()) {
                return candidate;
            }
        }
        return null;
    }

    static String sanitize(String key) {
        StringBuilder out = null;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-';
            if (!valid) {
                if (out == null) {
                    out = new StringBuilder(key);
                }
                out.setCharAt(i, '_');
            }
        }
        return out == null ? key : out.toString();
    }

    private static Object find(FieldsView fields, String key) {
        for (int i = 0, n = fields.size(); i < n; i++) {
            if (key.equals(fields.key(i))) {
                return fields.value(i);
            }
        }
        return null;
    }
}

package io.fapilog.internal.encoding;

import io.fapilog.spi.FieldsView;
import io.fapilog.spi.LogEventView;
import io.fapilog.config.EncodingLimits;
import io.fapilog.Level;
import io.fapilog.internal.pipeline.enrichers.ThreadEnricher;

/**
 * The {@link Format#LOGSTASH} layout, logstash-logback-encoder's default: {@code @timestamp},
 * {@code @version}, {@code message}, {@code logger_name}, {@code thread_name}, {@code level},
 * {@code level_value}, {@code stack_trace}, then the diagnostics, context and data members at the
 * top level. The thread is written once, as {@code thread_name}: the event's thread, else the thread
 * enricher's {@code thread} diagnostic, which is then not repeated. A member whose name is already written gets one more leading underscore
 * ({@code message} becomes {@code _message}), so no field is dropped; so does one that Elasticsearch
 * would refuse beside the others ({@link ElasticsearchPaths}: {@code service.name} beside the
 * {@code service} diagnostic, a metadata field's name as {@code _id}), which would have the whole
 * document refused.
 */
final class LogstashJsonEncoder extends JsonEncoder {

    private static final byte[] TIMESTAMP = JsonBuffer.encodeName("@timestamp");
    private static final byte[] VERSION = JsonBuffer.encodeName("@version");
    private static final byte[] MESSAGE = JsonBuffer.encodeName("message");
    private static final byte[] TAGS = JsonBuffer.encodeName("tags");
    private static final byte[] LOGGER = JsonBuffer.encodeName("logger_name");
    private static final byte[] THREAD = JsonBuffer.encodeName("thread_name");
    private static final byte[] LEVEL = JsonBuffer.encodeName("level");
    private static final byte[] LEVEL_VALUE = JsonBuffer.encodeName("level_value");
    private static final byte[] STACK_TRACE = JsonBuffer.encodeName("stack_trace");

    private final NameSet names = new NameSet("@timestamp", "@version", "message", "logger_name", "thread_name",
            "level", "level_value", "stack_trace");

    LogstashJsonEncoder(EncodingLimits limits) {
        super(limits);
    }

    /** Logback's numeric level; levels above ERROR share 50000. */
    static int levelValue(Level level) {
        return switch (level) {
            case TRACE -> 5000;
            case DEBUG -> 10000;
            case INFO -> 20000;
            case WARN -> 30000;
            case ERROR -> 40000;
            case CRITICAL, AUDIT, SECURITY -> 50000;
        };
    }

    @Override
    protected void writeHeader(LogEventView event) {
        timestamp(TIMESTAMP, event);
        string(VERSION, "1");
        string(MESSAGE, event.message());
        string(LOGGER, event.loggerName());
        Object thread = event.threadName() != null ? event.threadName() : threadDiagnostic(event.diagnostics());
        string(THREAD, thread == null ? null : String.valueOf(thread));
        level(LEVEL, event.level());
        if (event.level() != null) {
            json.name(LEVEL_VALUE);
            json.number(levelValue(event.level()));
        }
    }

    @Override
    protected void writeMembers(LogEventView event) {
        names.clear();
        paths.clear();
        FieldsView data = event.data(); // first: normalizing the arguments may add a diagnostic
        writeHeader(event);
        if (!event.tags().isEmpty()) {
            names.add("tags");
            tags(TAGS, event.tags());
        }
        if (event.throwable() != null) {
            json.name(STACK_TRACE);
            writer.stackTrace(event.throwable());
        }
        members(event.diagnostics(), Section.DIAGNOSTICS);
        members(event.context(), Section.CONTEXT);
        members(data, Section.DATA);
    }

    /** The layout's own members, which a dotted user name must not enter ({@code message.x}), {@code tags} too. */
    private final ElasticsearchPaths paths = new ElasticsearchPaths(names, java.util.Set.of("tags"));
    private final java.util.function.Predicate<String> fitsPath = paths::fits;

    /**
     * A name Elasticsearch takes for {@code name}, which it would refuse beside the others: a blank part
     * between dots made an underscore ({@code a..b} becomes {@code a__b}), then one more leading
     * underscore while it meets a value or an object already written ({@code service.name} beside the
     * {@code service} diagnostic becomes {@code _service.name}; {@code _id} becomes {@code __id}).
     */
    private String fitting(String name) {
        String candidate = ElasticsearchPaths.hasBlankSegment(name) ? name.replace('.', '_') : name;
        for (int renames = 0; renames < SafeJsonWriter.MAX_RENAMES && !paths.fits(candidate); renames++) {
            candidate = "_" + candidate;
        }
        return candidate;
    }

    private static Object threadDiagnostic(FieldsView diagnostics) {
        for (int i = 0, n = diagnostics.size(); i < n; i++) {
            if (ThreadEnricher.THREAD_KEY.equals(diagnostics.key(i))) {
                return diagnostics.value(i);
            }
        }
        return null;
    }

    private enum Section { DIAGNOSTICS, CONTEXT, DATA }

    private void members(FieldsView fields, Section section) {
        for (int i = 0, n = fields.size(); i < n; i++) {
            String key = String.valueOf(fields.key(i));
            if (section == Section.DIAGNOSTICS && key.equals(ThreadEnricher.THREAD_KEY)) {
                continue; // written as thread_name
            }
            String name = section == Section.CONTEXT ? TraceIdNames.springName(key) : key;
            int dot = name.indexOf('.');
            String written = writer.memberRenamed(paths.fits(name, dot) ? name : fitting(name), 0, fields.value(i), names,
                    fitsPath); // taken by the layout or an earlier member: "_" + key, as long as Elasticsearch takes it
            if (written != null && (dot >= 0 || written != name)) { // a name without a dot makes no object
                paths.add(written);
            }
        }
    }
}

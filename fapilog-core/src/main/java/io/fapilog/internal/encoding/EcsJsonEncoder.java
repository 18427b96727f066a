package io.fapilog.internal.encoding;

import io.fapilog.internal.event.RedactedThrowable;

import io.fapilog.spi.FieldsView;
import io.fapilog.spi.LogEventView;
import io.fapilog.config.EncodingLimits;

/**
 * The {@link Format#ECS} layout, flat dotted names as ecs-logging-java writes them:
 * {@code @timestamp}, {@code log.level}, {@code message}, {@code ecs.version}, {@code log.logger},
 * {@code process.thread.name}, the runtime diagnostics under their ECS names ({@code service.name},
 * {@code host.hostname}…), {@code trace.id} and {@code span.id}, {@code error.*}, then the other
 * diagnostics, context and data members. A name already written is retried as
 * {@code labels.<name>}, else skipped.
 */
final class EcsJsonEncoder extends JsonEncoder {

    static final String ECS_VERSION = "8.11";

    private static final byte[] TIMESTAMP = JsonBuffer.encodeName("@timestamp");
    private static final byte[] LEVEL = JsonBuffer.encodeName("log.level");
    private static final byte[] MESSAGE = JsonBuffer.encodeName("message");
    private static final byte[] VERSION = JsonBuffer.encodeName("ecs.version");
    private static final byte[] TAGS = JsonBuffer.encodeName("tags");
    private static final byte[] LOGGER = JsonBuffer.encodeName("log.logger");
    private static final byte[] ERROR_TYPE = JsonBuffer.encodeName("error.type");
    private static final byte[] ERROR_MESSAGE = JsonBuffer.encodeName("error.message");
    private static final byte[] ERROR_STACK_TRACE = JsonBuffer.encodeName("error.stack_trace");
    private static final String THREAD_NAME = "process.thread.name";

    private final NameSet names = new NameSet("@timestamp", "log.level", "message", "ecs.version", "log.logger",
            "error.type", "error.message", "error.stack_trace");

    EcsJsonEncoder(EncodingLimits limits) {
        super(limits);
    }

    @Override
    protected void writeHeader(LogEventView event) {
        timestamp(TIMESTAMP, event.timestampMillis());
        level(LEVEL, event.level());
        string(MESSAGE, event.message());
        string(VERSION, ECS_VERSION);
        string(LOGGER, event.loggerName());
    }

    @Override
    protected void writeMembers(LogEventView event) {
        names.clear();
        FieldsView data = event.data(); // first: normalizing the arguments may add a diagnostic
        writeHeader(event);
        if (!event.tags().isEmpty()) {
            names.add("tags");
            tags(TAGS, event.tags());
        }
        if (event.threadName() != null) {
            writer.member(THREAD_NAME, event.threadName(), names);
        }
        FieldsView diagnostics = event.diagnostics();
        FieldsView context = event.context();
        mapped(diagnostics, Source.DIAGNOSTICS);
        mapped(context, Source.CONTEXT);
        Throwable exception = event.throwable();
        if (exception != null) {
            string(ERROR_TYPE, RedactedThrowable.typeName(exception));
            String message = StackTraces.message(exception);
            if (message != null) {
                string(ERROR_MESSAGE, message);
            }
            json.name(ERROR_STACK_TRACE);
            writer.stackTrace(exception);
        }
        unmapped(diagnostics, Source.DIAGNOSTICS);
        unmapped(context, Source.CONTEXT);
        unmapped(data, Source.DATA);
    }

    /** Where a member comes from: each has its own well-known keys. */
    enum Source { DIAGNOSTICS, CONTEXT, DATA }

    /** Writes the well-known keys under their ECS names; one already written is skipped, not duplicated. */
    private void mapped(FieldsView fields, Source source) {
        for (int i = 0, n = fields.size(); i < n; i++) {
            String name = ecsName(fields.key(i), source);
            if (name != null) {
                writer.member(name, fields.value(i), names);
            }
        }
    }

    /** Writes the other keys as they are, or as {@code labels.<key>} when the name is taken. */
    private void unmapped(FieldsView fields, Source source) {
        for (int i = 0, n = fields.size(); i < n; i++) {
            String key = String.valueOf(fields.key(i));
            if (ecsName(key, source) == null) {
                Object value = fields.value(i);
                if (!writer.member(key, value, names)) {
                    writer.member("labels." + key, value, names);
                }
            }
        }
    }

    /** The ECS name of a well-known key, or null. */
    static String ecsName(String key, Source source) {
        if (key == null) {
            return null;
        }
        return switch (source) {
            case DIAGNOSTICS -> switch (key) {
                case "service" -> "service.name";
                case "env" -> "service.environment";
                case "version" -> "service.version";
                case "host" -> "host.hostname";
                case "pid" -> "process.pid";
                case "thread" -> THREAD_NAME;
                default -> null;
            };
            case CONTEXT -> switch (key) {
                case "trace_id" -> "trace.id";
                case "span_id" -> "span.id";
                default -> null;
            };
            case DATA -> null;
        };
    }
}

package io.fapilog.internal.encoding;

import io.fapilog.Level;
import io.fapilog.config.Format;
import io.fapilog.config.StructuredJson.ContextMembers;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Encoder;
import io.fapilog.spi.FieldsView;
import io.fapilog.spi.LogEventView;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands another encoder each event with its context members dropped or renamed, as Spring Boot's
 * {@code logging.structured.json.context.include} and {@code .prefix} do: the prefix is joined to
 * each name with {@code .} in {@code ecs}, {@code _} in {@code logstash}, and as is in {@code gelf}
 * (whose own leading {@code _} is then not doubled). The {@code fapilog} layout nests context under
 * {@code context}: only {@code include} applies to it. One instance per worker thread.
 */
final class ContextAdjustingEncoder implements Encoder {

    /** Prefixed names kept per encoder; names past this many are joined on each use. */
    private static final int NAME_CACHE_SIZE = 1024;

    private final Encoder layout;
    private final boolean include;
    private final String prefix;
    private final String delimiter;
    /** Whether the layout writes the trace ids under Spring's names: they are joined to the prefix so. */
    private final boolean springTraceNames;
    private final Map<String, String> joined = new HashMap<>();
    private final AdjustedEvent view = new AdjustedEvent();
    private final PrefixedFields prefixed = new PrefixedFields();

    ContextAdjustingEncoder(Encoder layout, ContextMembers context, Format format) {
        this.layout = layout;
        this.include = context.include();
        this.prefix = format == Format.FAPILOG ? null : context.prefix();
        this.delimiter = switch (format) {
            case ECS -> ".";
            case LOGSTASH -> "_";
            case GELF, FAPILOG -> "";
        };
        this.springTraceNames = format == Format.LOGSTASH || format == Format.GELF;
    }

    /** Whether {@code context} changes anything in {@code format}. */
    static boolean adjusts(ContextMembers context, Format format) {
        return !context.include() || (context.prefix() != null && format != Format.FAPILOG);
    }

    @Override
    public void encode(LogEventView event, EncodedBatch out) {
        view.event = event;
        try {
            layout.encode(view, out);
        } finally {
            view.event = null;
            prefixed.fields = null;
        }
    }

    /** Boot's joiner: the delimiter goes between unless the prefix ends, or the name starts, with it. */
    String join(String key) {
        String result = joined.get(key);
        if (result == null) {
            String name = springTraceNames ? TraceIdNames.springName(key) : key;
            StringBuilder builder = new StringBuilder(prefix.length() + delimiter.length() + name.length()).append(prefix);
            if (!delimiter.isEmpty() && !prefix.endsWith(delimiter) && !name.startsWith(delimiter)) {
                builder.append(delimiter);
            }
            builder.append(name);
            result = builder.toString();
            if (delimiter.isEmpty() && result.startsWith("_")) {
                result = result.substring(1); // GELF: the layout puts the one leading underscore back
            }
            if (joined.size() < NAME_CACHE_SIZE) {
                joined.put(key, result);
            }
        }
        return result;
    }

    private final class AdjustedEvent implements LogEventView {

        LogEventView event;

        @Override
        public long timestampMillis() {
            return event.timestampMillis();
        }

        @Override
        public long timestampMicros() {
            return event.timestampMicros();
        }

        @Override
        public Level level() {
            return event.level();
        }

        @Override
        public String loggerName() {
            return event.loggerName();
        }

        @Override
        public String message() {
            return event.message();
        }

        @Override
        public Throwable throwable() {
            return event.throwable();
        }

        @Override
        public String threadName() {
            return event.threadName();
        }

        @Override
        public FieldsView context() {
            if (!include) {
                return NoFields.INSTANCE;
            }
            FieldsView context = event.context();
            if (prefix == null || context.isEmpty()) {
                return context;
            }
            prefixed.fields = context;
            return prefixed;
        }

        @Override
        public FieldsView diagnostics() {
            return event.diagnostics();
        }

        @Override
        public FieldsView data() {
            return event.data();
        }

        @Override
        public List<String> tags() {
            return event.tags();
        }
    }

    /** The context with each name prefixed. */
    private final class PrefixedFields implements FieldsView {

        FieldsView fields;

        @Override
        public int size() {
            return fields.size();
        }

        @Override
        public String key(int index) {
            return join(fields.key(index));
        }

        @Override
        public Object value(int index) {
            return fields.value(index);
        }
    }

    /** No context members. */
    private enum NoFields implements FieldsView {
        INSTANCE;

        @Override
        public int size() {
            return 0;
        }

        @Override
        public String key(int index) {
            throw new IndexOutOfBoundsException(index);
        }

        @Override
        public Object value(int index) {
            throw new IndexOutOfBoundsException(index);
        }
    }
}

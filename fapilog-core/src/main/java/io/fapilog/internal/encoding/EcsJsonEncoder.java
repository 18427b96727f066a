package io.fapilog.internal.encoding;

import io.fapilog.config.EncodingLimits;
import io.fapilog.internal.event.ThrowableCopy;
import io.fapilog.spi.FieldsView;
import io.fapilog.spi.LogEventView;

/**
 * The {@link io.fapilog.config.Format#ECS} layout, nested as Spring Boot (3.5+) writes it:
 * {@code @timestamp}, {@code log.level}, {@code log.logger}, {@code process.pid},
 * {@code process.thread.name}, {@code service.name|version|environment|node.name}, {@code message},
 * {@code host.hostname}, {@code trace.id}, {@code span.id}, the other diagnostics, context and data
 * members at the top level, {@code error.type|message|stack_trace}, {@code ecs.version} and
 * {@code event.dataset} ({@code <service.name>.log} unless configured). A user member whose name
 * the layout already wrote, or a dotted name inside one of its objects ({@code log.level}), is
 * written as {@code labels.<name>}.
 */
final class EcsJsonEncoder extends JsonEncoder {

    static final String ECS_VERSION = "8.11";

    /** Where a field whose name the layout takes is written, then with an underscore after it. */
    private static final String LABELS = "labels.";
    private static final byte[] TIMESTAMP = JsonBuffer.encodeName("@timestamp");
    private static final byte[] LOG = JsonBuffer.encodeName("log");
    private static final byte[] LEVEL = JsonBuffer.encodeName("level");
    private static final byte[] LOGGER = JsonBuffer.encodeName("logger");
    private static final byte[] MESSAGE = JsonBuffer.encodeName("message");
    private static final byte[] PROCESS = JsonBuffer.encodeName("process");
    private static final byte[] PID = JsonBuffer.encodeName("pid");
    private static final byte[] THREAD = JsonBuffer.encodeName("thread");
    private static final byte[] NAME = JsonBuffer.encodeName("name");
    private static final byte[] SERVICE = JsonBuffer.encodeName("service");
    private static final byte[] VERSION = JsonBuffer.encodeName("version");
    private static final byte[] ENVIRONMENT = JsonBuffer.encodeName("environment");
    private static final byte[] NODE = JsonBuffer.encodeName("node");
    private static final byte[] HOST = JsonBuffer.encodeName("host");
    private static final byte[] HOSTNAME = JsonBuffer.encodeName("hostname");
    private static final byte[] TRACE = JsonBuffer.encodeName("trace");
    private static final byte[] SPAN = JsonBuffer.encodeName("span");
    private static final byte[] ID = JsonBuffer.encodeName("id");
    private static final byte[] ERROR = JsonBuffer.encodeName("error");
    private static final byte[] TYPE = JsonBuffer.encodeName("type");
    private static final byte[] STACK_TRACE = JsonBuffer.encodeName("stack_trace");
    private static final byte[] ECS = JsonBuffer.encodeName("ecs");
    private static final byte[] EVENT = JsonBuffer.encodeName("event");
    private static final byte[] DATASET = JsonBuffer.encodeName("dataset");
    private static final byte[] TAGS = JsonBuffer.encodeName("tags");
    private static final byte[] ECS_VERSION_MEMBER = JsonBuffer.encodeMember(EncodingLimits.DEFAULT, ECS, VERSION,
            ECS_VERSION);

    /** The top-level names of the layout itself. */
    private final NameSet names = new NameSet("@timestamp", "log", "process", "service", "message", "host", "trace",
            "span", "error", "ecs", "event", "labels");
    private final String nodeName;
    /** {@code "event":{"dataset":...}} when the dataset is configured, else null (it follows the service). */
    private final byte[] datasetMember;
    private final Mapped mapped = new Mapped();
    private String lastService;
    private String lastDataset;

    EcsJsonEncoder(EncodingLimits limits) {
        this(limits, null, null);
    }

    EcsJsonEncoder(EncodingLimits limits, String nodeName, String dataset) {
        super(limits);
        this.nodeName = nodeName;
        this.datasetMember = dataset == null ? null : JsonBuffer.encodeMember(limits, EVENT, DATASET, dataset);
    }

    @Override
    protected void writeHeader(LogEventView event) {
        timestampAndLog(event);
        string(MESSAGE, event.message());
    }

    /** {@code @timestamp} and the {@code log} object (level and logger). */
    private void timestampAndLog(LogEventView event) {
        timestamp(TIMESTAMP, event);
        json.name(LOG);
        json.beginObject();
        level(LEVEL, event.level());
        string(LOGGER, event.loggerName());
        json.endObject();
    }

    @Override
    protected void writeMembers(LogEventView event) {
        names.clear();
        paths.clear();
        FieldsView data = event.data(); // first: normalizing the arguments may add a diagnostic
        FieldsView diagnostics = event.diagnostics();
        FieldsView context = event.context();
        timestampAndLog(event);

        Mapped mapped = this.mapped.of(diagnostics);
        Object thread = event.threadName() != null ? event.threadName() : mapped.thread;
        if (mapped.pid != null || thread != null) {
            json.name(PROCESS);
            json.beginObject();
            optional(PID, mapped.pid);
            if (thread != null) {
                json.name(THREAD);
                json.beginObject();
                optional(NAME, thread);
                json.endObject();
            }
            json.endObject();
        }
        Object service = mapped.service;
        if (service != null || mapped.version != null || mapped.environment != null || nodeName != null) {
            json.name(SERVICE);
            json.beginObject();
            optional(NAME, service);
            optional(VERSION, mapped.version);
            optional(ENVIRONMENT, mapped.environment);
            if (nodeName != null) {
                json.name(NODE);
                json.beginObject();
                optional(NAME, nodeName);
                json.endObject();
            }
            json.endObject();
        }
        string(MESSAGE, event.message());
        if (!event.tags().isEmpty()) {
            names.add("tags");
            tags(TAGS, event.tags());
        }
        group(HOST, HOSTNAME, mapped.host);
        if (!context.isEmpty()) {
            group(TRACE, ID, find(context, "trace_id"));
            group(SPAN, ID, find(context, "span_id"));
        }

        unmapped(diagnostics, Source.DIAGNOSTICS);
        unmapped(context, Source.CONTEXT);
        unmapped(data, Source.DATA);

        Throwable exception = event.throwable();
        if (exception != null) {
            json.name(ERROR);
            json.beginObject();
            string(TYPE, ThrowableCopy.typeName(exception));
            String message = Failures.message(exception);
            if (message != null) {
                string(MESSAGE, message);
            }
            json.name(STACK_TRACE);
            writer.stackTrace(exception);
            json.endObject();
        }
        json.member(ECS_VERSION_MEMBER);
        if (datasetMember != null) {
            json.member(datasetMember);
        } else if (service != null) {
            group(EVENT, DATASET, datasetOf(service));
        }
        mapped.forget();
    }

    /** {@code <service>.log}, made again only when the service name changes (it is the same on every event). */
    private String datasetOf(Object service) {
        if (!(service instanceof String name)) {
            return service + ".log";  // a value that may change in place: its text now
        }
        if (!name.equals(lastService)) {
            lastDataset = name + ".log";
            lastService = name;
        }
        return lastDataset;
    }

    private void optional(byte[] name, Object value) {
        if (value != null) {
            json.name(name);
            writer.value(value);
        }
    }

    /** {@code "outer":{"inner":value}}, or nothing when the value is null. */
    private void group(byte[] outer, byte[] inner, Object value) {
        if (value != null) {
            json.name(outer);
            json.beginObject();
            json.name(inner);
            writer.value(value);
            json.endObject();
        }
    }

    private static Object find(FieldsView fields, String key) {
        for (int i = 0, n = fields.size(); i < n; i++) {
            if (key.equals(fields.key(i))) {
                return fields.value(i);
            }
        }
        return null;
    }

    /**
     * The diagnostics the layout writes under names of its own, found in one pass over them (the
     * first of each key, as {@link #find} would). Reused from event to event.
     */
    private static final class Mapped {
        Object pid;
        Object thread;
        Object service;
        Object version;
        Object environment;
        Object host;

        /** Whether the layout writes the diagnostic {@code key} under a name of its own: the keys {@link #set} keeps. */
        static boolean maps(String key) {
            return switch (key) {
                case "pid", "thread", "service", "version", "env", "host" -> true;
                default -> false;
            };
        }

        Mapped of(FieldsView diagnostics) {
            forget();
            for (int i = diagnostics.size() - 1; i >= 0; i--) { // backwards: the first of a key is kept
                set(String.valueOf(diagnostics.key(i)), diagnostics.value(i));
            }
            return this;
        }

        /** Keeps {@code value} if {@code key} is one of {@link #maps the mapped keys}. */
        private void set(String key, Object value) {
            switch (key) {
                case "pid" -> pid = value;
                case "thread" -> thread = value;
                case "service" -> service = value;
                case "version" -> version = value;
                case "env" -> environment = value;
                case "host" -> host = value;
                default -> { }
            }
        }

        /** Drops the event's values, so that the encoder holds none of them between events. */
        void forget() {
            pid = thread = service = version = environment = host = null;
        }
    }

    /** Where a member comes from: each has its own well-known keys. */
    enum Source { DIAGNOSTICS, CONTEXT, DATA }

    /**
     * Writes the other keys as they are, or as {@code labels.<key>} when the name is taken, or as
     * {@code labels._<key>} when that is taken too (a context and a data field of one name).
     */
    private void unmapped(FieldsView fields, Source source) {
        for (int i = 0, n = fields.size(); i < n; i++) {
            String key = String.valueOf(fields.key(i));
            if (!isMapped(key, source)) {
                Object value = fields.value(i);
                if (!paths.fits(key) || !writer.member(key, value, names)) {
                    // taken by the layout or an earlier member, or a path Elasticsearch cannot map beside
                    // them: labels.<key>, its dots as underscores (a label is one flat keyword), labels._<key>...
                    writer.memberRenamed(LABELS + (key.isBlank() ? "_" : key.replace('.', '_')), LABELS.length(), value, names);
                } else {
                    paths.add(key);
                }
            }
        }
    }

    /** The layout's own members, which a dotted user name must not enter ({@code log.level}, {@code message.x}). */
    private final ElasticsearchPaths paths = new ElasticsearchPaths(names, java.util.Set.of("@timestamp", "message",
            "tags", "log", "process", "service", "host", "trace", "span", "error", "ecs", "event", "labels"));

    /** Whether a key is written under its ECS name by the layout itself. */
    static boolean isMapped(String key, Source source) {
        return switch (source) {
            case DIAGNOSTICS -> Mapped.maps(key);
            case CONTEXT -> key.equals("trace_id") || key.equals("span_id");
            case DATA -> false;
        };
    }
}

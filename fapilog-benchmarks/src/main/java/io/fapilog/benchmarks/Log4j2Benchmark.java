package io.fapilog.benchmarks;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.async.AsyncLogger;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.ByteBufferDestination;
import org.apache.logging.log4j.core.layout.ByteBufferDestinationHelper;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.apache.logging.log4j.message.MapMessage;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.fapilog.benchmarks.BenchEvent.ITEM_ID_KEY;
import static io.fapilog.benchmarks.BenchEvent.MESSAGE;
import static io.fapilog.benchmarks.BenchEvent.SIZE_KEY;
import static io.fapilog.benchmarks.BenchEvent.USER_KEY;

/**
 * Log4j2 all-async loggers ({@code AsyncLoggerContextSelector}, LMAX Disruptor) with
 * {@link JsonTemplateLayout}, through Log4j2's own API. The event is a {@link MapMessage}
 * (message + the three fields, values kept typed) and the template picks each entry. {@code setup}:
 * {@code production} keeps the default ring (256 Ki slots) and uses a logstash-like template
 * ({@code @timestamp}, {@code @version}, {@code thread_name}, {@code level_value}, as
 * LogstashEncoder writes); {@code tuned} uses a 64 Ki ring and fapilog's minimal fields. The appender
 * encodes every event the way Log4j2's stream appenders do ({@code Layout.encode} into a
 * {@link ByteBufferDestination}) and counts the bytes instead of writing them anywhere. The ring's
 * default queue-full policy blocks (waits), so Log4j2 itself reports no drops: a lost event shows as
 * consumed &lt; produced.
 */
@Fork(jvmArgsAppend = "-Dlog4j2.contextSelector=org.apache.logging.log4j.core.async.AsyncLoggerContextSelector")
public class Log4j2Benchmark extends LoggingBenchmark {

    /** Timestamp (UTC, ms), level, logger, then the message and fields from the MapMessage: fapilog's fields. */
    static final String EVENT_TEMPLATE = """
            {"timestamp":{"$resolver":"timestamp","pattern":{"format":"yyyy-MM-dd'T'HH:mm:ss.SSS'Z'","timeZone":"UTC"}},\
            "level":{"$resolver":"level","field":"name"},\
            "logger":{"$resolver":"logger","field":"name"},\
            "message":{"$resolver":"map","key":"message"},\
            "user":{"$resolver":"map","key":"user"},\
            "item_id":{"$resolver":"map","key":"item_id"},\
            "size":{"$resolver":"map","key":"size"}}""";

    /** LogstashEncoder's default fields, with the MapMessage's entries. */
    public static final String LOGSTASH_TEMPLATE = """
            {"@timestamp":{"$resolver":"timestamp","pattern":{"format":"yyyy-MM-dd'T'HH:mm:ss.SSSXXX","timeZone":"UTC"}},\
            "@version":"1",\
            "message":{"$resolver":"map","key":"message"},\
            "logger_name":{"$resolver":"logger","field":"name"},\
            "thread_name":{"$resolver":"thread","field":"name"},\
            "level":{"$resolver":"level","field":"name"},\
            "level_value":{"$resolver":"level","field":"severity","severity":{"field":"code"}},\
            "user":{"$resolver":"map","key":"user"},\
            "item_id":{"$resolver":"map","key":"item_id"},\
            "size":{"$resolver":"map","key":"size"}}""";

    @Param({"production", "tuned"})
    public String setup;

    private LoggerContext context;
    private Logger logger;

    @Override
    protected String contender() {
        return contenderName("Log4j2 async loggers + JsonTemplateLayout", null, setup);
    }

    @Override
    protected void start(ConsumerCounter consumer) {
        boolean tuned = "tuned".equals(setup);
        if (tuned) {
            System.setProperty("log4j2.asyncLoggerRingBufferSize", String.valueOf(BenchEvent.QUEUE_CAPACITY));  // before the context starts
        }
        context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        JsonTemplateLayout layout = JsonTemplateLayout.newBuilder()
                .setConfiguration(config)
                .setEventTemplate(tuned ? EVENT_TEMPLATE : LOGSTASH_TEMPLATE)
                .build();
        CountingAppender appender = new CountingAppender(layout, consumer);
        logger = asOnlyAppender(context, appender);
    }

    /**
     * Makes {@code appender} (started here) the root logger's only appender at INFO and returns the
     * benchmark's logger, which must be one of Log4j2's async loggers.
     */
    public static org.apache.logging.log4j.Logger asOnlyAppender(LoggerContext context,
                                                                 org.apache.logging.log4j.core.Appender appender) {
        Configuration config = context.getConfiguration();
        appender.start();
        config.addAppender(appender);
        LoggerConfig root = config.getRootLogger();
        for (String name : List.copyOf(root.getAppenders().keySet())) {
            root.removeAppender(name);
        }
        root.addAppender(appender, null, null);
        root.setLevel(Level.INFO);
        context.updateLoggers();
        org.apache.logging.log4j.Logger logger = context.getLogger(BenchEvent.LOGGER);
        if (!(logger instanceof AsyncLogger)) {
            throw new IllegalStateException("Log4j2 loggers are not async (" + logger.getClass().getName()
                    + "): run with -Dlog4j2.contextSelector=org.apache.logging.log4j.core.async.AsyncLoggerContextSelector");
        }
        return logger;
    }

    /** The benchmark event as Log4j2 users log structured data: a {@code MapMessage} with the message in it. */
    public static MapMessage<?, Object> event(long seq) {
        return new MapMessage<>(4)
                .with("message", MESSAGE)
                .with(USER_KEY, BenchEvent.user(seq))
                .with(ITEM_ID_KEY, BenchEvent.itemId(seq))
                .with(SIZE_KEY, BenchEvent.size(seq));
    }

    @Override
    protected void log(long seq) {
        logger.info(event(seq));
    }

    @Override
    protected long stop() {
        context.stop(STALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);   // waits for the ring to drain
        return 0;
    }

    /** Encodes each event into a reused buffer and counts it: a file appender without the file. */
    private static final class CountingAppender extends AbstractAppender implements ByteBufferDestination {
        private final ConsumerCounter consumer;
        private final ByteBuffer buffer = ByteBuffer.allocate(8 * 1024);

        CountingAppender(Layout<?> layout, ConsumerCounter consumer) {
            super("counting", null, layout, false, null);
            this.consumer = consumer;
        }

        @Override
        public void append(LogEvent event) {
            getLayout().encode(event, this);
            buffer.flip();
            consumer.record(1, buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            buffer.clear();
        }

        @Override
        public ByteBuffer getByteBuffer() {
            return buffer;
        }

        @Override
        public ByteBuffer drain(ByteBuffer buf) {
            // An event larger than the buffer: count what is there now, the rest with the event.
            buf.flip();
            consumer.record(0, buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
            buf.clear();
            return buf;
        }

        @Override
        public void writeBytes(ByteBuffer data) {
            ByteBufferDestinationHelper.writeToUnsynchronized(data, this);
        }

        @Override
        public void writeBytes(byte[] data, int offset, int length) {
            ByteBufferDestinationHelper.writeToUnsynchronized(data, offset, length, this);
        }
    }
}

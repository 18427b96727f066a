package io.fapilog.benchmarks;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import net.logstash.logback.encoder.LogstashEncoder;
import net.logstash.logback.fieldnames.LogstashCommonFieldNames;
import net.logstash.logback.fieldnames.LogstashFieldNames;

import org.openjdk.jmh.annotations.Param;

import java.io.OutputStream;

import static io.fapilog.benchmarks.BenchEvent.ITEM_ID_KEY;
import static io.fapilog.benchmarks.BenchEvent.MESSAGE;
import static io.fapilog.benchmarks.BenchEvent.SIZE_KEY;
import static io.fapilog.benchmarks.BenchEvent.USER_KEY;
import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Logback {@link AsyncAppender} in front of an {@link OutputStreamAppender} with
 * {@link LogstashEncoder} writing to a counting null stream. The fields are
 * {@code StructuredArguments.kv}. Logback's own {@link LoggerContext} is configured in code; SLF4J
 * is not involved. {@code setup}:
 * <ul>
 *   <li>{@code production}: both at their defaults: queue 256, {@code discardingThreshold} a fifth
 *       of it (INFO and below are discarded while the queue is more than 80 % full, counted here by
 *       overriding {@code isDiscardable}), {@code neverBlock=false}; the encoder's default fields
 *       ({@code @timestamp}, {@code @version}, {@code thread_name}, {@code level_value}...).</li>
 *   <li>{@code tuned}: a 64 Ki queue that blocks and never discards; the encoder leaves out
 *       {@code @version}, {@code thread_name} and {@code level_value}, so it writes fapilog's minimal fields.</li>
 * </ul>
 */
public class LogbackBenchmark extends LoggingBenchmark {

    @Param({"production", "tuned"})
    public String setup;

    private LoggerContext context;
    private Logger logger;
    private DiscardCountingAsyncAppender async;

    @Override
    protected String contender() {
        return contenderName("Logback AsyncAppender + LogstashEncoder", null, setup);
    }

    @Override
    protected long droppedSoFar() {
        return async.discarded();
    }

    @Override
    protected void start(ConsumerCounter consumer) {
        context = new LoggerContext();
        context.setName("bench");
        context.setMDCAdapter(new LogbackMDCAdapter());   // what SLF4J's LogbackServiceProvider would set
        context.start();

        boolean tuned = "tuned".equals(setup);
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        if (tuned) {
            // fapilog's minimal fields: timestamp, level, logger, message and the three kv.
            LogstashFieldNames names = encoder.getFieldNames();
            names.setTimestamp("timestamp");
            names.setLogger("logger");
            names.setVersion(LogstashCommonFieldNames.IGNORE_FIELD_INDICATOR);
            names.setThread(LogstashCommonFieldNames.IGNORE_FIELD_INDICATOR);
            names.setLevelValue(LogstashCommonFieldNames.IGNORE_FIELD_INDICATOR);
        }
        encoder.start();

        OutputStreamAppender<ILoggingEvent> out = new OutputStreamAppender<>();
        out.setContext(context);
        out.setName("counting");
        out.setEncoder(encoder);
        out.setOutputStream(new CountingStream(consumer));
        out.start();

        async = new DiscardCountingAsyncAppender();
        async.setContext(context);
        async.setName("async");
        if (tuned) {
            async.setQueueSize(BenchEvent.QUEUE_CAPACITY);
            async.setDiscardingThreshold(0);
            async.setNeverBlock(false);
        }
        async.setMaxFlushTime((int) STALL_TIMEOUT.toMillis());
        async.addAppender(out);
        async.start();

        logger = asOnlyAppender(context, async);
    }

    /** Makes {@code appender} the root logger's only appender at INFO; returns the benchmark's logger. */
    public static Logger asOnlyAppender(LoggerContext context, ch.qos.logback.core.Appender<ILoggingEvent> appender) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        return context.getLogger(BenchEvent.LOGGER);
    }

    @Override
    protected void log(long seq) {
        logger.info(MESSAGE, kv(USER_KEY, BenchEvent.user(seq)), kv(ITEM_ID_KEY, BenchEvent.itemId(seq)),
                kv(SIZE_KEY, BenchEvent.size(seq)));
    }

    @Override
    protected long stop() {
        context.stop();   // AsyncAppender.stop() drains its queue into the stream appender
        return async.discarded();
    }

    /**
     * The null stream: {@link OutputStreamAppender} writes each encoded event with one
     * {@code write}; an event ends with the encoder's line separator.
     */
    private static final class CountingStream extends OutputStream {
        private final ConsumerCounter consumer;

        CountingStream(ConsumerCounter consumer) {
            this.consumer = consumer;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            consumer.record(len > 0 && b[off + len - 1] == '\n' ? 1 : 0, b, off, len);
        }

        @Override
        public void write(int b) {
            byte[] one = {(byte) b};
            write(one, 0, 1);
        }
    }
}

package io.fapilog.benchmarks.file;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import io.fapilog.benchmarks.BenchEvent;
import io.fapilog.benchmarks.DiscardCountingAsyncAppender;
import net.logstash.logback.encoder.LogstashEncoder;

import java.nio.file.Path;

import static io.fapilog.benchmarks.BenchEvent.ITEM_ID_KEY;
import static io.fapilog.benchmarks.BenchEvent.MESSAGE;
import static io.fapilog.benchmarks.BenchEvent.SIZE_KEY;
import static io.fapilog.benchmarks.BenchEvent.USER_KEY;
import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Logback {@code AsyncAppender} at its defaults (queue 256, INFO discarded above 80 % full, counted)
 * in front of a {@link ConsoleAppender} or a {@link RollingFileAppender}
 * ({@link SizeAndTimeBasedRollingPolicy}), each with {@link LogstashEncoder} at its defaults and
 * the appenders' default immediate flush, as a {@code logback.xml} would set them up.
 */
final class LogbackFileContender implements FileContender {

    /** Long enough for the async appender's worker to write the whole queue at stop (default: 1 s). */
    private static final int MAX_FLUSH_MILLIS = 60_000;

    private LoggerContext context;
    private DiscardCountingAsyncAppender async;
    private Logger logger;

    @Override
    public void start(Target target, Path directory) {
        context = new LoggerContext();
        context.setName("file-throughput");
        context.setMDCAdapter(new LogbackMDCAdapter());   // what SLF4J's LogbackServiceProvider would set
        context.start();

        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();

        OutputStreamAppender<ILoggingEvent> out = target == Target.FILE ? rollingFile(directory) : new ConsoleAppender<>();
        out.setContext(context);
        out.setName(target == Target.FILE ? "file" : "console");
        out.setEncoder(encoder);
        out.start();

        async = new DiscardCountingAsyncAppender();
        async.setContext(context);
        async.setName("async");
        async.setMaxFlushTime(MAX_FLUSH_MILLIS);
        async.addAppender(out);
        async.start();

        logger = io.fapilog.benchmarks.LogbackBenchmark.asOnlyAppender(context, async);
    }

    private RollingFileAppender<ILoggingEvent> rollingFile(Path directory) {
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setFile(directory.resolve(FILE_NAME).toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(file);
        policy.setFileNamePattern(directory.resolve("app.%d{yyyy-MM-dd}.%i.log").toString());
        policy.setMaxFileSize(new FileSize(FileContender.rollAtBytes()));
        policy.setMaxHistory(KEEP_ROLLED_FILES);
        policy.start();
        file.setRollingPolicy(policy);
        return file;
    }

    @Override
    public void log(long seq) {
        logger.info(MESSAGE, kv(USER_KEY, BenchEvent.user(seq)), kv(ITEM_ID_KEY, BenchEvent.itemId(seq)),
                kv(SIZE_KEY, BenchEvent.size(seq)));
    }

    @Override
    public long stopAndDrain() {
        context.stop();   // AsyncAppender.stop() writes its queue, then the file or console appender closes
        return async.discarded();
    }
}

package io.fapilog.benchmarks.file;

import io.fapilog.benchmarks.Log4j2Benchmark;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.appender.RollingFileAppender;
import org.apache.logging.log4j.core.appender.rolling.CompositeTriggeringPolicy;
import org.apache.logging.log4j.core.appender.rolling.DefaultRolloverStrategy;
import org.apache.logging.log4j.core.appender.rolling.SizeBasedTriggeringPolicy;
import org.apache.logging.log4j.core.appender.rolling.TimeBasedTriggeringPolicy;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;


/**
 * Log4j2 all-async loggers ({@code AsyncLoggerContextSelector}, default ring, default queue-full
 * policy) with {@link JsonTemplateLayout} and the logstash-like template of {@link Log4j2Benchmark},
 * into a {@link ConsoleAppender} or a {@link RollingFileAppender} (size and time triggers), both at
 * their defaults (8 KiB buffer, immediate flush). {@link FileThroughput} sets the context selector
 * before Log4j2 starts.
 */
final class Log4j2FileContender implements FileContender {

    static final String CONTEXT_SELECTOR = "org.apache.logging.log4j.core.async.AsyncLoggerContextSelector";

    private LoggerContext context;
    private Logger logger;

    @Override
    public void start(Target target, Path directory) {
        context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        JsonTemplateLayout layout = JsonTemplateLayout.newBuilder()
                .setConfiguration(config)
                .setEventTemplate(Log4j2Benchmark.LOGSTASH_TEMPLATE)
                .build();
        Appender appender = target == Target.FILE
                ? RollingFileAppender.newBuilder()
                        .setName("file")
                        .setConfiguration(config)
                        .setLayout(layout)
                        .withFileName(directory.resolve(FILE_NAME).toString())
                        .withFilePattern(directory.resolve("app-%d{yyyy-MM-dd}-%i.log").toString())
                        .withPolicy(CompositeTriggeringPolicy.createPolicy(
                                SizeBasedTriggeringPolicy.createPolicy(String.valueOf(FileContender.rollAtBytes())),
                                TimeBasedTriggeringPolicy.newBuilder().build()))
                        .withStrategy(DefaultRolloverStrategy.newBuilder()
                                .withMax(String.valueOf(KEEP_ROLLED_FILES))
                                .withConfig(config)
                                .build())
                        .build()
                : ConsoleAppender.newBuilder()
                        .setName("console")
                        .setConfiguration(config)
                        .setLayout(layout)
                        .setTarget(ConsoleAppender.Target.SYSTEM_OUT)
                        .build();
        logger = Log4j2Benchmark.asOnlyAppender(context, appender);
    }

    @Override
    public void log(long seq) {
        logger.info(Log4j2Benchmark.event(seq));
    }

    @Override
    public long stopAndDrain() {
        context.stop(1, TimeUnit.MINUTES);   // waits for the ring to drain, then stops (flushes) the appender
        return 0;   // the default queue-full policy waits: Log4j2 drops nothing it would count
    }
}

package io.fapilog.benchmarks.file;

import io.fapilog.DrainResult;
import io.fapilog.Fapilog;
import io.fapilog.FapilogConfig;
import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import io.fapilog.Preset;
import io.fapilog.benchmarks.BenchEvent;
import io.fapilog.config.RotatingFileSettings;
import io.fapilog.config.SinkType;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.fapilog.benchmarks.BenchEvent.ITEM_ID_KEY;
import static io.fapilog.benchmarks.BenchEvent.MESSAGE;
import static io.fapilog.benchmarks.BenchEvent.SIZE_KEY;
import static io.fapilog.benchmarks.BenchEvent.USER_KEY;

/**
 * fapilog's {@code production} preset as shipped ({@link Logger}, THREAD mode on the producer
 * threads): its {@code stdout-json} sink, or the {@code rotating-file} sink instead (64 KiB buffer).
 */
final class FapilogFileContender implements FileContender {

    private FapilogRuntime runtime;
    private Logger logger;

    @Override
    public void start(Target target, Path directory) {
        FapilogConfig.Builder builder = Fapilog.builder().preset(Preset.PRODUCTION).shutdownHook(false);
        if (target == Target.FILE) {
            builder.sinks(SinkType.ROTATING_FILE).file(new RotatingFileSettings(directory.resolve(FILE_NAME),
                    FileContender.rollAtBytes(), true, KEEP_ROLLED_FILES, false, RotatingFileSettings.defaults().bufferSize()));
        }
        runtime = builder.start();
        logger = runtime.getLogger(BenchEvent.LOGGER);
    }

    @Override
    public void log(long seq) {
        logger.info(MESSAGE, USER_KEY, BenchEvent.user(seq), ITEM_ID_KEY, BenchEvent.itemId(seq), SIZE_KEY, BenchEvent.size(seq));
    }

    @Override
    public long stopAndDrain() throws Exception {
        DrainResult result = runtime.stopAndDrain().get(1, TimeUnit.MINUTES);
        return result.dropped() + result.filtered();
    }
}

package io.fapilog.spring.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Preset;
import io.fapilog.logback.LogbackBridge;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.TestContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A test that runs in a context Spring's test framework cached, after another context started: its
 * static and SLF4J loggers write to its context's runtime, not to the runtime started last (which
 * took them before, so the test's sink and its {@code runtime.flush()} missed them); and a test in a
 * context where fapilog or its bridge is off gets SLF4J as it would alone, not an earlier context's runtime.
 */
class FapilogTestExecutionListenerTest {

    private final InMemorySink cachedSink = new InMemorySink("cached");
    private final InMemorySink laterSink = new InMemorySink("later");
    private final FapilogRuntime cached = start(cachedSink);
    private final FapilogRuntime later = start(laterSink);

    private static FapilogRuntime start(InMemorySink sink) {
        return Fapilog.builder().preset(Preset.MINIMAL).sinks().sink(sink).shutdownHook(false).start();
    }

    @AfterEach
    void stop() {
        LogbackBridge.disconnect(cached);
        LogbackBridge.disconnect(later);
        Fapilog.setDefaultRuntime(null);
        cached.close();
        later.close();
    }

    private static TestContext testIn(GenericApplicationContext context) {
        TestContext testContext = mock(TestContext.class);
        when(testContext.hasApplicationContext()).thenReturn(true);
        when(testContext.getApplicationContext()).thenReturn(context);
        return testContext;
    }

    @Test
    void aTestInACachedContextLogsToThatContextsRuntime() {
        for (FapilogRuntime runtime : List.of(cached, later)) { // two contexts started, the cached one first
            Fapilog.setDefaultRuntime(runtime);
            LogbackBridge.connect(runtime);
        }
        GenericApplicationContext context = new GenericApplicationContext(); // left open, as the cache keeps it
        context.registerBean(FapilogRuntime.class, () -> cached);
        context.refresh();

        new FapilogTestExecutionListener().beforeTestMethod(testIn(context));

        Fapilog.getLogger("com.acme.Orders").info("from a static logger");
        LoggerFactory.getLogger("com.acme.Payments").info("through SLF4J");
        cached.flush().join();
        later.flush().join();

        assertThat(cachedSink.lines()).anyMatch(line -> line.contains("from a static logger"))
                .anyMatch(line -> line.contains("through SLF4J"));
        assertThat(laterSink.lines()).noneMatch(line -> line.contains("from a static logger") || line.contains("through SLF4J"));
    }

    @Test
    void aTestInAContextWhoseRuntimeTakesNoSlf4jEventsLeavesThemToTheReplacedAppenders(@TempDir Path dir) throws Exception {
        List<String> plain = withPlainFileOnTheRoot(dir, () -> {
            Fapilog.setDefaultRuntime(later);
            LogbackBridge.connect(later); // an earlier context, its bridge on; the cached one's is off
            FapilogTestExecutionListener listener = new FapilogTestExecutionListener();

            listener.beforeTestMethod(testIn(contextOf(cached)));
            LoggerFactory.getLogger("com.acme.Payments").info("bridge off in this context");
            listener.beforeTestMethod(testIn(contextOf(later)));
            LoggerFactory.getLogger("com.acme.Payments").info("bridge on in this context");
            later.flush().join();
            cached.flush().join();
        });

        assertThat(plain).containsExactly("bridge off in this context");
        assertThat(laterSink.lines()).noneMatch(line -> line.contains("bridge off"))
                .filteredOn(line -> line.contains("bridge on in this context")).hasSize(1);
        assertThat(cachedSink.lines()).isEmpty();
    }

    @Test
    void aContextWithoutARuntimeKeepsTheDefaultRuntimeAndLeavesSlf4jToTheReplacedAppenders(@TempDir Path dir) throws Exception {
        List<String> plain = withPlainFileOnTheRoot(dir, () -> {
            Fapilog.setDefaultRuntime(later);
            LogbackBridge.connect(later);
            GenericApplicationContext context = new GenericApplicationContext(); // fapilog.enabled=false
            context.refresh();

            new FapilogTestExecutionListener().beforeTestMethod(testIn(context));
            LoggerFactory.getLogger("com.acme.Payments").info("fapilog off in this context");
            later.flush().join();
        });

        assertThat(Fapilog.defaultRuntime()).isSameAs(later);
        assertThat(plain).containsExactly("fapilog off in this context");
        assertThat(laterSink.lines()).noneMatch(line -> line.contains("fapilog off"));
    }

    /** Runs {@code test} with a file appender on Logback's root, as Boot's {@code logging.file.name} makes one; returns its lines. */
    private static List<String> withPlainFileOnTheRoot(Path dir, Runnable test) throws IOException {
        Path plain = dir.resolve("plain.log");
        FileAppender<ILoggingEvent> file = plainFile(plain);
        rootLogger().addAppender(file);
        try {
            test.run();
        } finally {
            rootLogger().detachAppender(file);
            file.stop();
        }
        return Files.readAllLines(plain);
    }

    private static GenericApplicationContext contextOf(FapilogRuntime runtime) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.registerBean(FapilogRuntime.class, () -> runtime);
        context.refresh();
        return context;
    }

    private static ch.qos.logback.classic.Logger rootLogger() {
        return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** A file appender writing the message alone. */
    private static FileAppender<ILoggingEvent> plainFile(Path path) {
        LoggerContext logback = rootLogger().getLoggerContext();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(logback);
        encoder.setPattern("%msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(logback);
        file.setName("plain-file");
        file.setFile(path.toString());
        file.setEncoder(encoder);
        file.start();
        return file;
    }
}

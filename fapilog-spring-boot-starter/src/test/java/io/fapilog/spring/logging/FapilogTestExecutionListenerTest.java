package io.fapilog.spring.logging;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Preset;
import io.fapilog.logback.LogbackBridge;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.TestContext;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A test that runs in a context Spring's test framework cached, after another context started: its
 * static and SLF4J loggers write to its context's runtime, not to the runtime started last (which
 * took them before, so the test's sink and its {@code runtime.flush()} missed them).
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
    void aContextWithoutARuntimeChangesNothing() {
        Fapilog.setDefaultRuntime(later);
        GenericApplicationContext context = new GenericApplicationContext();
        context.refresh();

        new FapilogTestExecutionListener().beforeTestMethod(testIn(context));
        assertThat(Fapilog.defaultRuntime()).isSameAs(later);
    }
}

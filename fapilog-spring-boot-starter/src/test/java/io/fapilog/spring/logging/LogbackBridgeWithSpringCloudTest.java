package io.fapilog.spring.logging;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.bootstrap.LoggingSystemShutdownListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The Logback bridge with Spring Cloud on the class path, whose {@link LoggingSystemShutdownListener}
 * resets the logging system as each application starts: a second application's start took the bridge
 * away from the first, and the first's SLF4J events went to Logback's console as text.
 */
class LogbackBridgeWithSpringCloudTest {

    private static final String[] ARGS = {"--fapilog.preset=production", "--fapilog.sinks=in-memory"};

    @AfterEach
    void forgetDefaultRuntime() {
        Fapilog.setDefaultRuntime(null);
    }

    /** Without the fix, 0 of the 1,000 events logged after the child started reached the parent's runtime. */
    @Test
    void aChildContextKeepsTheParentsRuntimeConnected() {
        ConfigurableApplicationContext child = new SpringApplicationBuilder(Slf4jBridgeTests.BridgedApplication.class)
                .web(WebApplicationType.NONE).child(Slf4jBridgeTests.ChildApplication.class).web(WebApplicationType.NONE)
                .run(ARGS);
        ConfigurableApplicationContext parent = (ConfigurableApplicationContext) child.getParent();
        FapilogRuntime runtime = parent.getBean(FapilogRuntime.class);
        try {
            long before = runtime.stats().submitted();
            for (int i = 0; i < 1_000; i++) {
                LoggerFactory.getLogger("com.acme.AfterTheChild").info("event {}", i);
            }
            assertThat(runtime.stats().submitted()).isEqualTo(before + 1_000);
        } finally {
            child.close();
            parent.close();
        }
    }

    /** A parent that keeps Logback's own appenders (its bridge off) keeps them when a child starts. */
    @Test
    void aChildOfAParentWithoutTheBridgeConnectsNothing() {
        ConfigurableApplicationContext child = new SpringApplicationBuilder(Slf4jBridgeTests.BridgedApplication.class)
                .web(WebApplicationType.NONE).child(Slf4jBridgeTests.ChildApplication.class).web(WebApplicationType.NONE)
                .run("--fapilog.preset=production", "--fapilog.sinks=in-memory", "--fapilog.bridge.slf4j=false");
        ConfigurableApplicationContext parent = (ConfigurableApplicationContext) child.getParent();
        try {
            assertThat(LogBridges.isConnected(parent.getBean(FapilogRuntime.class))).isFalse();
            ch.qos.logback.classic.Logger root = ((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory())
                    .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            java.util.List<ch.qos.logback.core.Appender<?>> appenders = new java.util.ArrayList<>();
            root.iteratorForAppenders().forEachRemaining(appenders::add);
            assertThat(appenders).noneMatch(io.fapilog.logback.FapilogAppender.class::isInstance)
                    .anyMatch(ch.qos.logback.core.ConsoleAppender.class::isInstance);
        } finally {
            child.close();
            parent.close();
        }
    }

    /** A test suite's cached context used again after another started: its SLF4J events reach its own runtime. */
    @Test
    void aCachedContextUsedAgainGetsItsRuntimeConnectedAgain() {
        ConfigurableApplicationContext first = new SpringApplicationBuilder(Slf4jBridgeTests.BridgedApplication.class)
                .web(WebApplicationType.NONE).run(ARGS);
        ConfigurableApplicationContext second = new SpringApplicationBuilder(Slf4jBridgeTests.BridgedApplication.class)
                .web(WebApplicationType.NONE).run(ARGS);
        FapilogRuntime firstRuntime = first.getBean(FapilogRuntime.class);
        FapilogRuntime secondRuntime = second.getBean(FapilogRuntime.class);
        try {
            TestContext usingTheFirst = mock(TestContext.class);
            when(usingTheFirst.hasApplicationContext()).thenReturn(true);
            when(usingTheFirst.getApplicationContext()).thenReturn(first);
            new FapilogTestExecutionListener().beforeTestMethod(usingTheFirst);

            long firstBefore = firstRuntime.stats().submitted();
            long secondBefore = secondRuntime.stats().submitted();
            LoggerFactory.getLogger("com.acme.InTheFirstContext").info("In the first context's test");
            assertThat(firstRuntime.stats().submitted()).isEqualTo(firstBefore + 1);
            assertThat(secondRuntime.stats().submitted()).isEqualTo(secondBefore);
        } finally {
            second.close();
            first.close();
        }
    }
}

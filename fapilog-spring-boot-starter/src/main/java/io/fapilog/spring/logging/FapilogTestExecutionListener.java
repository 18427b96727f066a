package io.fapilog.spring.logging;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Before each test method, makes the runtime of the application context the test runs in the one
 * that {@code Fapilog.getLogger(..)} and SLF4J write to. Spring's test framework keeps the contexts
 * of earlier test classes open and reuses them; without this the runtime started last took the
 * events of a test run in an earlier context, so that context's sink and {@code runtime.flush()}
 * missed them, and a plain unit test run after it wrote there too. Registered for every Spring test
 * through {@code META-INF/spring.factories}. In a context without a runtime, or whose runtime does not
 * take SLF4J's events ({@code fapilog.enabled=false}, {@code fapilog.bridge.slf4j=false}), SLF4J's
 * events go to the console and file appenders the bridge replaced, as when that context runs alone,
 * not to the runtime of the context that ran before it.
 */
public class FapilogTestExecutionListener extends AbstractTestExecutionListener {

    /** After the test instance got its dependencies (2000), before the test's own listeners by default. */
    private static final int ORDER = 2100;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        ObjectProvider<FapilogRuntime> runtimes = testContext.getApplicationContext().getBeanProvider(FapilogRuntime.class);
        FapilogRuntime unique = runtimes.getIfUnique();
        if (unique != null && !unique.isStopped()) {
            Fapilog.setDefaultRuntime(unique);
        }
        // A runtime that takes SLF4J's events: connected, or meant to be and disconnected since by a
        // logging system started afresh for another context (Spring Cloud resets it as each one starts)
        runtimes.orderedStream().filter(runtime -> !runtime.isStopped()
                        && (LogBridges.isConnected(runtime) || LogBridges.isMeantToBeConnected(runtime)))
                .reduce((first, second) -> second).ifPresentOrElse(
                LogBridges::connect, // the newest connected again: SLF4J's events go to it
                // fapilog off, or its bridge off, in this context: SLF4J's events go where they go when it runs alone
                LogBridges::standAside);
    }
}

package io.fapilog.spring.logging;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Before each test method, makes the runtime of the application context the test runs in the one
 * that {@code Fapilog.getLogger(..)} and SLF4J write to. Spring's test framework keeps the contexts
 * of earlier test classes open and reuses them; without this the runtime started last took the
 * events of a test run in an earlier context, so that context's sink and {@code runtime.flush()}
 * missed them, and a plain unit test run after it wrote there too. Registered for every Spring test
 * through {@code META-INF/spring.factories}; it does nothing for a context without a runtime.
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
        ApplicationContext context = testContext.getApplicationContext();
        FapilogRuntime runtime = context.getBeanProvider(FapilogRuntime.class).getIfUnique();
        if (runtime == null || runtime.isStopped()) {
            return;
        }
        Fapilog.setDefaultRuntime(runtime);
        if (LogBridges.isConnected(runtime)) {
            LogBridges.connect(runtime); // the newest connected again: SLF4J's events go to it
        }
    }
}

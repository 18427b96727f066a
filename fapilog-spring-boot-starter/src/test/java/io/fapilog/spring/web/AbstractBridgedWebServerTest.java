package io.fapilog.spring.web;

import io.fapilog.FapilogRuntime;
import io.fapilog.logback.LogbackBridge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A {@link AbstractWebServerTest} whose SLF4J (Logback) loggers write to the application's runtime
 * during each test, for tests of loggers that know nothing of the request.
 */
public abstract class AbstractBridgedWebServerTest extends AbstractWebServerTest {

    @Autowired
    protected FapilogRuntime runtime;

    @BeforeEach
    void bridge() {
        LogbackBridge.connect(runtime);
    }

    @AfterEach
    void unbridge() {
        LogbackBridge.disconnect(runtime);
    }
}

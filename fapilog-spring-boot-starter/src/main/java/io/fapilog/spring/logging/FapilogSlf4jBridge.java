package io.fapilog.spring.logging;

import io.fapilog.FapilogRuntime;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

import java.util.Objects;

/**
 * Connects the application's {@link FapilogRuntime} to the Logback or Log4j2 bridge while the
 * application context lives. Usually the bridge was installed before the context by
 * {@link FapilogBridgeApplicationListener} and this only confirms the connection (or moves it to a
 * user-defined runtime); in a context started without {@code SpringApplication} it installs the
 * bridge itself, later, so without the start-up logs.
 */
public class FapilogSlf4jBridge implements InitializingBean, DisposableBean {

    private final FapilogRuntime runtime;

    public FapilogSlf4jBridge(FapilogRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public void afterPropertiesSet() {
        if (!runtime.isStopped()) {
            LogBridges.connect(runtime);
        }
    }

    /**
     * Disconnects the runtime. Drained already (the context is closing), it keeps taking what is logged
     * later, written synchronously; else the console appender comes back once no runtime is connected.
     */
    @Override
    public void destroy() {
        LogBridges.disconnect(runtime);
    }

    public boolean isConnected() {
        return LogBridges.isConnected(runtime);
    }
}

package io.fapilog.spring.logging;

import org.springframework.context.SmartLifecycle;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Logger;

/**
 * Keeps {@code java.util.logging} (and {@code System.Logger}, which the JDK sends there) reaching the
 * bridge once the application context has closed. Spring Boot's logging clean-up at the close takes
 * its JUL bridge handler ({@code SLF4JBridgeHandler}, or {@code Log4jBridgeHandler} on Log4j2) off the
 * JUL root logger, and the lines libraries log through JUL later (Tomcat stopping its service, a
 * bean destroyed late, a shutdown hook) were lost without a word, while SLF4J's still reached the
 * drained runtime. Stopping after Boot's logging lifecycle, this puts back the bridge handlers the
 * context started with. The next start's logging set-up replaces them as it replaces its own.
 */
final class JdkLoggingBridgeKeeper implements SmartLifecycle {

    private static final Set<String> BRIDGE_HANDLERS = Set.of("org.slf4j.bridge.SLF4JBridgeHandler",
            "org.apache.logging.log4j.jul.Log4jBridgeHandler");

    private volatile List<Handler> bridges = List.of();
    private volatile boolean running;

    @Override
    public void start() {
        bridges = Arrays.stream(Logger.getLogger("").getHandlers())
                .filter(handler -> BRIDGE_HANDLERS.contains(handler.getClass().getName())).toList();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        Logger root = Logger.getLogger("");
        List<Handler> present = Arrays.asList(root.getHandlers());
        for (Handler bridge : bridges) {
            if (!present.contains(bridge)) {
                root.addHandler(bridge);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Below Spring Boot's logging lifecycle ({@code Integer.MIN_VALUE + 1}): stopped after it. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}

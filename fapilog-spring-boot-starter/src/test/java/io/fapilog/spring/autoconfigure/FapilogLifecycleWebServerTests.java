package io.fapilog.spring.autoconfigure;

import ch.qos.logback.classic.LoggerContext;
import io.fapilog.FapilogRuntime;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The drain's place among a real web application's lifecycles. */
class FapilogLifecycleWebServerTests {

    @Test
    void drainRunsAfterTheWebServerStoppedAndBeforeLoggingIsCleanedUp() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(WebApplication.class)
                .web(WebApplicationType.REACTIVE)
                .properties("server.port=0", "server.shutdown=graceful", "fapilog.bridge.slf4j=false",
                        "fapilog.sinks=in-memory")
                .run();
        RecordingLifecycle lifecycle = context.getBean(RecordingLifecycle.class);
        lifecycle.port = ((WebServerApplicationContext) context).getWebServer().getPort();
        assertThat(accepts(lifecycle.port)).isTrue();

        Map<String, SmartLifecycle> lifecycles = context.getBeansOfType(SmartLifecycle.class);
        int webServer = lifecycles.get("webServerStartStop").getPhase();
        int gracefulShutdown = lifecycles.get("webServerGracefulShutdown").getPhase();
        int loggingCleanup = lifecycles.get("springBootLoggingLifecycle").getPhase();
        assertThat(webServer).isEqualTo(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
        assertThat(gracefulShutdown).isEqualTo(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE);
        assertThat(lifecycle.getPhase()).isLessThan(webServer).isLessThan(gracefulShutdown).isGreaterThan(loggingCleanup);

        context.close();
        assertThat(lifecycle.serverAcceptedConnectionsAtDrain).as("web server still open at drain").isFalse();
        assertThat(lifecycle.loggingInitializedAtDrain).as("logging system still set up at drain").isTrue();
        assertThat(lifecycle.getDrainResult()).isNotNull();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Records, when the drain starts, whether the web server and Boot's logging set-up are still there. */
    static class RecordingLifecycle extends FapilogLifecycle {

        volatile int port;
        volatile Boolean serverAcceptedConnectionsAtDrain;
        volatile Boolean loggingInitializedAtDrain;

        RecordingLifecycle(FapilogRuntime runtime) {
            super(runtime, Duration.ofSeconds(5));
        }

        @Override
        public void stop() {
            serverAcceptedConnectionsAtDrain = accepts(port);
            loggingInitializedAtDrain = ((LoggerContext) LoggerFactory.getILoggerFactory())
                    .getObject(LoggingSystem.class.getName()) != null;
            super.stop();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class WebApplication {

        @Bean
        RecordingLifecycle recordingLifecycle(FapilogRuntime runtime) {
            return new RecordingLifecycle(runtime);
        }

    }
}

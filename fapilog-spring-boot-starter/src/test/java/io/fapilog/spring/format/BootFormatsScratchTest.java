package io.fapilog.spring.format;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.mock.env.MockEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

class BootFormatsScratchTest {
    @Test
    void print() throws Exception {
        LoggerContext context = new LoggerContext();
        MockEnvironment env = new MockEnvironment().withProperty("spring.application.name", "orders")
                .withProperty("spring.application.version", "1.2.3")
                .withProperty("logging.structured.ecs.service.environment", "prod")
                .withProperty("logging.structured.ecs.service.node-name", "node-1");
        context.putObject("org.springframework.core.env.Environment", env);
        StringBuilder out = new StringBuilder();
        for (String format : new String[] {"ecs", "logstash", "gelf"}) {
            StructuredLogEncoder encoder = new StructuredLogEncoder();
            encoder.setContext(context);
            encoder.setFormat(format);
            encoder.start();
            LoggingEvent event = new LoggingEvent("x", context.getLogger("com.acme.Orders"),
                    ch.qos.logback.classic.Level.WARN, "Order {} failed", new IllegalStateException("boom"), new Object[] {7});
            event.setTimeStamp(1_700_000_000_123L);
            event.setThreadName("http-1");
            event.setMDCPropertyMap(Map.of("request_id", "abc", "trace_id", "t1"));
            event.addKeyValuePair(new KeyValuePair("order_id", 7));
            out.append(new String(encoder.encode(event)));
        }
        Files.writeString(Path.of("/tmp/boot-formats.txt"), out);
    }
}

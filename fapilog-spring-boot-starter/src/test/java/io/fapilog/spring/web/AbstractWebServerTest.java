package io.fapilog.spring.web;

import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.UUID;

/**
 * A test against a real server on a random port, of either web stack (the subclass's
 * {@code @SpringBootTest} names the application, one with an {@link InMemoryFapilogApplication}):
 * an HTTP client bound to it and the in-memory sink the runtime writes to.
 */
@TestPropertySource(properties = "fapilog.bridge.slf4j=false")
public abstract class AbstractWebServerTest {

    protected static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @LocalServerPort
    protected int port;

    @Autowired
    protected InMemorySink sink;

    protected WebTestClient client;

    @BeforeEach
    protected void client() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(10)).build();
    }

    protected static String newId() {
        return "req-" + UUID.randomUUID();
    }
}

package io.fapilog.spring.actuate;

import io.fapilog.FapilogRuntime;
import io.fapilog.Level;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The actuator endpoints over HTTP, in a reactive application on a real server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=reactive",
        "management.endpoints.web.exposure.include=fapilog,health,metrics",
        "management.endpoint.health.show-components=always",
        "management.endpoint.health.show-details=always",
        "fapilog.preset=production",
        "fapilog.bridge.slf4j=false",
        "fapilog.sinks=in-memory",
        "fapilog.queue.capacity=2048" })
class FapilogActuatorIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    FapilogRuntime runtime;

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void queueSizeIsAMetricTaggedWithTheMode() {
        client().get().uri("/actuator/metrics/fapilog.queue.size").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("fapilog.queue.size")
                .jsonPath("$.baseUnit").isEqualTo("events")
                .jsonPath("$.availableTags[?(@.tag == 'mode')].values[0]").isEqualTo("async");
        client().get().uri("/actuator/metrics/fapilog.queue.capacity").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.measurements[0].value").isEqualTo(2048.0);
    }

    @Test
    void endpointDescribesTheRuntime() {
        client().get().uri("/actuator/fapilog").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.mode").isEqualTo("async")
                .jsonPath("$.preset").isEqualTo("production")
                .jsonPath("$.queue.capacity").isEqualTo(2048)
                .jsonPath("$.events.droppedByReason.queue_full").isEqualTo(0)
                .jsonPath("$.levels.ROOT").isEqualTo("INFO")
                .jsonPath("$.sinks[0].name").isEqualTo("in-memory")
                .jsonPath("$.sinks[0].state").isEqualTo("CLOSED");
    }

    @Test
    void healthHasAFapilogComponent() {
        client().get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.components.fapilog.status").isEqualTo("UP")
                .jsonPath("$.components.fapilog.details.sinks['in-memory'].state").isEqualTo("CLOSED");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ActuatorApplication {
    }
}

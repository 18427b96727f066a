package io.fapilog.spring.web.reactive;

import io.fapilog.spring.web.AbstractRequestLoggingTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

import static io.fapilog.spring.web.EventCapture.accessLogOf;
import static io.fapilog.spring.web.EventCapture.awaitOne;
import static io.fapilog.spring.web.EventCapture.eventOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Request logging of a WebFlux application on a real Netty server. */
@SpringBootTest(classes = WebFluxTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.web-application-type=reactive")
class WebFluxRequestLoggingTest extends AbstractRequestLoggingTest {

    @Override
    protected String helloExecutionMode() {
        return "ASYNC";
    }

    @Override
    protected Class<?> controllerClass() {
        return WebFluxTestApp.Controller.class;
    }

    @Override
    protected String notFoundPath() {
        return "/missing"; // a ResponseStatusException from the controller
    }

    @Test
    void loggerParameterIsTheBoundLoopViewOfTheRequestLogger() {
        String id = newId();
        client.get().uri("/sync").header("X-Request-ID", id).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("BOUND_LOOP");
        JsonNode event = awaitOne(sink, eventOf(id, "Sync view"));
        assertThat(event.path("logger").asString()).isEqualTo(WebFluxTestApp.Controller.class.getName());
        assertThat(event.path("context").path("path").asString()).isEqualTo("/sync");
    }

    @Test
    void theRequestContextIsReachableFromTheReactorContextInAService() {
        String id = newId();
        client.get().uri("/service").header("X-Request-ID", id).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo(id);
        JsonNode event = awaitOne(sink, eventOf(id, "Service work"));
        assertThat(event.path("context").path("path").asString()).isEqualTo("/service");
        assertThat(event.path("data").path("work").asString()).isEqualTo("work");
        awaitOne(sink, accessLogOf(id));
    }
}

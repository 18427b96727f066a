package io.fapilog.spring.web.reactive;

import io.fapilog.spring.web.AbstractBridgedWebServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import reactor.core.publisher.Hooks;
import tools.jackson.databind.JsonNode;

import static io.fapilog.spring.web.EventCapture.awaitOne;
import static io.fapilog.spring.web.EventCapture.eventOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boot's own {@code spring.reactor.context-propagation=auto} with fapilog's
 * {@code propagate-context} turned off: the request's context rides on Boot's hook, so loggers that
 * know nothing of the request carry it across threads all the same.
 */
@SpringBootTest(classes = WebFluxContextApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=reactive", "spring.reactor.context-propagation=auto",
                "fapilog.request-logging.propagate-context=false"})
class WebFluxBootContextPropagationTest extends AbstractBridgedWebServerTest {

    @Autowired
    private ApplicationContext context;

    /** The hook is JVM-wide: an earlier test class may have left it on, and then this one would prove nothing. */
    @BeforeAll
    static void hookOff() {
        Hooks.disableAutomaticContextPropagation();
    }

    @Test
    void loggersCarryTheRequestContextAcrossThreadsOnBootsHook() {
        assertThat(context.getBeansOfType(FapilogContextPropagation.class)).isEmpty();
        String id = newId();
        client.get().uri("/hops").header("X-Request-ID", id).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo(id);

        JsonNode subscribed = awaitOne(sink, eventOf(id, "On subscribeOn"));
        assertThat(subscribed.path("context").path("path").asString()).isEqualTo("/hops");
        JsonNode plain = awaitOne(sink, eventOf(id, "Plain after publishOn"));
        assertThat(plain.path("diagnostics").path("thread").asString()).startsWith("parallel-");
        assertThat(plain.path("context").path("method").asString()).isEqualTo("GET");
    }

    @Test
    void theErrorHandlersLineCarriesTheRequestsContextOnBootsHook() {
        ErrorHandlerLines.assertTheErrorHandlersLineCarriesTheRequestsContext(client, sink, newId());
    }
}

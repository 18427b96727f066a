package io.fapilog.spring.web.reactive;

import io.fapilog.spring.web.AbstractBridgedWebServerTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import io.fapilog.spring.web.EventCapture;
import reactor.core.publisher.Hooks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without Reactor's automatic context propagation ({@code propagate-context=false}, Boot's left at
 * its default): Boot's error handler, answering the failure on the thread that delivers it, still
 * logs with the request's context.
 */
@SpringBootTest(classes = WebFluxContextApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.main.web-application-type=reactive", "fapilog.request-logging.propagate-context=false",
                "fapilog.request-logging.skip-paths=/skipped/**"})
class WebFluxWithoutContextPropagationTest extends AbstractBridgedWebServerTest {

    /** The hook is JVM-wide: an earlier test class may have left it on, and then this one would prove nothing. */
    @BeforeAll
    static void hookOff() {
        Hooks.disableAutomaticContextPropagation();
    }

    @Test
    void theErrorHandlersLineCarriesTheRequestsContext() {
        ErrorHandlerLines.assertTheErrorHandlersLineCarriesTheRequestsContext(client, sink, newId());
    }

    /** A request on a skipped path gets no access event, and the line all the same. */
    @Test
    void theErrorHandlersLineOfASkippedPathCarriesTheRequestsContext() {
        String id = newId();
        ErrorHandlerLines.assertTheErrorHandlersLineCarriesTheRequestsContext(client, sink, id, "/skipped/fail");
        assertThat(EventCapture.matching(sink, EventCapture.accessLogOf(id))).isEmpty();
    }
}

package io.fapilog.spring.web.slice.flux;

import io.fapilog.AsyncLogger;
import io.fapilog.spring.web.HttpRequestContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A {@code @WebFluxTest} of a controller that takes fapilog's {@code AsyncLogger} and the request
 * context: the slice brings the starter's runtime, resolvers and filter (before, 500).
 */
@WebFluxTest(controllers = WebFluxSliceTest.Quotes.class)
class WebFluxSliceTest {

    @SpringBootConfiguration
    @Import(Quotes.class)
    static class App {
    }

    @RestController
    static class Quotes {
        @GetMapping("/quotes/7")
        Mono<String> quote(AsyncLogger log, HttpRequestContext context) {
            return log.info("Quote shown", "quote_id", 7).thenReturn(log.executionMode() + " " + context.requestId());
        }
    }

    @Autowired
    WebTestClient client;

    @Test
    void aControllerTakingFapilogsAsyncLoggerAndRequestContextAnswers() {
        client.get().uri("/quotes/7").header("X-Request-ID", "slice-2").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Request-ID", "slice-2")
                .expectBody(String.class).isEqualTo("ASYNC slice-2");
    }
}

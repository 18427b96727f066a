package io.fapilog.spring.web.reactive;

import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import io.fapilog.spring.web.InMemoryFapilogApplication;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A WebFlux application whose reactive chains hop threads and log through loggers that know nothing
 * of the request: an SLF4J logger and a fapilog logger made once, outside any request.
 */
@InMemoryFapilogApplication
@Import(WebFluxContextApp.Controller.class)
public class WebFluxContextApp {

    @RestController
    static class Controller {

        private static final org.slf4j.Logger SLF4J = LoggerFactory.getLogger(Controller.class);

        private final Logger plain;
        private final WebClient webClient = WebClient.create();

        Controller(FapilogRuntime runtime) {
            this.plain = runtime.getLogger("com.acme.PlainService");
        }

        /** Logs on a boundedElastic thread (subscribeOn), then on a parallel thread (publishOn). */
        @GetMapping("/hops")
        Mono<String> hops(@RequestHeader("X-Request-ID") String expected) {
            return Mono.fromCallable(() -> {
                        SLF4J.atInfo().addKeyValue("expected", expected).log("On subscribeOn");
                        return expected;
                    })
                    .subscribeOn(Schedulers.boundedElastic())
                    .publishOn(Schedulers.parallel())
                    .map(id -> {
                        SLF4J.atInfo().addKeyValue("expected", expected).log("After publishOn");
                        plain.info("Plain after publishOn", "expected", expected);
                        return id;
                    });
        }

        /** Calls {@code /inner} of this server with another request id, then logs on the client's thread. */
        @GetMapping("/outer")
        Mono<String> outer(ServerHttpRequest request, @RequestHeader("X-Request-ID") String expected) {
            return webClient.get().uri(request.getURI().resolve("/inner"))
                    .header("X-Request-ID", expected + "-inner")
                    .retrieve().bodyToMono(String.class)
                    .map(body -> {
                        SLF4J.atInfo().addKeyValue("expected", expected).log("After client call");
                        plain.info("Plain after client call", "expected", expected);
                        return body;
                    });
        }

        /** Fails on a parallel thread: Boot's error handler, outside the filter chain, answers 500 and logs it. */
        @GetMapping({"/fail", "/skipped/fail"})
        Mono<String> fail() {
            return Mono.just("failing").publishOn(Schedulers.parallel())
                    .flatMap(ignored -> Mono.error(new IllegalStateException("payment gateway timed out")));
        }

        @GetMapping("/inner")
        Mono<String> inner(@RequestHeader("X-Request-ID") String expected) {
            return Mono.fromCallable(() -> {
                SLF4J.atInfo().addKeyValue("expected", expected).log("Inner");
                return expected;
            }).subscribeOn(Schedulers.boundedElastic());
        }
    }
}

package io.fapilog.spring.web.reactive;

import io.fapilog.AsyncLogger;
import io.fapilog.spring.web.AbstractGracefulShutdownTest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Requests in flight on Netty when the context closes all get their access log; the drain accounts for all. */
class WebFluxGracefulShutdownTest extends AbstractGracefulShutdownTest {

    WebFluxGracefulShutdownTest() {
        super(SlowController.class, "reactive");
    }

    @RestController
    static class SlowController extends SlowEndpoint {

        @GetMapping("/slow")
        Mono<String> slow(AsyncLogger log) {
            return Mono.fromRunnable(gate::enter)
                    .then(Mono.fromFuture(gate.released(), true))
                    .then(log.info("Slow request done"))
                    .thenReturn("done");
        }
    }
}

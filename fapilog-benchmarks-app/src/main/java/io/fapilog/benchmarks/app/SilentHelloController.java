package io.fapilog.benchmarks.app;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Profile {@code none}: the same endpoint without logging, the ceiling of the other two. */
@RestController
@ConditionalOnProperty(name = "bench.logging", havingValue = "none")
class SilentHelloController {

    @GetMapping("/hello")
    Mono<String> hello() {
        HelloEvent.next();
        return Mono.just(HelloEvent.BODY);
    }
}

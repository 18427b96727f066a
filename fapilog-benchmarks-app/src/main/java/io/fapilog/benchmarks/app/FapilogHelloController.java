package io.fapilog.benchmarks.app;

import io.fapilog.AsyncLogger;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import static io.fapilog.benchmarks.app.HelloEvent.ITEM_ID_KEY;
import static io.fapilog.benchmarks.app.HelloEvent.MESSAGE;
import static io.fapilog.benchmarks.app.HelloEvent.SIZE_KEY;
import static io.fapilog.benchmarks.app.HelloEvent.USER;
import static io.fapilog.benchmarks.app.HelloEvent.USER_KEY;

/** Profile {@code fapilog}: the event through the request's injected {@link AsyncLogger}, part of the reactive chain. */
@RestController
@ConditionalOnProperty(name = "bench.logging", havingValue = "fapilog")
class FapilogHelloController {

    @GetMapping("/hello")
    Mono<String> hello(AsyncLogger log) {
        long seq = HelloEvent.next();
        return log.info(MESSAGE, USER_KEY, USER, ITEM_ID_KEY, HelloEvent.itemId(seq), SIZE_KEY, HelloEvent.size(seq))
                .thenReturn(HelloEvent.BODY);
    }
}

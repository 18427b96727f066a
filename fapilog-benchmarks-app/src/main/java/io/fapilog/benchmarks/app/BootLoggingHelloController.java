package io.fapilog.benchmarks.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import static io.fapilog.benchmarks.app.HelloEvent.ITEM_ID_KEY;
import static io.fapilog.benchmarks.app.HelloEvent.MESSAGE;
import static io.fapilog.benchmarks.app.HelloEvent.SIZE_KEY;
import static io.fapilog.benchmarks.app.HelloEvent.USER;
import static io.fapilog.benchmarks.app.HelloEvent.USER_KEY;

/**
 * Profile {@code boot}: the event through SLF4J on Boot's own structured logging (ECS), written by
 * Logback's console appender on the request's thread; the fields as SLF4J key-value pairs.
 */
@RestController
@ConditionalOnProperty(name = "bench.logging", havingValue = "boot")
class BootLoggingHelloController {

    private static final Logger LOG = LoggerFactory.getLogger(BootLoggingHelloController.class);

    @GetMapping("/hello")
    Mono<String> hello() {
        long seq = HelloEvent.next();
        LOG.atInfo().setMessage(MESSAGE)
                .addKeyValue(USER_KEY, USER)
                .addKeyValue(ITEM_ID_KEY, HelloEvent.itemId(seq))
                .addKeyValue(SIZE_KEY, HelloEvent.size(seq))
                .log();
        return Mono.just(HelloEvent.BODY);
    }
}

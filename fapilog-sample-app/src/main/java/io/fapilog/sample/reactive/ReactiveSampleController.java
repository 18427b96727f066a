package io.fapilog.sample.reactive;

import io.fapilog.AsyncLogger;
import io.fapilog.ExecutionMode;
import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import io.fapilog.sample.BurstReport;
import io.fapilog.sample.PaymentFailedException;
import io.fapilog.sample.PriceCalculator;
import io.fapilog.sample.Quote;
import io.fapilog.sample.User;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The WebFlux endpoints (the default). Each method declares the logger it wants: an
 * {@link AsyncLogger} (ASYNC: every call returns a {@code Mono<Void>} and never blocks) or a
 * {@link Logger} (the same request logger through the synchronous API: BOUND_LOOP on the event
 * loop). Both are bound to the request's {@code request_id}, {@code method} and {@code path}.
 */
@RestController
@ConditionalOnWebApplication(type = Type.REACTIVE)
class ReactiveSampleController {

    private final PriceCalculator prices;

    /** The runtime, for the engine's counters; none with {@code fapilog.enabled=false}. */
    private final ObjectProvider<FapilogRuntime> runtime;

    ReactiveSampleController(PriceCalculator prices, ObjectProvider<FapilogRuntime> runtime) {
        this.prices = prices;
        this.runtime = runtime;
    }

    /** ASYNC: the log call is part of the reactive chain. */
    @GetMapping("/users/{id}")
    Mono<User> user(@PathVariable long id, AsyncLogger log) {
        return log.info("Fetching user", "user_id", id)
                .then(Mono.fromSupplier(() -> User.find(id, log.executionMode())));
    }

    /** BOUND_LOOP: synchronous code on the event loop, logging with the familiar API. */
    @GetMapping("/quote")
    Quote quote(@RequestParam(defaultValue = "book") String sku, @RequestParam(defaultValue = "1") int quantity,
            Logger log) {
        return prices.quote(sku, quantity, log);
    }

    /** Fails: the access log event is {@code request_failed}, with the exception. */
    @GetMapping("/fail")
    Mono<Void> fail(AsyncLogger log) {
        return log.warn("Charging card", "order_id", 7)
                .then(Mono.error(new PaymentFailedException("Payment gateway timed out",
                        new TimeoutException("no answer within 2000 ms"))));
    }

    /** Logs the whole form: password, token and card number are masked in the log line. */
    @PostMapping(path = "/signup", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<Map<String, String>> signup(ServerWebExchange exchange, AsyncLogger log) {
        return exchange.getFormData().flatMap(form -> log.info("Signup received", "form", form.toSingleValueMap())
                .thenReturn(Map.of("username", String.valueOf(form.getFirst("username")), "status", "registered")));
    }

    /**
     * Logs {@code count} events as fast as the queue takes them. With the default
     * {@code logger=async} each event's {@code Mono} is awaited (without blocking) before the next
     * one is logged, so a full queue slows the burst down instead of losing events. With
     * {@code logger=sync} a BOUND_LOOP logger is used in a tight loop: it never blocks the event loop,
     * so what does not fit in the queue waits in the engine's waiting line without it, and what does
     * not fit there either is dropped and counted ({@code queue_full}).
     */
    @GetMapping("/burst")
    Mono<BurstReport> burst(@RequestParam(defaultValue = "10000") int count,
            @RequestParam(defaultValue = "async") String logger, AsyncLogger log) {
        checkCount(count);
        BurstReport.Start start = BurstReport.start(runtime.getIfAvailable());
        if ("sync".equals(logger)) {
            Logger syncLog = log.toLogger();
            for (int i = 1; i <= count; i++) {
                syncLog.info("Burst event", "seq", i, "of", count);
            }
            return Mono.just(start.finish(ExecutionMode.BOUND_LOOP, count));
        }
        return Flux.range(1, count)
                .concatMap(i -> log.info("Burst event", "seq", i, "of", count))
                .then(Mono.fromSupplier(() -> start.finish(ExecutionMode.ASYNC, count)));
    }

    static void checkCount(int count) {
        if (count < 1 || count > BurstReport.MAX_COUNT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "count must be between 1 and " + BurstReport.MAX_COUNT);
        }
    }
}

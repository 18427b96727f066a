package io.fapilog.sample.servlet;

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
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The Spring MVC endpoints (the {@code servlet} profile): the same paths as the WebFlux ones, each
 * taking the request's {@link Logger}, which runs in THREAD mode and is bound to the request's
 * {@code request_id}, {@code method} and {@code path}.
 */
@RestController
@ConditionalOnWebApplication(type = Type.SERVLET)
class ServletSampleController {

    private final PriceCalculator prices;

    /** The runtime, for the engine's counters; none with {@code fapilog.enabled=false}. */
    private final ObjectProvider<FapilogRuntime> runtime;

    ServletSampleController(PriceCalculator prices, ObjectProvider<FapilogRuntime> runtime) {
        this.prices = prices;
        this.runtime = runtime;
    }

    @GetMapping("/users/{id}")
    User user(@PathVariable long id, Logger log) {
        log.info("Fetching user", "user_id", id);
        return User.find(id, log.executionMode());
    }

    @GetMapping("/quote")
    Quote quote(@RequestParam(defaultValue = "book") String sku, @RequestParam(defaultValue = "1") int quantity,
            Logger log) {
        return prices.quote(sku, quantity, log);
    }

    @GetMapping("/fail")
    void fail(Logger log) {
        log.warn("Charging card", "order_id", 7);
        throw new PaymentFailedException("Payment gateway timed out", new TimeoutException("no answer within 2000 ms"));
    }

    @PostMapping(path = "/signup", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Map<String, String> signup(@RequestParam MultiValueMap<String, String> form, Logger log) {
        log.info("Signup received", "form", form.toSingleValueMap());
        return Map.of("username", String.valueOf(form.getFirst("username")), "status", "registered");
    }

    /**
     * Logs {@code count} events in a tight loop. In THREAD mode a full queue makes the caller wait
     * (up to {@code fapilog.queue.wait-timeout}) for the workers: the burst slows down rather than
     * losing events, unless the sinks cannot keep up for that long.
     */
    @GetMapping("/burst")
    BurstReport burst(@RequestParam(defaultValue = "10000") int count, Logger log) {
        if (count < 1 || count > BurstReport.MAX_COUNT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "count must be between 1 and " + BurstReport.MAX_COUNT);
        }
        BurstReport.Start start = BurstReport.start(runtime.getIfAvailable());
        for (int i = 1; i <= count; i++) {
            log.info("Burst event", "seq", i, "of", count);
        }
        return start.finish(ExecutionMode.THREAD, count);
    }
}

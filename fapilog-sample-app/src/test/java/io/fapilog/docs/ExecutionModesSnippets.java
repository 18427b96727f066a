package io.fapilog.docs;

import io.fapilog.AsyncLogger;
import io.fapilog.DrainResult;
import io.fapilog.ExecutionMode;
import io.fapilog.Fapilog;
import io.fapilog.FapilogConfig;
import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import io.fapilog.Preset;
import io.fapilog.spring.web.reactive.FapilogReactive;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The Java snippets of docs/execution-modes.md. */
final class ExecutionModesSnippets {

    private ExecutionModesSnippets() {
    }

    record User(long id, String name) {
    }

    record Quote(String sku, int quantity, long totalCents) {
    }

    record Order(long id, List<String> items) {
    }

    record Receipt(long orderId) {
    }

    interface UserRepository {
        Mono<User> findById(long id);
    }

    interface OrderRepository {
        Order save(Order order);
    }

    interface PaymentGateway {
        Mono<Receipt> charge(Order order);
    }

    interface Inventory {
        Mono<Integer> count(String sku);
    }

    // tag::async-controller[]
    @RestController
    class UserController {

        private final UserRepository users;

        UserController(UserRepository users) {
            this.users = users;
        }

        @GetMapping("/users/{id}")
        Mono<User> user(@PathVariable long id, AsyncLogger log) {
            return log.info("Fetching user", "user_id", id)
                    .then(users.findById(id));
        }
    }
    // end::async-controller[]

    // tag::bound-loop-controller[]
    @RestController
    class QuoteController {

        private final PriceCalculator prices = new PriceCalculator();

        @GetMapping("/quote")
        Quote quote(@RequestParam String sku, @RequestParam int quantity, Logger log) {
            return prices.quote(sku, quantity, log);
        }
    }

    class PriceCalculator {

        Quote quote(String sku, int quantity, Logger log) {
            log.info("Quote computed", "sku", sku, "quantity", quantity);
            return new Quote(sku, quantity, quantity * 1250L);
        }
    }
    // end::bound-loop-controller[]

    class Checkout {

        private PaymentGateway gateway;

        // tag::reactor-context[]
        Mono<Receipt> charge(Order order) {
            return FapilogReactive.logger()
                    .flatMap(log -> log.info("Charging order", "order_id", order.id()))
                    .then(gateway.charge(order));
        }
        // end::reactor-context[]
    }

    // tag::servlet-controller[]
    @RestController
    class OrderController {

        private final OrderRepository orders;

        OrderController(OrderRepository orders) {
            this.orders = orders;
        }

        @PostMapping("/orders")
        Order create(@RequestBody Order order, Logger log) {
            log.info("Creating order", "items", order.items().size());
            return orders.save(order);
        }
    }
    // end::servlet-controller[]

    static final class ImportJob {

        // tag::cli-runtime[]
        public static void main(String[] args) throws Exception {
            FapilogConfig config = Fapilog.builder().preset(Preset.PRODUCTION).build();
            try (FapilogRuntime runtime = Fapilog.runtime(config)) {
                Logger log = runtime.getLogger("import-job");
                List<String> lines = Files.readAllLines(Path.of(args[0]));
                log.info("Import started", "file", args[0], "lines", lines.size());
                for (String line : lines) {
                    log.debug("Importing line", "length", line.length());
                }
                log.info("Import finished");
            } // close() drains: every event is written before main returns
        }
        // end::cli-runtime[]
    }

    static final class ExplicitDrain {

        static void run(Logger log) {
            // tag::explicit-drain[]
            DrainResult result = log.stopAndDrain().join();
            System.err.printf("logged %d events, dropped %d%n", result.processed(), result.dropped());
            // end::explicit-drain[]
        }
    }

    // tag::static-logger[]
    @RestController
    class StockController {

        // Created when the class is initialised: a THREAD mode logger, not the request's.
        private static final Logger log = Fapilog.getLogger(StockController.class);

        private final Inventory inventory;

        StockController(Inventory inventory) {
            this.inventory = inventory;
        }

        @GetMapping("/stock/{sku}")
        Mono<Integer> stock(@PathVariable String sku) {
            log.info("Checking stock", "sku", sku); // on the event loop
            return inventory.count(sku);
        }
    }
    // end::static-logger[]

    // tag::static-logger-fixed[]
    @RestController
    class FixedStockController {

        private final Inventory inventory;

        FixedStockController(Inventory inventory) {
            this.inventory = inventory;
        }

        @GetMapping("/stock/{sku}")
        Mono<Integer> stock(@PathVariable String sku, AsyncLogger log) {
            return log.info("Checking stock", "sku", sku)
                    .then(inventory.count(sku));
        }
    }
    // end::static-logger-fixed[]

    static final class Blocking {

        static Mono<Integer> wrong(AsyncLogger log, Inventory inventory, String sku) {
            // tag::blocking-wrong[]
            log.info("Checking stock", "sku", sku).block(); // IllegalStateException on an event loop
            return inventory.count(sku);
            // end::blocking-wrong[]
        }

        static Mono<Integer> right(AsyncLogger log, Inventory inventory, String sku) {
            // tag::blocking-right[]
            return log.info("Checking stock", "sku", sku)
                    .then(inventory.count(sku));
            // end::blocking-right[]
        }

        static Mono<Integer> fireAndForget(AsyncLogger log, Inventory inventory, String sku) {
            // tag::fire-and-forget[]
            log.info("Checking stock", "sku", sku); // enqueued now, even without a subscriber
            return inventory.count(sku);
            // end::fire-and-forget[]
        }
    }

    static final class CheckMode {

        static void check(Logger log, AsyncLogger asyncLog) {
            // tag::check-mode[]
            ExecutionMode mode = log.executionMode();     // THREAD, BOUND_LOOP or ASYNC
            ExecutionMode async = asyncLog.executionMode(); // always ASYNC
            // end::check-mode[]
        }
    }

    static final class Migration {

        static void sync(Logger log) {
            // tag::migrate-sync[]
            log.info("Fetching user", "user_id", 123);
            // end::migrate-sync[]
        }

        static Mono<Void> async(AsyncLogger log) {
            // tag::migrate-async[]
            return log.info("Fetching user", "user_id", 123);
            // end::migrate-async[]
        }

        static Logger view(AsyncLogger log) {
            // tag::async-to-sync[]
            Logger sync = log.toLogger(); // same engine and context: BOUND_LOOP, unless fapilog.mode forces another
            // end::async-to-sync[]
            return sync;
        }
    }
}

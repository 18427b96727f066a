package io.fapilog.docs;

import io.fapilog.AsyncLogger;
import io.fapilog.Fapilog;
import io.fapilog.FapilogConfig;
import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import io.fapilog.config.MdcSettings;
import io.fapilog.context.ContextScope;
import io.fapilog.context.ScopedContext;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.ExecutorService;

/** The Java snippets of docs/logging-api.md. */
final class LoggingApiSnippets {

    private LoggingApiSnippets() {
    }

    record Order(long id, String customer, int items) {
    }

    record Job(String id, String tenant) {
    }

    static final Logger log = Fapilog.getLogger(LoggingApiSnippets.class);

    static String describe(Order order) {
        return order.toString();
    }

    static void keyValues(Order order, Exception e) {
        // tag::key-values[]
        log.info("Order placed", "order_id", order.id(), "customer", order.customer());
        log.info("Order placed", Map.of("order_id", order.id(), "items", order.items()));
        log.error("Charge failed", e, "order_id", order.id());
        // end::key-values[]
    }

    static void placeholders(Order order, Exception e) {
        // tag::placeholders[]
        log.info("Order {} placed by {}", order.id(), order.customer());   // message: "Order 7 placed by acme"
        log.info("Order {} placed", order.id(), "items", order.items());   // items goes to data
        log.error("Charge for order {} failed", order.id(), e);            // e is the exception
        // end::placeholders[]
    }

    static void fluent(Order order, Exception e) {
        // tag::fluent[]
        log.atInfo()
                .add("order_id", order.id())       // long: no boxing when INFO is off
                .add("items", order.items())
                .add("summary", () -> describe(order))   // computed only when INFO is on
                .cause(e)
                .tag("billing")
                .log("Order placed");
        // end::fluent[]
    }

    static void lazy(Order order) {
        // tag::supplier[]
        log.debug("Order state", "order", () -> describe(order));
        log.atDebug().log(() -> "Order " + describe(order));
        // end::supplier[]
    }

    static Mono<Void> async(AsyncLogger alog, Order order) {
        // tag::async-overloads[]
        return alog.info("Order placed", "order_id", order.id(), "items", order.items())
                .then(alog.info("Order details", Map.of("customer", order.customer())));
        // end::async-overloads[]
    }

    static void scoped(Job job) {
        // tag::scoped-context[]
        try (ContextScope scope = Fapilog.withContext("job_id", job.id(), "tenant", job.tenant())) {
            log.info("Job started");                          // context.job_id, context.tenant
            org.slf4j.LoggerFactory.getLogger("com.acme.Etl").info("Loading");  // bridged: the same fields
            try (ContextScope step = Fapilog.withContext("step", "load")) {
                log.info("Step started");                     // job_id, tenant and step
            }
            log.info("Job finished");                         // job_id and tenant again
        }
        // end::scoped-context[]
    }

    static void otherThread(ExecutorService executor, Job job) {
        // tag::scoped-context-executor[]
        try (ContextScope scope = Fapilog.withContext("job_id", job.id())) {
            executor.submit(ScopedContext.current().wrap(() -> log.info("In the pool")));
        }
        // end::scoped-context-executor[]
    }

    static FapilogRuntime mdc() {
        // tag::mdc-builder[]
        FapilogConfig config = Fapilog.builder()
                .mdc(MdcSettings.keys("tenant", "user_id"))   // or MdcSettings.all()
                .build();
        // end::mdc-builder[]
        return Fapilog.runtime(config);
    }
}

package io.fapilog.docs;

import io.fapilog.Fapilog;
import io.fapilog.Level;
import io.fapilog.Logger;

import net.logstash.logback.marker.Markers;

import java.util.Map;

import static net.logstash.logback.argument.StructuredArguments.kv;

/** The Java snippets of docs/migration.md. */
final class MigrationSnippets {

    private MigrationSnippets() {
    }

    record Order(long id, String customer, long totalCents) {
    }

    static final class Declaration {

        // tag::declare[]
        private static final Logger log = Fapilog.getLogger(Declaration.class);
        // end::declare[]
    }

    static void keyValues(Logger log, Order order) {
        // tag::key-values[]
        log.info("Order placed", "order_id", order.id(), "customer", order.customer());
        // end::key-values[]
    }

    static void map(Logger log, Order order) {
        // tag::map-fields[]
        log.info("Order placed", Map.of("order_id", order.id(), "total_cents", order.totalCents()));
        // end::map-fields[]
    }

    static void bind(Logger log, Order order) {
        // tag::bind[]
        Logger orderLog = log.bind("order_id", order.id(), "customer", order.customer());
        orderLog.info("Payment authorised");
        orderLog.info("Order shipped", "carrier", "dhl");
        // end::bind[]
    }

    static void logstashArguments(org.slf4j.Logger log) {
        // tag::logstash-arguments[]
        log.info(Markers.append("tenant", "acme"), "Order {} placed", kv("order_id", 7));
        // {"message":"Order order_id=7 placed", ... "data":{"order_id":7,"tenant":"acme"}}
        // end::logstash-arguments[]
    }

    static void exception(Logger log, Order order, Exception e) {
        // tag::exception[]
        log.error("Charge failed", e, "order_id", order.id());
        // end::exception[]
    }

    static void guard(Logger log, Order order) {
        // tag::guard[]
        if (log.isEnabled(Level.DEBUG)) {
            log.debug("Order details", "order", describe(order));
        }
        // end::guard[]
    }

    private static String describe(Order order) {
        return order.toString();
    }
}

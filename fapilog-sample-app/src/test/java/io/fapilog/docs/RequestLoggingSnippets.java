package io.fapilog.docs;

import io.fapilog.AsyncLogger;
import io.fapilog.Logger;
import io.fapilog.spring.web.HttpRequestContext;
import io.fapilog.spring.web.reactive.FapilogReactive;
import io.fapilog.spring.web.servlet.FapilogServlet;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The Java snippets of docs/request-logging.md. */
final class RequestLoggingSnippets {

    private RequestLoggingSnippets() {
    }

    record Invoice(long id, String requestId) {
    }

    interface Invoices {
        Mono<Invoice> find(long id, String requestId);
    }

    // tag::request-context-parameter[]
    @RestController
    class InvoiceController {

        private final Invoices invoices;

        InvoiceController(Invoices invoices) {
            this.invoices = invoices;
        }

        @GetMapping("/invoices/{id}")
        Mono<Invoice> invoice(@PathVariable long id, HttpRequestContext request, AsyncLogger log) {
            return log.info("Fetching invoice", "invoice_id", id)
                    .then(invoices.find(id, request.requestId()));
        }
    }
    // end::request-context-parameter[]

    static final class Reactive {

        // tag::reactive-request-context[]
        Mono<String> auditTrail() {
            return FapilogReactive.requestContext()
                    .map(request -> "request " + request.requestId() + " " + request.method() + " " + request.path())
                    .defaultIfEmpty("no request");
        }
        // end::reactive-request-context[]

        // tag::reactive-sync-logger[]
        Mono<Void> recalculate(long invoiceId) {
            return FapilogReactive.syncLogger()
                    .doOnNext(log -> log.info("Recalculating invoice", "invoice_id", invoiceId))
                    .then();
        }
        // end::reactive-sync-logger[]
    }

    static final class Servlet {

        // tag::servlet-current-logger[]
        void recalculate(long invoiceId) {
            FapilogServlet.currentLogger()
                    .ifPresent(log -> log.info("Recalculating invoice", "invoice_id", invoiceId));
        }
        // end::servlet-current-logger[]
    }

    interface Payments {
        String charge(long orderId);
    }

    // tag::slf4j-in-controller[]
    @RestController
    static class PaymentController {

        private static final org.slf4j.Logger log = LoggerFactory.getLogger(PaymentController.class);

        private final Payments payments;

        PaymentController(Payments payments) {
            this.payments = payments;
        }

        @PostMapping("/orders/{id}/payment")
        String pay(@PathVariable long id) {
            log.info("Charging order {}", id);   // context.request_id, method, path, trace ids
            return payments.charge(id);
        }
    }
    // end::slf4j-in-controller[]

    static final class ReactiveService {

        private static final org.slf4j.Logger log = LoggerFactory.getLogger(ReactiveService.class);

        // tag::slf4j-in-reactive-chain[]
        Mono<String> price(long sku) {
            return Mono.fromCallable(() -> lookUp(sku))
                    .subscribeOn(Schedulers.boundedElastic())
                    .doOnNext(price -> log.info("Priced {} at {}", sku, price));  // any thread: same request_id
        }
        // end::slf4j-in-reactive-chain[]

        private String lookUp(long sku) {
            return "9.99";
        }
    }

    @RestController
    static class ErrorsController {

        // tag::client-error[]
        @GetMapping("/invoices/{id}/pdf")
        ResponseEntity<byte[]> pdf(@PathVariable long id, Logger log) {
            log.warn("Invoice has no PDF yet", "invoice_id", id);
            return ResponseEntity.notFound().build(); // request_completed, status_code 404
        }
        // end::client-error[]
    }
}

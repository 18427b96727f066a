package io.fapilog.sample.log4j2;

import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Logs each order at DEBUG and WARN twice: through fapilog and through a library that uses the Log4j2 API. */
@RestController
class OrdersController {

    private final OrdersLibrary library = new OrdersLibrary();
    private final Logger orders;

    OrdersController(FapilogRuntime runtime) {
        this.orders = runtime.getLogger("com.acme.orders");
    }

    @GetMapping("/orders/{id}")
    String order(@PathVariable String id) {
        orders.debug("fapilog debug", "order_id", id);
        orders.warn("fapilog warn", "order_id", id);
        library.price(id);
        return id;
    }

    /** Stands for a third-party library logging with the Log4j2 API, its context in the ThreadContext. */
    static final class OrdersLibrary {

        private static final org.apache.logging.log4j.Logger LOG = LogManager.getLogger("com.acme.library");

        void price(String id) {
            try (CloseableThreadContext.Instance ignored = CloseableThreadContext.put("order_id", id)
                    .put("password", "hunter2")) {
                LOG.debug("log4j2 debug {}", id);
                LOG.warn("log4j2 warn {}", id);
            }
        }
    }
}

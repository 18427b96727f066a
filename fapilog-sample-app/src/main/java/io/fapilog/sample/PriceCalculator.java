package io.fapilog.sample;

import io.fapilog.Logger;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Plain synchronous code, as found in any application: it takes a {@link Logger} and knows nothing
 * about the web stack. Called from a WebFlux controller it logs in BOUND_LOOP mode, from a Spring
 * MVC controller in THREAD mode. The price list it reads logs through SLF4J, as libraries do: that
 * event carries the request's context as well.
 */
@Component
public class PriceCalculator {

    private static final Map<String, BigDecimal> UNIT_PRICES = Map.of(
            "book", new BigDecimal("12.50"),
            "pen", new BigDecimal("1.20"),
            "lamp", new BigDecimal("34.00"));

    private static final BigDecimal DEFAULT_UNIT_PRICE = new BigDecimal("9.99");

    private static final org.slf4j.Logger PRICE_LIST = org.slf4j.LoggerFactory.getLogger("io.fapilog.sample.PriceList");

    public Quote quote(String sku, int quantity, Logger log) {
        BigDecimal unitPrice = UNIT_PRICES.getOrDefault(sku, DEFAULT_UNIT_PRICE);
        PRICE_LIST.atInfo().addKeyValue("sku", sku).log("Unit price looked up");
        BigDecimal total = unitPrice.multiply(BigDecimal.valueOf(quantity));
        log.info("Quote computed", "sku", sku, "quantity", quantity, "total", total);
        return new Quote(sku, quantity, total, log.executionMode());
    }
}

package io.fapilog.sample;

import io.fapilog.Logger;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Plain synchronous code, as found in any application: it takes a {@link Logger} and knows nothing
 * about the web stack. Called from a WebFlux controller it logs in BOUND_LOOP mode, from a Spring
 * MVC controller in THREAD mode.
 */
@Component
public class PriceCalculator {

    private static final Map<String, BigDecimal> UNIT_PRICES = Map.of(
            "book", new BigDecimal("12.50"),
            "pen", new BigDecimal("1.20"),
            "lamp", new BigDecimal("34.00"));

    private static final BigDecimal DEFAULT_UNIT_PRICE = new BigDecimal("9.99");

    public Quote quote(String sku, int quantity, Logger log) {
        BigDecimal unitPrice = UNIT_PRICES.getOrDefault(sku, DEFAULT_UNIT_PRICE);
        BigDecimal total = unitPrice.multiply(BigDecimal.valueOf(quantity));
        log.info("Quote computed", "sku", sku, "quantity", quantity, "total", total);
        return new Quote(sku, quantity, total, log.executionMode());
    }
}

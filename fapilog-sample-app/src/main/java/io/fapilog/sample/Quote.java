package io.fapilog.sample;

import io.fapilog.ExecutionMode;

import java.math.BigDecimal;

/**
 * The answer of {@code GET /quote}.
 *
 * @param loggedWith the execution mode of the logger the quote was logged with
 */
public record Quote(String sku, int quantity, BigDecimal total, ExecutionMode loggedWith) {
}

package io.fapilog.sample;

/** What {@code GET /fail} throws: it becomes a 500 and a {@code request_failed} event carrying it. */
public class PaymentFailedException extends RuntimeException {

    public PaymentFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

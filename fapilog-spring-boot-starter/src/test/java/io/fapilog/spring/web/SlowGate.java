package io.fapilog.spring.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

/** Holds slow requests inside the controller until the test lets them go. */
public final class SlowGate {

    private final CountDownLatch entered;
    private final CompletableFuture<Void> released = new CompletableFuture<>();

    public SlowGate(int requests) {
        this.entered = new CountDownLatch(requests);
    }

    /** Called by the controller when a request arrives. */
    public void enter() {
        entered.countDown();
    }

    /** Completes when the test releases the requests. */
    public CompletableFuture<Void> released() {
        return released;
    }

    public CountDownLatch entered() {
        return entered;
    }

    public void release() {
        released.complete(null);
    }
}

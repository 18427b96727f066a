package io.fapilog.context;

import io.fapilog.Fapilog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ScopedContextTest {

    @AfterEach
    void nothingLeaks() {
        assertThat(ScopedContext.current().isEmpty()).isTrue();
    }

    @Test
    void scopesNestAndCloseRestoresTheOuterFields() {
        try (ContextScope outer = Fapilog.withContext("job_id", "j1", "step", "load")) {
            assertThat(ScopedContext.current().asMap()).containsExactly(Map.entry("job_id", "j1"), Map.entry("step", "load"));
            try (ContextScope inner = Fapilog.withContext("step", "parse", "line", 7)) {
                assertThat(ScopedContext.current().asMap()).containsExactly(
                        Map.entry("job_id", "j1"), Map.entry("step", "parse"), Map.entry("line", 7));
            }
            assertThat(ScopedContext.current().asMap()).containsExactly(Map.entry("job_id", "j1"), Map.entry("step", "load"));
        }
        assertThat(ScopedContext.current().isEmpty()).isTrue();
    }

    /** A scope closed on another thread (a future's whenComplete) leaves that thread's fields alone: a pooled thread never inherits them. */
    @Test
    void aScopeClosedOnAnotherThreadLeavesThatThreadsFieldsAlone() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            try (ContextScope outer = Fapilog.withContext("outer", 1)) {
                ContextScope scope = Fapilog.withContext("opened_on", "main");
                pool.submit(scope::close).get(10, TimeUnit.SECONDS);
                assertThat(pool.submit(() -> ScopedContext.current().asMap()).get(10, TimeUnit.SECONDS)).isEmpty();
                assertThat(ScopedContext.current().asMap()).containsExactly(Map.entry("outer", 1), Map.entry("opened_on", "main"));
                scope.close(); // its opener's close restores what was before it
            }
            // closing the enclosing scope on its own thread restores what was before both
            assertThat(ScopedContext.current().isEmpty()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A try-with-resources scope that a future's callback also closes (on the pool's thread): the
     * opener's own close still restores its thread's fields, which would otherwise stay on it for good.
     */
    @Test
    void aScopeClosedOnAnotherThreadFirstIsStillRestoredByItsOwnClose() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Void> work = CompletableFuture.runAsync(() -> await(started), pool);
            try (ContextScope scope = Fapilog.withContext("job_id", 42)) {
                CompletableFuture<Void> closedThere = work.whenComplete((result, failure) -> scope.close());
                started.countDown();
                closedThere.get(10, TimeUnit.SECONDS);
                assertThat(ScopedContext.current().asMap()).containsExactly(Map.entry("job_id", 42));
            }
            assertThat(ScopedContext.current().isEmpty()).isTrue();
            assertThat(pool.submit(() -> ScopedContext.current().asMap()).get(10, TimeUnit.SECONDS)).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A scope closed on another thread, then a scope opened and closed inside it on its own thread:
     * nothing stays on the thread (its fields stayed for good, the inner scope having forgotten it).
     */
    @Test
    void aScopeOpenedInsideOneClosedElsewhereLeavesNothingBehind() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            try (ContextScope a = Fapilog.withContext("a", 1)) {
                ContextScope b = Fapilog.withContext("b", 2);
                pool.submit(b::close).get(10, TimeUnit.SECONDS);
                try (ContextScope c = Fapilog.withContext("c", 3)) {
                    assertThat(ScopedContext.current().asMap()).containsExactly(
                            Map.entry("a", 1), Map.entry("b", 2), Map.entry("c", 3));
                }
                assertThat(ScopedContext.current().asMap()).containsExactly(Map.entry("a", 1));
                b.close();
                assertThat(ScopedContext.current().asMap()).containsExactly(Map.entry("a", 1));
            }
            assertThat(ScopedContext.current().isEmpty()).isTrue();

            ContextScope a = Fapilog.withContext("a", 1);
            pool.submit(a::close).get(10, TimeUnit.SECONDS);
            try (ContextScope b = Fapilog.withContext("b", 2)) {
                assertThat(ScopedContext.current().asMap()).containsExactly(Map.entry("a", 1), Map.entry("b", 2));
            }
            a.close();
            assertThat(ScopedContext.current().isEmpty()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closed out of order, a scope keeps the inner one's fields until that one closes, which restores what was before both. */
    @Test
    void scopesClosedOutOfOrderRestoreWhatWasBeforeBoth() {
        try (ContextScope base = Fapilog.withContext("base", 0)) {
            ContextScope outer = Fapilog.withContext("outer", 1);
            ContextScope inner = Fapilog.withContext("inner", 2);
            outer.close();
            assertThat(ScopedContext.current().asMap()).containsExactly(Map.entry("base", 0), Map.entry("outer", 1), Map.entry("inner", 2));
            inner.close();
            assertThat(ScopedContext.current().asMap()).containsExactly(Map.entry("base", 0));
        }
    }

    /**
     * On an event loop the context-propagation accessor replaces the fields between scopes: a scope
     * closed elsewhere in one request never brings that request's fields back in the next.
     */
    @Test
    void aScopeClosedElsewhereNeverBringsAnEarlierRequestsFieldsBack() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            ScopedContext.empty().with("request_id", "R1", "tenant", "acme").setCurrent(); // the accessor, request 1
            ContextScope step = Fapilog.withContext("step", "load");
            other.submit(step::close).get(10, TimeUnit.SECONDS); // a doFinally on another thread
            ScopedContext.empty().setCurrent(); // the accessor's restore
            try (ContextScope request2 = ScopedContext.empty().with("request_id", "R2").makeCurrent()) {
                assertThat(ScopedContext.current().asMap()).containsExactly(Map.entry("request_id", "R2"));
            }
            assertThat(ScopedContext.current().isEmpty()).isTrue();
        } finally {
            other.shutdownNow();
            ScopedContext.empty().setCurrent();
        }
    }

    /** Scopes never closed (leaked) keep no chain of earlier fields alive: what they held can be collected. */
    @Test
    void leakedScopesKeepNoChainOfEarlierFields() throws Exception {
        java.lang.ref.WeakReference<Object> first = leakScopes();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (first.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(first.get()).as("a value of the first of 100 leaked scopes").isNull();
        ScopedContext.empty().setCurrent();
    }

    private static java.lang.ref.WeakReference<Object> leakScopes() {
        Object value = new Object();
        Fapilog.withContext("value", value); // never closed
        for (int i = 0; i < 100; i++) {
            Fapilog.withContext("value", i); // each replaces the value, and is never closed either
        }
        return new java.lang.ref.WeakReference<>(value);
    }

    @Test
    void aMutableValueIsCapturedWhenTheScopeOpensAsBindCapturesIt() {
        List<Integer> ids = new ArrayList<>(List.of(1, 2, 3));
        try (ContextScope scope = Fapilog.withContext("ids", ids)) {
            ids.add(4);
            assertThat(ScopedContext.current().asMap().get("ids")).isEqualTo(List.of(1, 2, 3));
        }
    }

    @Test
    void closingTwiceDoesNothingAndAnExceptionStillRestores() {
        ContextScope scope = Fapilog.withContext("a", 1);
        ContextScope inner = Fapilog.withContext("b", 2);
        inner.close();
        try (ContextScope reopened = Fapilog.withContext("c", 3)) {
            inner.close(); // a second close must not clobber the scope opened since
            assertThat(ScopedContext.current().asMap()).containsOnlyKeys("a", "c");
        }
        scope.close();
        try (ContextScope failing = Fapilog.withContext("x", 1)) {
            throw new IllegalStateException("boom");
        } catch (IllegalStateException expected) {
            assertThat(ScopedContext.current().isEmpty()).isTrue();
        }
    }

    @Test
    void mapFormKeepsOrderAndASnapshotFollowsWorkToAnotherThread() throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tenant", "acme");
        fields.put("region", "eu");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (ContextScope scope = Fapilog.withContext(fields)) {
            Future<Map<String, Object>> seen = pool.submit(ScopedContext.current().wrap(() -> ScopedContext.current().asMap()));
            assertThat(seen.get(10, TimeUnit.SECONDS)).containsExactly(Map.entry("tenant", "acme"), Map.entry("region", "eu"));
            Future<Boolean> after = pool.submit(() -> ScopedContext.current().isEmpty());
            assertThat(after.get(10, TimeUnit.SECONDS)).as("the pool thread is clean after the wrapped task").isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void threadsNeverSeeEachOthersFields() throws Exception {
        int threads = 16;
        int rounds = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            String id = "t" + t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        try (ContextScope outer = Fapilog.withContext("thread", id)) {
                            try (ContextScope inner = Fapilog.withContext("round", i)) {
                                if (!id.equals(ScopedContext.current().get("thread"))
                                        || !Integer.valueOf(i).equals(ScopedContext.current().get("round"))) {
                                    failures.add(id + " saw " + ScopedContext.current());
                                }
                            }
                            if (ScopedContext.current().get("round") != null) {
                                failures.add(id + " kept round after close");
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(failures).isEmpty();
    }

    /** JDK 21+ only (the build targets 17): skipped on older runtimes. */
    @Test
    void virtualThreadsEachSeeTheirOwnScopeAndGetItRestored() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21");
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        java.lang.reflect.Method unstarted = Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class);
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 1_000; t++) {
            String id = "v" + t;
            Thread thread = (Thread) unstarted.invoke(builder, (Runnable) () -> {
                try (ContextScope scope = Fapilog.withContext("thread", id)) {
                    Thread.yield(); // let the carrier run other virtual threads in between
                    if (!id.equals(ScopedContext.current().get("thread"))) {
                        failures.add(id + " saw " + ScopedContext.current());
                    }
                }
                if (!ScopedContext.current().isEmpty()) {
                    failures.add(id + " kept its scope after close");
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void malformedPairsNeverThrow() {
        try (ContextScope scope = Fapilog.withContext("k", 1, 42, "v")) {
            assertThat(ScopedContext.current().asMap()).containsEntry("k", 1).containsEntry("42", "v");
        }
    }
}

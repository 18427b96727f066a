package io.fapilog.internal.engine;

import io.fapilog.internal.FapilogThreads;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where worker loops run: dedicated daemon threads for THREAD mode, a Reactor scheduler
 * (bounded-elastic, so the sinks' blocking I/O is allowed there) for ASYNC and BOUND_LOOP.
 */
interface WorkerHost {

    void start(Runnable worker);

    /** Releases the host's threads once every worker has finished. */
    void dispose();

    static WorkerHost threads() {
        return new DaemonThreads();
    }

    static WorkerHost reactor(int workers) {
        ReactorSupport.require("Running workers on a Reactor scheduler");
        return new ReactorScheduler(workers);
    }

    final class DaemonThreads implements WorkerHost {
        private static final AtomicInteger NEXT = new AtomicInteger();

        @Override
        public void start(Runnable worker) {
            Thread thread = FapilogThreads.newThread(worker, "fapilog-worker-" + NEXT.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void dispose() {
        }
    }

    final class ReactorScheduler implements WorkerHost {
        private final reactor.core.scheduler.Scheduler scheduler;

        ReactorScheduler(int workers) {
            this.scheduler = reactor.core.scheduler.Schedulers.newBoundedElastic(
                    workers, Integer.MAX_VALUE, "fapilog-worker", 60, true);
        }

        @Override
        public void start(Runnable worker) {
            scheduler.schedule(FapilogThreads.marked(worker));
        }

        @Override
        public void dispose() {
            scheduler.dispose();
        }
    }
}

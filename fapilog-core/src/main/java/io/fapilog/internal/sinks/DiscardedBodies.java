package io.fapilog.internal.sinks;

import io.fapilog.internal.FapilogThreads;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The bodies of the HTTP sink's answers, read and discarded after the post: its status and headers
 * are the answer, and a collector that stalls in the body it announced must not turn a delivered
 * batch into a failure (and a retry that sends it twice). A body not ended within the timeout is
 * cancelled, which closes its connection (HTTP/1.1; over HTTP/2 it resets that stream); an ended one
 * leaves the connection for the next post. Closing cancels those still being read.
 */
final class DiscardedBodies implements AutoCloseable {

    private static final CompletableFuture<Void> ANSWERED = CompletableFuture.completedFuture(null);

    private final Duration timeout;
    private final Set<Body> reading = ConcurrentHashMap.newKeySet();
    private final ScheduledThreadPoolExecutor timer;

    DiscardedBodies(String sinkName, Duration timeout) {
        this.timeout = timeout;
        this.timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = FapilogThreads.newThread(task, "fapilog-" + sinkName + "-bodies");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(Math.max(1, timeout.toSeconds()), TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true); // no thread kept (with fapilog's class loader) while nothing is read
    }

    /** The subscriber of one answer's body: its post's future completes with the headers. */
    HttpResponse.BodySubscriber<Void> subscriber(HttpResponse.ResponseInfo answer) {
        Body body = new Body(answer.headers().firstValueAsLong("Content-Length").orElse(-1));
        reading.add(body);
        try {
            body.deadline = timer.schedule(body::cancel, timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            body.cancel(); // the sink was closed meanwhile: nothing more to read
        }
        return body;
    }

    @Override
    public void close() {
        reading.forEach(Body::cancel);
        timer.shutdownNow();
    }

    private final class Body implements HttpResponse.BodySubscriber<Void> {

        private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
        /** Bytes still announced ({@code Content-Length}), or negative when the length is not known. */
        private long remaining;
        private volatile boolean ended;
        private volatile ScheduledFuture<?> deadline;

        Body(long length) {
            this.remaining = length;
        }

        @Override
        public CompletionStage<Void> getBody() {
            return ANSWERED;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.complete(s);
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            if (remaining > 0) {
                for (ByteBuffer buffer : item) {
                    remaining -= buffer.remaining();
                }
                if (remaining <= 0) {
                    // All announced bytes are here: the client hands the connection back before onComplete,
                    // and a cancel from now on would close it under the next post.
                    end();
                }
            }
        }

        @Override
        public void onError(Throwable throwable) {
            end();
        }

        @Override
        public void onComplete() {
            end();
        }

        private void end() {
            ended = true;
            reading.remove(this);
            ScheduledFuture<?> timeout = deadline;
            if (timeout != null) {
                timeout.cancel(false);
            }
        }

        void cancel() {
            reading.remove(this);
            if (!ended) {
                subscription.thenAccept(Flow.Subscription::cancel);
            }
        }
    }
}

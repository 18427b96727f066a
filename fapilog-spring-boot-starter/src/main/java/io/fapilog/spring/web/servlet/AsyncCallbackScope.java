package io.fapilog.spring.web.servlet;

import io.fapilog.spring.web.HttpRequestContext;
import io.fapilog.spring.web.RequestScope;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * Makes a request's context current while the container delivers its asynchronous events
 * (timeout, error, completion) to the listeners, on whatever container thread that happens: so a
 * {@code DeferredResult}'s, {@code WebAsyncTask}'s or emitter's {@code onTimeout}, {@code onError}
 * and {@code onCompletion} callbacks, which Spring MVC runs from its own listener, log with it. The
 * listener that opens the scope is registered when the request starts async, before Spring MVC's
 * (through the request {@link #wrap} hands down the chain); the filter's completion listener,
 * registered after Spring MVC's, {@link #close}s it. The container calls a request's listeners one
 * after the other, on one thread, for each event.
 */
final class AsyncCallbackScope {

    private final HttpRequestContext context;
    private volatile RequestScope open;
    private volatile Thread openedOn;

    AsyncCallbackScope(HttpRequestContext context) {
        this.context = context;
    }

    /** {@code request}, whose {@code startAsync} registers this scope's opening listener first. */
    HttpServletRequest wrap(HttpServletRequest request) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public AsyncContext startAsync() {
                return listened(super.startAsync());
            }

            @Override
            public AsyncContext startAsync(ServletRequest servletRequest, ServletResponse servletResponse) {
                return listened(super.startAsync(servletRequest, servletResponse));
            }
        };
    }

    private AsyncContext listened(AsyncContext async) {
        async.addListener(new OnEveryEvent(this::open));
        return async;
    }

    /** Closes the scope this thread opened for the event being delivered; nothing if none. */
    void close() {
        RequestScope scope = open;
        if (scope != null && openedOn == Thread.currentThread()) {
            open = null;
            openedOn = null;
            scope.close();
        }
    }

    /**
     * A listener that only {@link #close}s: registered after the others for a request whose access
     * event was written already, when an exception left the chain after the request went async (the
     * container still delivers the cycle's error and completion, and this scope opens for each).
     */
    AsyncListener closing() {
        return new OnEveryEvent(this::close);
    }

    private void open() {
        close();
        openedOn = Thread.currentThread();
        open = RequestScope.open(context);
    }

    /** A listener that does one thing at each of an async cycle's events, and stays registered when async starts again. */
    private record OnEveryEvent(Runnable action) implements AsyncListener {

        @Override
        public void onTimeout(AsyncEvent event) {
            action.run();
        }

        @Override
        public void onError(AsyncEvent event) {
            action.run();
        }

        @Override
        public void onComplete(AsyncEvent event) {
            action.run();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this); // async started again: in its place again
        }
    }
}

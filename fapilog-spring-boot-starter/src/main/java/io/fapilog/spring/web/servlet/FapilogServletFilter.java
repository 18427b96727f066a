package io.fapilog.spring.web.servlet;

import io.fapilog.Logger;
import io.fapilog.spring.web.FapilogWebAttributes;
import io.fapilog.spring.web.HttpRequestContext;
import io.fapilog.spring.web.HttpRequestLogging;
import io.fapilog.spring.web.RequestScope;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.util.DisconnectedClientHelper;

import java.io.IOException;

/**
 * The servlet request filter: gives each request a {@link Logger} (THREAD mode on a servlet
 * thread) bound to its {@code request_id}, {@code method}, {@code path} and trace ids, kept in the
 * request attribute {@link FapilogWebAttributes#LOGGER}; makes that context current on the request's
 * thread for every logger (fapilog's scoped context and the SLF4J MDC, see {@link RequestScope}) until
 * the filter returns; echoes the request id on the response;
 * and writes the request's access log event once: when the chain returns, when an exception
 * leaves it ({@code request_failed}, status 500 unless the exception says otherwise), or, for
 * asynchronous requests, when the async cycle completes. On every later dispatch of the request (an
 * asynchronous request's dispatch back to the container: an exception handler for a {@code Callable}'s
 * failure, a timeout's answer; the container's error page after a {@code sendError}, Spring Security's
 * 401 and 403) the same context is current again, and while the container delivers its async events to the listeners
 * (the timeout, error and completion callbacks of a {@code DeferredResult}, see
 * {@link AsyncCallbackScope}); it adds nothing else.
 */
public class FapilogServletFilter extends OncePerRequestFilter implements Ordered {

    /**
     * Early, right after Spring's {@code ServerHttpObservationFilter} ({@code HIGHEST_PRECEDENCE + 1})
     * so that a tracer's span is current, and before security and the other filters.
     */
    public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    /** The status a response had gone out with when an async dispatch began: what the client got. */
    private static final String STATUS_SENT = FapilogServletFilter.class.getName() + ".statusSent";

    private final HttpRequestLogging logging;
    private final Logger requestLogger;
    private final Logger accessLogger;
    private int order = DEFAULT_ORDER;

    public FapilogServletFilter(HttpRequestLogging logging) {
        this.logging = logging;
        this.requestLogger = logging.runtime().getLogger(HttpRequestLogging.REQUEST_LOGGER);
        this.accessLogger = logging.runtime().getLogger(HttpRequestLogging.ACCESS_LOGGER);
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    /** The container's error page ({@code /error}, after a {@code sendError}) runs with the request's context too. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean asyncDispatch = isAsyncDispatch(request);
        if (asyncDispatch && response.isCommitted() && request.getAttribute(STATUS_SENT) == null) {
            request.setAttribute(STATUS_SENT, response.getStatus()); // an emitter's error handling may set another later
        }
        if (request.getAttribute(FapilogWebAttributes.REQUEST_CONTEXT) instanceof HttpRequestContext context) {
            // A later dispatch of a request opened here (async, or the container's error page, whatever type the
            // container gives it): it runs in the request's scope and adds no access event of its own.
            try (RequestScope scope = RequestScope.open(context)) {
                chain.doFilter(request, response);
            } catch (ServletException | IOException | RuntimeException | Error e) {
                if (asyncDispatch) {
                    // Jetty ends such a cycle (a stream failing after its status went out) without telling
                    // the async listeners: the event is written now, once (the listener's would be the same).
                    failed(context, new HttpServletRequestView(request), request, response, e);
                }
                throw e;
            }
            return;
        }
        if (asyncDispatch || request.getDispatcherType() == DispatcherType.ERROR) {
            chain.doFilter(request, response); // of a request this filter never opened
            return;
        }
        HttpServletRequestView view = new HttpServletRequestView(request);
        HttpRequestContext context = logging.open(view);
        request.setAttribute(FapilogWebAttributes.REQUEST_CONTEXT, context);
        request.setAttribute(FapilogWebAttributes.LOGGER, requestLogger.bind(context.keyValues()));
        response.setHeader(logging.requestIdHeader(), context.requestId());
        AsyncCallbackScope asyncCallbacks = new AsyncCallbackScope(context);
        try (RequestScope scope = RequestScope.open(context)) {
            try {
                chain.doFilter(asyncCallbacks.wrap(request), response);
            } catch (ServletException | IOException | RuntimeException | Error e) {
                failed(context, view, request, response, e);
                closeCallbacksWhenAsyncEnds(request, asyncCallbacks);
                throw e;
            }
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new CompletionListener(context, view, response, asyncCallbacks));
            } else if (clientLeftMidRequest(request, response.getStatus())) {
                complete(context, view, HttpRequestLogging.CLIENT_CLOSED_REQUEST, null, true);
            } else {
                complete(context, view, response.getStatus(), failure(request, response.getStatus()), false);
            }
        }
    }

    /**
     * The access event of a request whose chain threw {@code thrown}: with the status the client got
     * once the response went out (when the async dispatch began, for a stream), else the one the
     * exception stands for (the container's error page has not answered yet).
     */
    private void failed(HttpRequestContext context, HttpServletRequestView view, HttpServletRequest request,
            HttpServletResponse response, Throwable thrown) {
        Throwable error = unwrap(thrown);
        int status = request.getAttribute(STATUS_SENT) instanceof Integer sent ? sent
                : response.isCommitted() ? response.getStatus() : HttpRequestLogging.statusOf(error);
        if (clientGone(error, response)) {
            complete(context, view, status, null, true);
        } else {
            complete(context, view, status, error, false);
        }
    }

    /** For a request gone async whose access event is written: its callback scope closes when the cycle ends. */
    private static void closeCallbacksWhenAsyncEnds(HttpServletRequest request, AsyncCallbackScope callbacks) {
        try {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(callbacks.closing());
            }
        } catch (IllegalStateException completedMeanwhile) {
            // the cycle ended on another thread in the meantime: its events were delivered already
        }
    }

    private void complete(HttpRequestContext context, HttpServletRequestView view, int status, Throwable error, boolean cancelled) {
        try {
            logging.complete(context, view, status, error, cancelled).ifPresent(event -> accessLogger
                    .bind(context.keyValues()).log(event.level(), event.message(), event.error(), event.keyValues()));
        } catch (RuntimeException e) {
            // Logging must never change the outcome of the request.
        }
    }

    /**
     * Whether {@code error} says the client went away (a closed browser tab on a server-sent event
     * stream): no failure of the server's. Only once the response went out: a reset of a connection the
     * handler made itself (to another service) reads the same, and is the server's failure.
     */
    private static boolean clientGone(Throwable error, HttpServletResponse response) {
        return response.isCommitted() && DisconnectedClientHelper.isClientDisconnectedException(error);
    }

    /**
     * Whether Spring answered a 4xx for a request body the client stopped sending (an upload it aborted):
     * the exception it resolved, kept by the dispatcher, says the client went away. Nobody got that 4xx.
     */
    private static boolean clientLeftMidRequest(HttpServletRequest request, int status) {
        return status >= 400 && status < 500 && request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE) instanceof Throwable resolved
                && DisconnectedClientHelper.isClientDisconnectedException(resolved);
    }

    /** The exception behind a 5xx response that was handled inside the chain, if Spring or the container kept it. */
    private static Throwable failure(HttpServletRequest request, int status) {
        if (status < 500) {
            return null;
        }
        Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (error == null) {
            error = request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
        }
        return error instanceof Throwable throwable ? unwrap(throwable) : null;
    }

    /** The controller's exception rather than the {@code ServletException} the dispatcher wraps it in. */
    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof ServletException && current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

    @Override
    public int getOrder() {
        return order;
    }

    public void setOrder(int order) {
        this.order = order;
    }

    /** Writes the access log of an asynchronous request when its async cycle ends. */
    private final class CompletionListener implements AsyncListener {

        private final HttpRequestContext context;
        private final HttpServletRequestView view;
        private final HttpServletResponse response;
        private final AsyncCallbackScope callbacks;
        private volatile Throwable error;
        /** Whether the async cycle ended because the client went away (a closed SSE stream). */
        private volatile boolean clientGone;

        CompletionListener(HttpRequestContext context, HttpServletRequestView view, HttpServletResponse response,
                AsyncCallbackScope callbacks) {
            this.context = context;
            this.view = view;
            this.response = response;
            this.callbacks = callbacks;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            try {
                ServletRequest request = event.getSuppliedRequest();
                int status = request != null && request.getAttribute(STATUS_SENT) instanceof Integer sent ? sent : response.getStatus();
                Throwable failure = error;
                if (failure == null && !clientGone && request instanceof HttpServletRequest http) {
                    failure = failure(http, status);
                }
                complete(context, view, status, failure, clientGone);
            } finally {
                callbacks.close();
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            Throwable thrown = event.getThrowable() != null ? unwrap(event.getThrowable()) : null;
            clientGone = thrown != null && clientGone(thrown, response);
            error = clientGone ? null : thrown;
            callbacks.close();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // Spring MVC answers the timeout (503 or its handler's result); onComplete logs that.
            callbacks.close();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this);
        }
    }
}

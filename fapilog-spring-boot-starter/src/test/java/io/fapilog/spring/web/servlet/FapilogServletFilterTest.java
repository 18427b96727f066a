package io.fapilog.spring.web.servlet;

import io.fapilog.Fapilog;
import io.fapilog.Logger;
import io.fapilog.context.ContextScope;
import io.fapilog.context.ScopedContext;
import io.fapilog.spring.web.AbstractRequestFilterTest;
import io.fapilog.spring.web.FapilogWebAttributes;
import io.fapilog.spring.web.HttpRequestContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.slf4j.MDC;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The servlet filter alone, on mock requests: what a real server would not even let through. */
class FapilogServletFilterTest extends AbstractRequestFilterTest {

    private final FapilogServletFilter filter = new FapilogServletFilter(logging);

    @Override
    protected Filtered sendThrough(String path, String requestId) throws Exception {
        MockHttpServletRequest request = request(path, requestId);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return new Filtered(response.getHeader("X-Request-ID"),
                (HttpRequestContext) request.getAttribute(FapilogWebAttributes.REQUEST_CONTEXT),
                request.getAttribute(FapilogWebAttributes.LOGGER));
    }

    /** The controller's exception reaches the filter wrapped, as the DispatcherServlet wraps it. */
    @Override
    protected void sendThroughFailing(String path, String requestId, IllegalStateException boom) {
        MockHttpServletRequest request = request(path, requestId);
        ServletException wrapped = new ServletException("Request processing failed: " + boom, boom);
        assertThatThrownBy(() -> filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            throw wrapped;
        })).isSameAs(wrapped);
    }

    @Override
    protected Class<?> loggerType() {
        return Logger.class;
    }

    /**
     * A container delivers an async event to the listeners in order on one of its threads: Spring
     * MVC's listener, between fapilog's two, runs a {@code DeferredResult}'s callbacks with the
     * request's context current; the thread has none before and none after.
     */
    @Test
    void theRequestsContextIsCurrentWhileTheContainerDeliversAnAsyncEventAndOnlyThen() throws Exception {
        MockHttpServletRequest request = request("/deferred", "async-1");
        request.setAsyncSupported(true);
        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> req.startAsync());
        MockAsyncContext async = (MockAsyncContext) request.getAsyncContext();
        List<AsyncListener> listeners = async.getListeners();
        List<String> seen = new ArrayList<>();
        onAContainerThread(() -> {
            AsyncEvent event = new AsyncEvent(async);
            seen.add(String.valueOf(MDC.get("request_id")));
            listeners.get(0).onTimeout(event);
            seen.add(String.valueOf(MDC.get("request_id"))); // where Spring MVC's listener runs the callbacks
            seen.add(String.valueOf(ScopedContext.current().isEmpty()));
            listeners.get(1).onTimeout(event);
            seen.add(String.valueOf(MDC.get("request_id")));
            seen.add(String.valueOf(ScopedContext.current().isEmpty()));
        });

        assertThat(listeners).hasSize(2);
        assertThat(seen).containsExactly("null", "async-1", "false", "null", "true");
    }

    /**
     * An exception left the chain after the request went async (a filter behind fapilog's threw): the
     * access event is written then, and the container still delivers the cycle's error and completion.
     * The scope opened for them was never closed, so the container thread carried this request's id
     * and trace into every later request it served.
     */
    @Test
    void anExceptionAfterTheRequestWentAsyncLeavesNoContextOnTheContainersThread() throws Exception {
        MockHttpServletRequest request = request("/async-throw", "async-throw-1");
        request.setAsyncSupported(true);
        IllegalStateException thrown = new IllegalStateException("after startAsync");
        assertThatThrownBy(() -> filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            req.startAsync();
            throw thrown;
        })).isSameAs(thrown);
        MockAsyncContext async = (MockAsyncContext) request.getAsyncContext();
        List<AsyncListener> listeners = async.getListeners();
        List<String> seen = new ArrayList<>();
        onAContainerThread(() -> {
            AsyncEvent event = new AsyncEvent(async, thrown);
            for (AsyncListener listener : listeners) {
                listener.onError(event);
            }
            for (AsyncListener listener : listeners) {
                listener.onComplete(event);
            }
            seen.add(String.valueOf(MDC.get("request_id")));
            seen.add(String.valueOf(ScopedContext.current().isEmpty()));
        });

        assertThat(seen).containsExactly("null", "true");
        JsonNode access = io.fapilog.spring.web.EventCapture.awaitOne(sink, io.fapilog.spring.web.EventCapture.accessLogOf("async-throw-1"));
        assertThat(access.path("message").asString()).isEqualTo("request_failed");
    }

    private interface ContainerWork {
        void run() throws IOException;
    }

    /** Runs {@code work} as a container delivers async events: on a thread of its own, which it waits for. */
    private static void onAContainerThread(ContainerWork work) throws Exception {
        java.util.concurrent.atomic.AtomicReference<IOException> failed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread container = new Thread(() -> {
            try {
                work.run();
            } catch (IOException e) {
                failed.set(e);
            }
        });
        container.start();
        container.join();
        if (failed.get() != null) {
            throw failed.get();
        }
    }

    /** A response that broke after its 200 went out: request_failed, with the status the client got, not 500. */
    @Test
    void anExceptionAfterTheResponseWasCommittedIsLoggedWithTheStatusSent() {
        IllegalStateException broke = new IllegalStateException("stream broke");
        assertThatThrownBy(() -> filter.doFilter(request("/stream", "broke-1"), new MockHttpServletResponse(), (req, res) -> {
            res.getWriter().write("partial");
            res.flushBuffer();
            throw broke;
        })).isSameAs(broke);

        JsonNode access = io.fapilog.spring.web.EventCapture.awaitOne(sink, io.fapilog.spring.web.EventCapture.accessLogOf("broke-1"));
        assertThat(access.path("message").asString()).isEqualTo("request_failed");
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(200);
    }

    @Test
    void theContextPathIsNotPartOfTheSkipPathMatch() throws Exception {
        MockHttpServletRequest request = request("/shop/actuator/health", "skip-1");
        request.setContextPath("/shop");
        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        HttpRequestContext context = (HttpRequestContext) request.getAttribute(FapilogWebAttributes.REQUEST_CONTEXT);
        assertThat(context.path()).isEqualTo("/shop/actuator/health");
        assertThat(context.isAccessLogged()).isFalse();
    }

    @Test
    void theRequestContextIsInTheMdcAndTheScopedContextForTheRequestOnlyAndTheOuterValuesComeBack() throws Exception {
        MDC.put("tenant", "outer");
        MDC.put("request_id", "outer-id");
        Map<String, String> mdcInside = new HashMap<>();
        Map<String, Object> scopeInside = new HashMap<>();
        try (ContextScope outer = Fapilog.withContext("job_id", "j1")) {
            filter.doFilter(request("/orders", "mdc-1"), new MockHttpServletResponse(), (req, res) -> {
                mdcInside.putAll(MDC.getCopyOfContextMap());
                scopeInside.putAll(ScopedContext.current().asMap());
            });
            assertThat(ScopedContext.current().asMap()).containsExactly(Map.entry("job_id", "j1"));
        } finally {
            assertThat(MDC.getCopyOfContextMap()).containsOnly(Map.entry("tenant", "outer"), Map.entry("request_id", "outer-id"));
            MDC.clear();
        }
        assertThat(mdcInside).containsEntry("request_id", "mdc-1").containsEntry("method", "GET")
                .containsEntry("path", "/orders").containsEntry("tenant", "outer");
        assertThat(scopeInside).containsEntry("request_id", "mdc-1").containsEntry("path", "/orders")
                .containsEntry("job_id", "j1");
        assertThat(ScopedContext.current().isEmpty()).isTrue();
    }

    @Test
    void aFailingChainStillClearsTheMdcAndTheScopedContext() {
        assertThatThrownBy(() -> filter.doFilter(request("/orders", "mdc-2"), new MockHttpServletResponse(),
                (req, res) -> {
                    throw new IllegalStateException("boom");
                })).isInstanceOf(IllegalStateException.class);
        assertThat(MDC.get("request_id")).isNull();
        assertThat(ScopedContext.current().isEmpty()).isTrue();
    }

    private static MockHttpServletRequest request(String path, String requestId) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.addHeader("X-Request-ID", requestId);
        return request;
    }
}

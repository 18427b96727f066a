package io.fapilog.spring.web.servlet;

import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spring.web.EventCapture;
import io.fapilog.spring.web.FapilogWebAttributes;
import io.fapilog.spring.web.HttpRequestContext;
import io.fapilog.spring.web.HttpRequestLogging;
import io.fapilog.spring.web.RequestLoggingSettings;
import io.fapilog.spring.web.W3cTraceContextResolver;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

import static io.fapilog.spring.web.EventCapture.accessLogOf;
import static io.fapilog.spring.web.EventCapture.awaitOne;
import static io.fapilog.spring.web.EventCapture.matching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The servlet filter alone, on mock requests: what a real server would not even let through. */
class FapilogServletFilterTest {

    private final InMemorySink sink = new InMemorySink();
    private final FapilogRuntime runtime = EventCapture.runtime(sink);
    private final FapilogServletFilter filter = new FapilogServletFilter(new HttpRequestLogging(runtime,
            new RequestLoggingSettings(true, List.of("/actuator/**"), Set.of(), Set.of(), 1.0, "X-Request-ID"),
            new W3cTraceContextResolver()));

    @AfterEach
    void close() {
        runtime.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc\r\nX-Injected: yes", "abc\ndef", "abc\rdef", "\r\n"})
    void requestIdsWithLineBreaksAreReplaced(String invalid) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders");
        request.addHeader("X-Request-ID", invalid);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        String echoed = response.getHeader("X-Request-ID");
        assertThat(echoed).matches("[0-9a-f-]{36}");
        HttpRequestContext context = (HttpRequestContext) request.getAttribute(FapilogWebAttributes.REQUEST_CONTEXT);
        assertThat(context.requestId()).isEqualTo(echoed);
        assertThat(request.getAttribute(FapilogWebAttributes.LOGGER)).isInstanceOf(Logger.class);
        assertThat(awaitOne(sink, accessLogOf(echoed)).toString()).doesNotContain("X-Injected");
    }

    @Test
    void theContextPathIsNotPartOfTheSkipPathMatch() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/shop/actuator/health");
        request.setContextPath("/shop");
        request.addHeader("X-Request-ID", "skip-1");
        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        HttpRequestContext context = (HttpRequestContext) request.getAttribute(FapilogWebAttributes.REQUEST_CONTEXT);
        assertThat(context.path()).isEqualTo("/shop/actuator/health");
        assertThat(context.isAccessLogged()).isFalse();
    }

    @Test
    void anExceptionIsRethrownAndLoggedOnceWithTheControllersException() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fail");
        request.addHeader("X-Request-ID", "error-1");
        IllegalStateException boom = new IllegalStateException("boom");
        ServletException wrapped = new ServletException("Request processing failed: " + boom, boom);
        assertThatThrownBy(() -> filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            throw wrapped;
        })).isSameAs(wrapped);
        JsonNode access = awaitOne(sink, accessLogOf("error-1"));
        assertThat(access.path("message").asString()).isEqualTo("request_failed");
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(500);
        assertThat(access.path("diagnostics").path("exception").path("type").asString())
                .isEqualTo(IllegalStateException.class.getName());
        runtime.stopAndDrain().join();
        assertThat(matching(sink, accessLogOf("error-1"))).hasSize(1);
    }
}

package io.fapilog.spring.web.servlet;

import io.fapilog.spring.web.AbstractRequestLoggingTest;
import io.fapilog.spring.web.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

import static io.fapilog.spring.web.EventCapture.accessLogOf;
import static io.fapilog.spring.web.EventCapture.awaitOne;
import static io.fapilog.spring.web.EventCapture.eventOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Request logging of a Spring MVC application on a real Tomcat server. */
@SpringBootTest(classes = WebMvcTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebMvcRequestLoggingTest extends AbstractRequestLoggingTest {

    @Override
    protected String helloExecutionMode() {
        return "THREAD";
    }

    @Override
    protected Class<?> controllerClass() {
        return WebMvcTestApp.Controller.class;
    }

    @Override
    protected String notFoundPath() {
        return "/no-such-path"; // no handler
    }

    /**
     * A client that aborts its upload mid-body: Spring answers the unreadable body with a 400 nobody gets,
     * which was logged as the client's bad request; it is cancelled, 499, as WebFlux has it.
     */
    @Test
    void anUploadTheClientAbortsIsLoggedCancelled() throws Exception {
        String id = newId();
        // a hundredth of what it announced, then gone
        RawHttp.postAndLeave(port, "/upload", "Content-Type: application/octet-stream\r\nX-Request-ID: " + id + "\r\n",
                10_000_000, 100_000);
        JsonNode access = awaitOne(sink, accessLogOf(id));
        assertThat(access.path("message").asString()).isEqualTo("request_completed");
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(499);
        assertThat(access.path("data").path("cancelled").asBoolean()).isTrue();
        assertNoSecondAccessLog(id);
    }

    /**
     * A request answered by the container's error page (a {@code sendError}, as Spring Security's
     * 401 and 403): what runs on the error dispatch logs with the request's context, and the request
     * has its one access event. The error dispatch ran outside fapilog's filter, without context.
     */
    @Test
    void theErrorPagesDispatchRunsWithTheRequestsContext() {
        String id = newId();
        client.get().uri("/denied").header("X-Request-ID", id).exchange().expectStatus().isEqualTo(403)
                .expectHeader().valueEquals("X-Request-ID", id);
        JsonNode errorPage = awaitOne(sink, eventOf(id, "Rendering the error page"));
        assertThat(errorPage.path("context").path("path").asString()).isEqualTo("/denied");
        JsonNode access = awaitOne(sink, accessLogOf(id));
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(403);
        assertNoSecondAccessLog(id);
    }

    @Test
    void aServerErrorStatusWithoutAnExceptionIsRequestFailed() {
        String id = newId();
        client.get().uri("/unavailable").header("X-Request-ID", id).exchange().expectStatus().isEqualTo(503);
        JsonNode access = awaitOne(sink, accessLogOf(id));
        assertThat(access.path("message").asString()).isEqualTo("request_failed");
        assertThat(access.path("level").asString()).isEqualTo("ERROR");
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(503);
        assertThat(access.path("diagnostics").has("exception")).isFalse();
    }

    /**
     * A client that closes a server-sent event stream (a browser tab closed) is no failure: the event
     * is {@code request_completed}, marked {@code cancelled}, without the container's I/O exception
     * (it was {@code request_failed} at {@code ERROR} with "Connection reset by peer").
     */
    @Test
    void aClientLeavingAnEventStreamIsACancelledRequestNotAFailure() throws Exception {
        String id = newId();
        RawHttp.getAndLeave(port, "/events", "X-Request-ID: " + id + "\r\n", 200);
        JsonNode access = awaitOne(sink, accessLogOf(id));
        assertThat(access.path("message").asString()).isEqualTo("request_completed");
        assertThat(access.path("level").asString()).isEqualTo("INFO");
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(200);
        assertThat(access.path("data").path("cancelled").asBoolean()).isTrue();
        assertThat(access.path("diagnostics").has("exception")).isFalse();
        assertNoSecondAccessLog(id);
    }

    /**
     * A stream that broke after its 200 and first part went out: the client got 200, and so says the
     * access event (it said 500, the status the container's error handling set on the sent response).
     */
    @Test
    void aStreamThatBrokeAfterItsStatusWentOutIsLoggedWithTheStatusSent() throws Exception {
        String id = newId();
        assertThat(RawHttp.get(port, "/emitter-fail", "X-Request-ID: " + id + "\r\n").status()).isEqualTo(200);
        JsonNode access = awaitOne(sink, accessLogOf(id));
        assertThat(access.path("message").asString()).isEqualTo("request_failed");
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(200);
        assertThat(access.path("diagnostics").path("exception").path("message").asString()).isEqualTo("emitter broke");
        assertNoSecondAccessLog(id);
    }

    @Test
    void anAsyncRequestIsLoggedWhenItCompletes() {
        String id = newId();
        client.get().uri("/async").header("X-Request-ID", id).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("X-Request-ID", id)
                .expectBody(String.class).isEqualTo("done");
        awaitOne(sink, eventOf(id, "Async work"));
        JsonNode access = awaitOne(sink, accessLogOf(id));
        assertThat(access.path("message").asString()).isEqualTo("request_completed");
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(200);
        assertNoSecondAccessLog(id);
    }

    @Test
    void aFailingAsyncRequestIsLoggedAsRequestFailed() {
        String id = newId();
        client.get().uri("/async-fail").header("X-Request-ID", id).exchange().expectStatus().isEqualTo(500);
        awaitOne(sink, eventOf(id, "Async about to fail"));
        JsonNode access = awaitOne(sink, accessLogOf(id));
        assertThat(access.path("level").asString()).isEqualTo("ERROR");
        assertThat(access.path("message").asString()).isEqualTo("request_failed");
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(500);
        JsonNode exception = access.path("diagnostics").path("exception");
        assertThat(exception.path("type").asString()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(exception.path("message").asString()).isEqualTo("async boom");
        assertNoSecondAccessLog(id);
    }

    /** What runs on the async dispatch (an exception handler for an asynchronous handler's failure) logs with the request's context too. */
    @Test
    void theAsyncDispatchLogsWithTheRequestsContext() {
        String id = newId();
        client.get().uri("/async-advised").header("X-Request-ID", id).exchange().expectStatus().isEqualTo(500);
        JsonNode advice = awaitOne(sink, eventOf(id, "Advice handled it"));
        assertThat(advice.path("context").path("path").asString()).isEqualTo("/async-advised");
        JsonNode access = awaitOne(sink, accessLogOf(id));
        assertThat(access.path("data").path("status_code").asInt()).isEqualTo(500);
        assertNoSecondAccessLog(id);
    }

    @Test
    void theRequestLoggerIsReachableFromAServiceOnTheRequestThread() {
        String id = newId();
        client.get().uri("/service").header("X-Request-ID", id).exchange().expectStatus().isOk();
        JsonNode event = awaitOne(sink, eventOf(id, "Service work"));
        assertThat(event.path("context").path("path").asString()).isEqualTo("/service");
    }
}

package io.fapilog.spring.web.servlet;

import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spring.web.InMemoryFapilogApplication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Collectors;

import static io.fapilog.spring.web.EventCapture.awaitOne;
import static io.fapilog.spring.web.EventCapture.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The servlet container's objects logged as values, on a real Tomcat: written as a summary read at
 * the call, never through their getters, which act. Each handler waits for its event to be written
 * before it goes on, so that a worker still reading the object would already have done its harm.
 */
@SpringBootTest(classes = ServletObjectsAsValuesTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServletObjectsAsValuesTest {

    @LocalServerPort
    int port;

    @Autowired
    InMemorySink sink;

    private final HttpClient http = HttpClient.newHttpClient();

    /** Its response's getOutputStream() once taken the writer from the handler: a 500 for every such request. */
    @Test
    void aResponseLoggedAsAValueLeavesItsWriterToTheApplication() throws Exception {
        HttpResponse<String> answer = post("/response", "", "text/plain");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("written after the log call");
        JsonNode event = awaitOne(sink, message("logging the response"));
        assertThat(event.path("data").path("response").toString()).isEqualTo("{\"status\":200}");
        assertThat(event.at("/diagnostics/redaction_failures").isMissingNode()).isTrue();
    }

    @Test
    void aRequestLoggedAsAValueKeepsItsBodyCreatesNoSessionAndLeaksNoSecret() throws Exception {
        HttpResponse<String> answer = post("/request?token=t0ken-in-query", "user=ann&password=hunter2",
                "application/x-www-form-urlencoded");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("session=none");
        JsonNode event = awaitOne(sink, message("logging the request"));
        assertThat(event.path("data").path("request").path("method").asString()).isEqualTo("POST");
        assertThat(event.path("data").path("request").path("uri").asString())
                .isEqualTo("http://127.0.0.1:" + port + "/request?token=***");
        assertThat(event.toString()).doesNotContain("hunter2").doesNotContain("t0ken");
        assertThat(answer.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void aSessionIsWrittenAsItsKindNeverWithItsId() throws Exception {
        HttpResponse<String> answer = post("/session", "", "text/plain");

        String sessionId = answer.body();
        JsonNode event = awaitOne(sink, message("logging the session"));
        assertThat(event.path("data").path("current").asString()).isEqualTo("[HttpSession]");
        assertThat(event.path("data").path("visit").path("current").asString()).isEqualTo("[HttpSession]");
        assertThat(event.toString()).doesNotContain(sessionId);
    }

    @Test
    void anUploadedFileIsWrittenAsItsNameTypeAndSize() throws Exception {
        String boundary = "fapilog-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello\r\n--" + boundary + "--\r\n";
        HttpResponse<String> answer = post("/upload", body, "multipart/form-data; boundary=" + boundary);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("hello");
        JsonNode event = awaitOne(sink, message("logging the upload"));
        assertThat(event.path("data").path("file").toString())
                .isEqualTo("{\"name\":\"file\",\"filename\":\"a.txt\",\"size\":5,\"content_type\":\"text/plain\"}");
    }

    /** A session cookie's value is a credential, under any key; a WebRequest is its request's summary. */
    @Test
    void cookiesAreWrittenWithTheirValuesMaskedAndAWebRequestAsItsRequest() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cookies?id=7"))
                .header("Cookie", "JSESSIONID=C00KIESECRET1; theme=dark").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode event = awaitOne(sink, message("logging the cookies"));
        assertThat(event.path("data").path("all").toString()).isEqualTo(
                "[{\"name\":\"JSESSIONID\",\"value\":\"***\"},{\"name\":\"theme\",\"value\":\"***\"}]");
        assertThat(event.path("data").path("web").toString())
                .isEqualTo("{\"method\":\"POST\",\"uri\":\"http://127.0.0.1:" + port + "/cookies?id=7\"}");
        assertThat(event.toString()).doesNotContain("C00KIESECRET1");
    }

    private HttpResponse<String> post(String path, String body, String type) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A session inside a record, as an application's own value holds one. */
    record Visit(String page, HttpSession current) {
    }

    @InMemoryFapilogApplication
    @Import(App.Handlers.class)
    static class App {

        @RestController
        static class Handlers {
            private final Logger log;
            private final InMemorySink sink;

            Handlers(FapilogRuntime runtime, InMemorySink sink) {
                this.log = runtime.getLogger("com.acme.Handlers");
                this.sink = sink;
            }

            @PostMapping("/response")
            void response(HttpServletResponse response) throws IOException {
                log.info("logging the response", "response", response);
                awaitOne(sink, message("logging the response"));
                response.getWriter().write("written after the log call");
            }

            @PostMapping("/request")
            String request(HttpServletRequest request) throws IOException {
                log.info("logging the request", "request", request);
                awaitOne(sink, message("logging the request"));
                String body = request.getReader().lines().collect(Collectors.joining());
                assertThat(body).isEqualTo("user=ann&password=hunter2");
                return "session=" + (request.getSession(false) == null ? "none" : "created");
            }

            @PostMapping("/session")
            String session(HttpServletRequest request) {
                HttpSession session = request.getSession(true);
                log.info("logging the session", "current", session, "visit", new Visit("/home", session)); // "session" is masked by name
                awaitOne(sink, message("logging the session"));
                return session.getId();
            }

            @PostMapping("/cookies")
            String cookies(HttpServletRequest request, org.springframework.web.context.request.WebRequest web) {
                log.info("logging the cookies", "all", request.getCookies(), "web", web);
                return "ok";
            }

            @PostMapping("/upload")
            String upload(@RequestParam("file") MultipartFile file) throws IOException {
                log.info("logging the upload", "file", file);
                awaitOne(sink, message("logging the upload"));
                return new String(file.getBytes());
            }
        }
    }
}

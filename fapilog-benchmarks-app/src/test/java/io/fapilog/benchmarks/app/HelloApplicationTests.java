package io.fapilog.benchmarks.app;

import io.fapilog.FapilogRuntime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code fapilog} variant as the benchmark starts it: one request, one event, request logging off. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("fapilog")
class HelloApplicationTests {

    @LocalServerPort
    int port;

    @Autowired
    FapilogRuntime runtime;

    @Test
    void helloLogsExactlyOneEventThroughFapilog() throws Exception {
        long submittedBefore = runtime.stats().submitted();

        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(HelloEvent.BODY);
        assertThat(runtime.stats().submitted() - submittedBefore).isEqualTo(1);   // the event, no access log event
    }
}

package io.fapilog.sample;

import io.fapilog.FapilogRuntime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code fapilog.enabled=false}, as documented, the sample app starts and answers: its
 * controllers' loggers go to Spring Boot's plain logging and {@code /burst} has no engine to count.
 */
class FapilogDisabledSampleAppTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * Runs the application as {@code java -jar} would. (What it prints is not checked: other test
     * classes of this JVM keep fapilog-enabled contexts alive, whose bridge holds the global Logback.)
     */
    @ParameterizedTest
    @ValueSource(strings = { "default", "servlet" })
    void startsAndServesItsEndpointsWithFapilogDisabled(String profile) throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
                .profiles(profile).run("--server.port=0", "--fapilog.enabled=false")) {
            assertThat(context.getBeanProvider(FapilogRuntime.class).getIfAvailable()).isNull();
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();

            HttpResponse<String> user = get(port, "/users/42");
            assertThat(user.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(user.body()).get("id").asLong()).isEqualTo(42);
            assertThat(get(port, "/quote?sku=pen&quantity=2").statusCode()).isEqualTo(200);

            HttpResponse<String> burst = get(port, "/burst?count=10");
            assertThat(burst.statusCode()).isEqualTo(200);
            JsonNode report = JSON.readTree(burst.body());
            assertThat(report.get("count").asInt()).isEqualTo(10);
            assertThat(report.get("before").isNull()).isTrue();
            assertThat(report.get("after").isNull()).isTrue();
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

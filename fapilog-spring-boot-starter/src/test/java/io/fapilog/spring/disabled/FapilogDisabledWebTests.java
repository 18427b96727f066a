package io.fapilog.spring.disabled;

import io.fapilog.spring.web.HttpRequestContext;

import io.fapilog.AsyncLogger;
import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fapilog.enabled=false}: Logger and AsyncLogger parameters resolve to SLF4J loggers, an
 * HttpRequestContext to the request's id, method and path, on real servers.
 */
@ExtendWith(OutputCaptureExtension.class)
class FapilogDisabledWebTests {

    @Test
    void mvcControllerTakingALoggerAnswers(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = run(MvcApp.class, WebApplicationType.SERVLET)) {
            assertThat(context.getBeanNamesForType(FapilogRuntime.class)).isEmpty();
            assertThat(get(context, "/mvc")).isEqualTo("200 THREAD");
            assertThat(get(context, "/context", "X-Request-ID", "checkout-7f3c")).isEqualTo("200 checkout-7f3c GET /context");
            assertThat(get(context, "/context")).matches("200 [0-9a-f-]{36} GET /context");
        }
        assertThat(output.getOut()).contains("Handled by the plain logging system");
    }

    @Test
    void webFluxControllerTakingAnAsyncLoggerAndALoggerAnswers(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext context = run(FluxApp.class, WebApplicationType.REACTIVE)) {
            assertThat(get(context, "/async")).isEqualTo("200 async done");
            assertThat(get(context, "/sync")).isEqualTo("200 sync done");
            assertThat(get(context, "/context", "X-Request-ID", "checkout-7f3c")).isEqualTo("200 checkout-7f3c GET /context");
            assertThat(get(context, "/context")).matches("200 [0-9a-f-]{36} GET /context");
        }
        assertThat(output.getOut()).contains("Async event, plain logging").contains("Sync event, plain logging");
    }

    private static ConfigurableApplicationContext run(Class<?> app, WebApplicationType type) {
        return new SpringApplicationBuilder(app).web(type)
                .run("--fapilog.enabled=false", "--server.port=0", "--spring.main.banner-mode=off");
    }

    private static String get(ConfigurableApplicationContext context, String path, String... headers) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static String describe(HttpRequestContext request) {
        return request.requestId() + " " + request.method() + " " + request.path();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(MvcApp.Controller.class)
    static class MvcApp {

        @RestController
        static class Controller {

            @GetMapping("/mvc")
            String hello(Logger log) {
                log.info("Handled by the plain logging system", "greeting", "hi");
                return log.executionMode().name();
            }

            @GetMapping("/context")
            String context(HttpRequestContext request, HttpRequestContext again) {
                return request == again ? describe(request) : "two contexts for one request";
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(FluxApp.Controller.class)
    static class FluxApp {

        @RestController
        static class Controller {

            @GetMapping("/async")
            Mono<String> async(AsyncLogger log) {
                return log.info("Async event, plain logging").thenReturn("async done");
            }

            @GetMapping("/sync")
            String sync(Logger log) {
                log.info("Sync event, plain logging");
                return "sync done";
            }

            @GetMapping("/context")
            String context(HttpRequestContext request, HttpRequestContext again) {
                return request == again ? describe(request) : "two contexts for one request";
            }
        }
    }
}

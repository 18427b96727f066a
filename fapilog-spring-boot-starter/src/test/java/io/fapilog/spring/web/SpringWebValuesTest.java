package io.fapilog.spring.web;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Preset;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.ContentDisposition;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.SliceImpl;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's web values as applications log them: headers with every header, media types as their text,
 * a WebFlux exchange as a summary, Spring Data's pages with their content.
 */
class SpringWebValuesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @EnumSource(value = Preset.class, names = {"PRODUCTION", "MINIMAL"})
    void headersAreWrittenWithEachHeadersValuesAndMediaTypesAsTheirText(Preset preset) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.add("Authorization", "Bearer abc.def.ghi");
        headers.add("X-Custom", "one");
        headers.add("X-Custom", "two");
        ResponseEntity<String> response = ResponseEntity.status(201).header("X-Request-Id", "r-1").body("ok");

        JsonNode data = logged(preset, "headers", headers, "type", MediaType.TEXT_PLAIN,
                "disposition", ContentDisposition.attachment().filename("a.csv").build(), "response", response).get("data");

        String authorization = preset == Preset.PRODUCTION ? "\"***\"" : "[\"Bearer abc.def.ghi\"]";
        assertThat(data.get("headers").toString()).isEqualTo("{\"Content-Type\":[\"application/json\"],"
                + "\"Authorization\":" + authorization + ",\"X-Custom\":[\"one\",\"two\"]}");
        assertThat(data.get("type").asString()).isEqualTo("text/plain");
        assertThat(data.get("disposition").asString()).isEqualTo("attachment; filename=\"a.csv\"");
        assertThat(data.get("response").toString())
                .isEqualTo("{\"body\":\"ok\",\"headers\":{\"X-Request-Id\":[\"r-1\"]},\"statusCode\":\"CREATED\"}");
    }

    /** A WebFlux request's headers are read-only: a subclass of HttpHeaders that is not public. */
    @ParameterizedTest
    @EnumSource(value = io.fapilog.config.Format.class)
    void readOnlyHeadersAreWrittenAlikeWithTheirSecretsMasked(io.fapilog.config.Format format) {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Authorization", "Bearer abc.def.ghi");
        headers.add("Cookie", "SESSION=s3cret");
        headers.add("X-Custom", "one");
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink, format).shutdownHook(false).start();
        runtime.getLogger("web").info("values", "headers", HttpHeaders.readOnlyHttpHeaders(headers));
        runtime.stopAndDrain(Duration.ofSeconds(10));

        String line = sink.lines().get(0);
        assertThat(line).doesNotContain("abc.def.ghi").doesNotContain("s3cret").doesNotContain("redaction_failures")
                .contains("\"X-Custom\":[\"one\"]");
    }

    /** A WebFlux exchange, its request and response: a summary, never their getters (the body, the session). */
    @Test
    void aWebFluxExchangeItsRequestAndResponseAreWrittenAsASummary() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest
                .post("http://localhost/orders?token=t0ken").header("Authorization", "Bearer abc.def.ghi").body("password=hunter2"));
        exchange.getResponse().setStatusCode(HttpStatus.CREATED);

        JsonNode data = logged(Preset.PRODUCTION, "exchange", exchange, "request", exchange.getRequest(),
                "response", exchange.getResponse(), "current", exchange.getSession().block()).get("data");

        assertThat(data.get("exchange").toString())
                .isEqualTo("{\"method\":\"POST\",\"uri\":\"http://localhost/orders?token=***\",\"status\":201}");
        assertThat(data.get("request").toString()).isEqualTo("{\"method\":\"POST\",\"uri\":\"http://localhost/orders?token=***\"}");
        assertThat(data.get("response").toString()).isEqualTo("{\"status\":201}");
        assertThat(data.get("current").asString()).isEqualTo("[WebSession]");
        assertThat(data.toString()).doesNotContain("hunter2").doesNotContain("abc.def.ghi");
        assertThat(exchange.getRequest().getBody().map(b -> b.readableByteCount()).reduce(0, Integer::sum).block())
                .isEqualTo("password=hunter2".length());
    }

    /** WebClient's request and response, a cookie, the controller method an interceptor is given. */
    @Test
    void clientExchangesCookiesAndHandlerMethodsAreWrittenAsASummary() throws Exception {
        org.springframework.web.reactive.function.client.ClientRequest request = org.springframework.web.reactive.function.client.ClientRequest
                .create(org.springframework.http.HttpMethod.POST, java.net.URI.create("https://ann:hunter2@api.example.com/orders?token=t0ken"))
                .header("Authorization", "Bearer abc.def.ghi").build();
        org.springframework.web.reactive.function.client.ClientResponse response = org.springframework.web.reactive.function.client.ClientResponse
                .create(HttpStatus.ACCEPTED).body("secret body").build();
        org.springframework.web.method.HandlerMethod handler = new org.springframework.web.method.HandlerMethod(
                new SpringWebValuesTest(), SpringWebValuesTest.class.getDeclaredMethod("clientExchangesCookiesAndHandlerMethodsAreWrittenAsASummary"));

        JsonNode data = logged(Preset.PRODUCTION, "request", request, "response", response,
                "sent", org.springframework.http.ResponseCookie.from("remember-me", "RMSECRET").build(),
                "handler", handler).get("data");

        assertThat(data.get("request").toString())
                .isEqualTo("{\"method\":\"POST\",\"uri\":\"https://***@api.example.com/orders?token=***\"}");
        assertThat(data.get("response").toString()).isEqualTo("{\"status\":202}");
        assertThat(data.get("sent").toString()).isEqualTo("{\"name\":\"remember-me\",\"value\":\"***\"}");
        assertThat(data.get("handler").asString()).isEqualTo(handler.toString());
        assertThat(data.toString()).doesNotContain("hunter2").doesNotContain("RMSECRET").doesNotContain("abc.def");
    }

    /**
     * Spring Data's pages as its web layer writes them; a page of {@code Pageable.unpaged()}, whose getters
     * throw, too. A {@code Streamable} is a {@code Supplier} of its stream: never run as a lazy value.
     */
    @Test
    void springDataPagesSlicesAndSortsAreWrittenWithTheirContent() {
        record Item(String name, String password) {
        }
        List<Item> items = new ArrayList<>(List.of(new Item("a", "hunter2")));
        Page<Item> page = new PageImpl<>(items, PageRequest.of(0, 10, Sort.by("name")), 1);

        JsonNode data = logged(Preset.PRODUCTION, "page", page, "unpaged", new PageImpl<>(items, Pageable.unpaged(), 1),
                "slice", new SliceImpl<>(items, PageRequest.of(2, 1), true), "sort", Sort.by("name"),
                "nested", List.of(page)).get("data");
        items.add(new Item("b", "later")); // after the call: not logged

        String content = "[{\"name\":\"a\",\"password\":\"***\"}]";
        assertThat(data.get("page").toString()).isEqualTo("{\"content\":" + content
                + ",\"page\":{\"size\":10,\"number\":0,\"totalElements\":1,\"totalPages\":1}}");
        assertThat(data.get("unpaged").toString()).isEqualTo("{\"content\":" + content
                + ",\"page\":{\"size\":1,\"number\":0,\"totalElements\":1,\"totalPages\":1}}");
        assertThat(data.get("slice").toString()).isEqualTo("{\"content\":" + content + ",\"page\":{\"size\":1,\"number\":2}}");
        assertThat(data.get("sort").get(0).get("property").asString()).isEqualTo("name");
        assertThat(data.get("nested").get(0).get("content").toString()).isEqualTo(content);
        assertThat(data.toString()).doesNotContain("hunter2").doesNotContain("later").doesNotContain("ReferencePipeline");
    }

    record Signup(String username, String password) {
    }

    /**
     * A bind error as applications log it (the exception, its message, its errors as a value): the
     * rejected value of a sensitive field is masked. Before, the text masked the word after
     * {@code 'password':} ({@code *** value [hunter2]}) and a {@code FieldError} was written as a bean,
     * its secret under {@code rejectedValue}.
     */
    @Test
    void aBindErrorsRejectedSecretIsMaskedInItsTextAndAsAValue() {
        org.springframework.validation.BeanPropertyBindingResult result =
                new org.springframework.validation.BeanPropertyBindingResult(new Signup("ann", "hunter2"), "signup");
        result.addError(new org.springframework.validation.FieldError("signup", "password", "hunter2", false,
                new String[] {"Size.signup.password"}, null, "size must be between 8 and 64"));
        result.addError(new org.springframework.validation.FieldError("signup", "username", "ann", false,
                new String[] {"Email.signup.username"}, null, "must be an email"));
        org.springframework.validation.BindException failure = new org.springframework.validation.BindException(result);

        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(Preset.PRODUCTION).sinks().sink(sink).shutdownHook(false).start();
        io.fapilog.Logger log = runtime.getLogger("web");
        log.warn("signup rejected", failure);
        log.warn("signup rejected: " + failure.getMessage());
        log.warn("signup rejected", "errors", result.getFieldErrors());
        runtime.stopAndDrain(Duration.ofSeconds(10));

        assertThat(sink.lines()).hasSize(3).allSatisfy(line -> assertThat(line).doesNotContain("hunter2"));
        assertThat(JSON.readTree(sink.lines().get(1)).get("message").asString())
                .contains("on field 'password': rejected value [***]; codes [Size.signup.password]")
                .contains("on field 'username': rejected value [ann]");
        assertThat(JSON.readTree(sink.lines().get(2)).at("/data/errors").toString()).isEqualTo(
                "[{\"object\":\"signup\",\"field\":\"password\",\"rejected\":{\"password\":\"***\"},\"message\":\"size must be between 8 and 64\"},"
                + "{\"object\":\"signup\",\"field\":\"username\",\"rejected\":{\"username\":\"ann\"},\"message\":\"must be an email\"}]");
    }

    private static JsonNode logged(Preset preset, Object... keyValues) {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(preset).sinks().sink(sink).shutdownHook(false).start();
        runtime.getLogger("web").info("values", keyValues);
        runtime.stopAndDrain(Duration.ofSeconds(10));
        assertThat(sink.lines()).hasSize(1);
        return JSON.readTree(sink.lines().get(0));
    }
}

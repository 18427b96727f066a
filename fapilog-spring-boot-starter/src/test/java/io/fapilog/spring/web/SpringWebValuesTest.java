package io.fapilog.spring.web;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Preset;
import io.fapilog.sinks.InMemorySink;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring's web values as applications log them: headers with every header, media types as their text. */
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

    private static JsonNode logged(Preset preset, Object... keyValues) {
        InMemorySink sink = new InMemorySink();
        FapilogRuntime runtime = Fapilog.builder().preset(preset).sinks().sink(sink).shutdownHook(false).start();
        runtime.getLogger("web").info("values", keyValues);
        runtime.stopAndDrain(Duration.ofSeconds(10));
        assertThat(sink.lines()).hasSize(1);
        return JSON.readTree(sink.lines().get(0));
    }
}

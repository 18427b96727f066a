package io.fapilog.opentelemetry;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class OtlpFailuresTest {

    @Test
    void theEndpointIsNamedWithoutItsCredentials() {
        assertThat(OtlpFailures.withoutSecrets("https://ada:s3cret@collector:4318/v1/logs?token=t-9"))
                .isEqualTo("https://collector:4318/v1/logs");
        assertThat(OtlpFailures.withoutSecrets("https://ingest.example.com/otlp/ZaVnC4dhaV3PATHSECRET/v1/logs"))
                .isEqualTo("https://ingest.example.com/otlp/***/v1/logs");
    }

    /** gRPC spoken to an OTLP/HTTP port fails in HTTP/2's framing, which says nothing of the protocol setting. */
    @Test
    void aFramingErrorPointsAtTheProtocol() {
        assertThat(OtlpFailures.describe(new IOException("FRAME_SIZE_ERROR: 4740180"), "http://collector:4318"))
                .isEqualTo("OTLP export to http://collector:4318 failed: java.io.IOException: FRAME_SIZE_ERROR: 4740180 "
                        + "(fapilog.otlp.protocol: does the port speak it? gRPC is usually 4317, http/protobuf 4318)");
    }

    /**
     * OpenTelemetry 1.55 (Spring Boot 4.0.x): the exporter's exception holds its internal response,
     * with {@code statusCode()}, {@code statusMessage()} and {@code responseBody()}; the collector's
     * answer is told from it as from the SDK's public type.
     */
    @Test
    void anOlderExportersInternalResponseIsToldAsTheCollectorsAnswer() {
        assertThat(OtlpFailures.describe(new OlderHttpExportException(new OlderResponse()), "http://collector:4318/v1/logs"))
                .isEqualTo("OTLP export to http://collector:4318/v1/logs answered HTTP 401 Unauthorized: "
                        + "{\"error\":\"bad token\"} (fapilog.otlp.headers: the collector refused the credentials sent)");
    }

    /** As the exporter's {@code FailedExportException.HttpExportException} of 1.55. */
    public static final class OlderHttpExportException extends RuntimeException {
        private final Object response;

        OlderHttpExportException(Object response) {
            this.response = response;
        }

        public Object getResponse() {
            return response;
        }
    }

    /** As 1.55's {@code HttpSender.Response}, implemented by a class that is not public. */
    interface Response {
        int statusCode();

        String statusMessage();

        byte[] responseBody() throws IOException;
    }

    private static final class OlderResponse implements Response {
        @Override
        public int statusCode() {
            return 401;
        }

        @Override
        public String statusMessage() {
            return "Unauthorized";
        }

        @Override
        public byte[] responseBody() {
            return "{\"error\":\"bad token\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void anApplicationsOwnExporterHasNoEndpointToName() {
        assertThat(OtlpFailures.describe(null, null)).isEqualTo("OTLP export failed");
    }
}

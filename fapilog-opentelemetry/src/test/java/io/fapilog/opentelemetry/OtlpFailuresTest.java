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

    @Test
    void anApplicationsOwnExporterHasNoEndpointToName() {
        assertThat(OtlpFailures.describe(null, null)).isEqualTo("OTLP export failed");
    }
}

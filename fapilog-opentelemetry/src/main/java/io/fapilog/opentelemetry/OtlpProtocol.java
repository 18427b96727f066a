package io.fapilog.opentelemetry;

import java.util.Locale;

/** The OTLP transport: protobuf over HTTP ({@code /v1/logs}) or gRPC. */
public enum OtlpProtocol {
    /** Protobuf-encoded requests POSTed to {@code http(s)://host:4318/v1/logs}. */
    HTTP_PROTOBUF("http/protobuf", "http://localhost:4318/v1/logs"),
    /** The gRPC {@code LogsService/Export} call on {@code http(s)://host:4317}. */
    GRPC("grpc", "http://localhost:4317");

    private final String id;
    private final String defaultEndpoint;

    OtlpProtocol(String id, String defaultEndpoint) {
        this.id = id;
        this.defaultEndpoint = defaultEndpoint;
    }

    /** The name used by the OpenTelemetry specification ({@code OTEL_EXPORTER_OTLP_PROTOCOL}). */
    public String id() {
        return id;
    }

    /** The collector's address on this machine for this protocol. */
    public String defaultEndpoint() {
        return defaultEndpoint;
    }

    /** Parses {@code http/protobuf}, {@code http}, {@code grpc} (any case, {@code _} for {@code -}). */
    public static OtlpProtocol parse(String value) {
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (wanted) {
            case "http/protobuf", "http-protobuf", "http" -> HTTP_PROTOBUF;
            case "grpc" -> GRPC;
            default -> throw new IllegalArgumentException("Unknown OTLP protocol '" + value
                    + "'; allowed values: http/protobuf, grpc");
        };
    }
}

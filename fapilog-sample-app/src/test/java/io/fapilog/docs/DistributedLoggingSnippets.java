package io.fapilog.docs;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Preset;
import io.fapilog.kafka.KafkaSink;
import io.fapilog.opentelemetry.OtlpSink;

/** The Java snippets of docs/distributed-logging.md. */
final class DistributedLoggingSnippets {

    private DistributedLoggingSnippets() {
    }

    static FapilogRuntime otlp(String token) {
        // tag::otlp-builder[]
        OtlpSink otlp = OtlpSink.builder()
                .endpoint("http://collector.internal:4318/v1/logs")
                .header("Authorization", "Bearer " + token)
                .compression("gzip")
                .build();
        FapilogRuntime runtime = Fapilog.builder()
                .preset(Preset.PRODUCTION)
                .service("orders", "prod", "1.4.2")
                .sink(otlp)
                .start();
        // end::otlp-builder[]
        return runtime;
    }

    static FapilogRuntime kafka() {
        // tag::kafka-builder[]
        KafkaSink kafka = KafkaSink.builder()
                .bootstrapServers("kafka-1:9092,kafka-2:9092")
                .topic("logs")
                .key("trace_id")
                .build();
        FapilogRuntime runtime = Fapilog.builder()
                .preset(Preset.PRODUCTION)
                .sinks() // no stdout: Kafka only, with standard error as its fallback
                .sink(kafka)
                .start();
        // end::kafka-builder[]
        return runtime;
    }
}

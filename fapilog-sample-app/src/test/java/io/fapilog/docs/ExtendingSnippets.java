package io.fapilog.docs;

import io.fapilog.Fapilog;
import io.fapilog.FapilogRuntime;
import io.fapilog.Preset;
import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Encoder;
import io.fapilog.spi.Enricher;
import io.fapilog.spi.Filter;
import io.fapilog.spi.JsonLineWriter;
import io.fapilog.spi.LogEventView;
import io.fapilog.spi.Redactor;
import io.fapilog.spi.Sink;
import io.fapilog.spring.autoconfigure.FapilogCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/** The Java snippets of docs/extending.md. */
final class ExtendingSnippets {

    private ExtendingSnippets() {
    }

    // tag::sink[]
    /** Sends each batch over a TCP connection, one JSON line per event. */
    final class TcpSink implements Sink {
        private final Socket socket;

        TcpSink(Socket socket) {
            this.socket = socket;
        }

        @Override
        public String name() {
            return "tcp";
        }

        @Override
        public boolean remote() { // may hang on the other side: written from a thread of its own
            return true;
        }

        @Override
        public void write(EncodedBatch batch) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(batch.array(), 0, batch.length()); // whole lines; throw and the engine retries
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close(); // also ends a write still blocked when a drain cannot wait any longer
        }
    }
    // end::sink[]

    // tag::encoder[]
    /** A compact layout: time, message and the call's own fields. */
    final class CompactEncoder implements Encoder {
        private final JsonLineWriter json = JsonLineWriter.create(EncodingLimits.DEFAULT);

        @Override
        public void encode(LogEventView event, EncodedBatch out) {
            json.beginObject();
            json.member("t", event.timestampMillis());
            json.member("msg", event.message());
            json.name("fields").members(event.data());
            json.endObject();
            json.endLine(out); // valid JSON whatever the values hold
        }
    }
    // end::encoder[]

    static FapilogRuntime builder(Sink tcpSink) {
        // tag::builder[]
        Filter noHealthChecks = event -> !"/health".equals(event.data().get("path"));
        Enricher region = event -> event.context().put("region", System.getenv("REGION"));
        Redactor iban = event -> {
            int index = event.data().indexOf("iban");
            if (index >= 0) {
                event.data().setValue(index, "***");
            }
        };
        FapilogRuntime runtime = Fapilog.builder()
                .preset(Preset.PRODUCTION)
                .filter(noHealthChecks)
                .enricher(region)
                .redactor(iban)
                .sink(tcpSink, Format.ECS)                // this sink gets ECS lines
                .start();
        // end::builder[]
        return runtime;
    }

    // tag::boot[]
    @Configuration(proxyBeanMethods = false)
    class LoggingConfiguration {

        @Bean
        Redactor ibanRedactor() {                          // joins the built-in redaction
            return event -> {
                int index = event.data().indexOf("iban");
                if (index >= 0) {
                    event.data().setValue(index, "***");
                }
            };
        }

        @Bean
        FapilogCustomizer auditCopy() {                    // anything the builder can do
            return builder -> builder.sink(new AuditSink(), Format.LOGSTASH);
        }
    }
    // end::boot[]

    static final class AuditSink implements Sink {
        @Override
        public String name() {
            return "audit";
        }

        @Override
        public void write(EncodedBatch batch) {
        }
    }
}

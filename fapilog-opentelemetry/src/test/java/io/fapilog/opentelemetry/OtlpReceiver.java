package io.fapilog.opentelemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.zip.GZIPInputStream;

/**
 * A real OTLP/HTTP logs receiver on a loopback port: decodes every {@code ExportLogsServiceRequest}
 * with the official protobuf classes and answers as its script says (request numbers start at 1).
 */
public final class OtlpReceiver implements AutoCloseable {

    /** What to answer: a status, an optional {@code Retry-After}, and a pause before answering. */
    public record Answer(int status, String retryAfter, Runnable before) {
        public static final Answer OK = new Answer(200, null, () -> { });

        public static Answer status(int status) {
            return new Answer(status, null, () -> { });
        }
    }

    /** One decoded record with the resource and scope it came under. */
    public record Received(Resource resource, String scope, LogRecord record) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Received> accepted = new CopyOnWriteArrayList<>();
    private final List<Integer> statuses = new CopyOnWriteArrayList<>();
    private final AtomicInteger rejectedRecords = new AtomicInteger();
    private volatile IntFunction<Answer> script = request -> Answer.OK;

    public OtlpReceiver() throws IOException {
        // Without TCP_NODELAY, Nagle's algorithm and delayed ACKs hold each answer back ~40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/logs", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/logs";
    }

    public void script(IntFunction<Answer> script) {
        this.script = script;
    }

    public List<Received> accepted() {
        return accepted;
    }

    public List<LogRecord> acceptedRecords() {
        return accepted.stream().map(Received::record).toList();
    }

    /** Statuses answered, in order. */
    public List<Integer> statuses() {
        return statuses;
    }

    /** Records in requests answered with an error status. */
    /** The size of each request's body, uncompressed, in bytes. */
    public List<Integer> requestSizes() {
        return List.copyOf(requestSizes);
    }

    private final List<Integer> requestSizes = new java.util.concurrent.CopyOnWriteArrayList<>();

    public int rejectedRecords() {
        return rejectedRecords.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int number = requests.incrementAndGet();
        try (exchange) {
            byte[] body;
            try (InputStream in = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                    ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            requestSizes.add(body.length);
            ExportLogsServiceRequest request = ExportLogsServiceRequest.parseFrom(body);
            Answer answer = script.apply(number);
            answer.before().run();
            List<Received> received = new ArrayList<>();
            for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
                for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                    for (LogRecord record : scopeLogs.getLogRecordsList()) {
                        received.add(new Received(resourceLogs.getResource(), scopeLogs.getScope().getName(), record));
                    }
                }
            }
            if (answer.status() == 200) {
                accepted.addAll(received); // one copy per request, not per record
            } else {
                rejectedRecords.addAndGet(received.size());
            }
            statuses.add(answer.status());
            byte[] response = ExportLogsServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            if (answer.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
            }
            exchange.sendResponseHeaders(answer.status(), response.length == 0 ? -1 : response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        }
    }

    /** Polls until {@code count} records were accepted or the timeout passed. */
    public boolean awaitAccepted(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (accepted.size() < count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return true;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

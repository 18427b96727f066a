package io.fapilog.internal.sinks;

import io.fapilog.config.InvalidSettingException;
import io.fapilog.config.HttpSinkSettings;
import io.fapilog.config.SinkType;
import io.fapilog.spi.Sink;
import io.fapilog.spi.EncodedBatch;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Objects;

/**
 * Posts each batch as one {@code application/x-ndjson} request (one event per line) with the JDK
 * {@link HttpClient}. A response other than 2xx, a timeout or an I/O error makes {@link #write}
 * throw, so that the {@link ResilientSink} around it retries and, if need be, falls back. Batches
 * from several workers may be posted concurrently.
 */
public final class HttpSink implements Sink {

    static final String CONTENT_TYPE = "application/x-ndjson";

    private final String name;
    private final HttpSinkSettings settings;
    private final HttpClient client;
    private final HttpRequest.Builder request;

    public HttpSink(HttpSinkSettings settings) {
        this(SinkType.HTTP.id(), settings);
    }

    /** @throws IllegalArgumentException if the endpoint is unset or a header is not allowed */
    public HttpSink(String name, HttpSinkSettings settings) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (settings.endpoint() == null) {
            throw new InvalidSettingException("fapilog.http.endpoint", null, "an http or https URL (the http sink needs one)");
        }
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.request = HttpRequest.newBuilder(settings.endpoint()).timeout(settings.timeout())
                .header("Content-Type", CONTENT_TYPE);
        settings.headers().forEach(request::setHeader); // rejects restricted headers now, not per batch
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(EncodedBatch batch) throws IOException, InterruptedException {
        if (batch.length() == 0) {
            return;
        }
        // A copy: the worker reuses the batch once write returns, even if a timed-out body is still being sent.
        byte[] body = Arrays.copyOf(batch.array(), batch.length());
        HttpRequest post = request.copy().POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        int status = client.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status < 200 || status > 299) {
            throw new IOException("sink '" + name + "': HTTP " + status + " from " + settings.endpoint());
        }
    }
}

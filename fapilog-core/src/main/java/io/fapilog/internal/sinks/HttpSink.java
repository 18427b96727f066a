package io.fapilog.internal.sinks;

import io.fapilog.spi.SinkWriteException;
import io.fapilog.config.InvalidSettingException;
import io.fapilog.config.HttpSinkSettings;
import io.fapilog.config.SinkType;
import io.fapilog.spi.Sink;
import io.fapilog.spi.EncodedBatch;

import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.DateTimeException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Base64;
import java.util.Objects;

/**
 * Posts each batch as one {@code application/x-ndjson} request (one event per line) with the JDK
 * {@link HttpClient}. A response other than 2xx, a timeout (the status and headers must arrive within
 * the settings' timeout) or an I/O error makes {@link #write} throw a {@link SinkWriteException}, so that the {@link ResilientSink} around it retries and, if
 * need be, falls back. Only 429, 502, 503, 504, timeouts and I/O errors on a made connection (one
 * the collector closed while idle) are worth a retry (honouring {@code Retry-After}); any other
 * status, a connection that cannot be made, or a TLS failure, is not. A retry after an I/O error may deliver a
 * batch twice if the collector took it before the connection broke: at least once, never lost. A 2xx
 * status delivers the batch: the response's body is read and discarded after {@code write} returned
 * ({@link DiscardedBodies}), without a retry for one that stalls, which would send the batch again. Errors name
 * the endpoint by scheme, host, port and path only ({@link #display}): never its user-info or
 * query. Batches from several workers may be posted concurrently.
 */
public final class HttpSink implements Sink {

    static final String CONTENT_TYPE = "application/x-ndjson";

    /** The JDK HTTP client's loggers: {@code jdk.httpclient.HttpClient}, and its debug loggers under {@code jdk.internal.httpclient}. */
    static final List<String> CLIENT_LOGGERS = List.of("jdk.httpclient.", "jdk.internal.httpclient.");

    private final String name;
    private final HttpSinkSettings settings;
    /**
     * Made at the first write, on the sink's thread: the JDK's client starts a selector thread, which
     * logs as it starts ({@code -Djdk.httpclient.HttpClient.log}), and at start-up, before the bridge
     * is connected, that went to the console as a plain line.
     */
    private volatile HttpClient client;
    private final HttpRequest.Builder request;
    private final String safeEndpoint;
    private final DiscardedBodies bodies;
    private volatile boolean closed;
    private volatile CompletableFuture<?> inFlight;

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
        this.safeEndpoint = settings.displayedEndpoint();
        this.bodies = new DiscardedBodies(name, settings.timeout());
        URI endpoint = settings.endpoint();
        this.request = HttpRequest.newBuilder(withoutUserInfo(endpoint)).timeout(settings.timeout())
                .header("Content-Type", CONTENT_TYPE);
        // The JDK's client ignores a URL's user info: sent as Basic credentials, unless a header says otherwise
        if (endpoint.getRawUserInfo() != null && settings.headers().keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
            String userInfo = endpoint.getUserInfo();
            String credentials = userInfo.indexOf(':') >= 0 ? userInfo : userInfo + ":"; // a key alone: user-id ":" password, empty
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        settings.headers().forEach(request::setHeader); // rejects restricted headers now, not per batch
    }

    private HttpClient client() {
        HttpClient made = client;
        if (made == null) {
            synchronized (this) {
                made = client;
                if (made == null) {
                    // HTTP/1.1 on plain http: HTTP/2 there means an "Upgrade: h2c" header on every post, which
                    // some collectors and proxies refuse. Over https the version is negotiated during the handshake.
                    HttpClient.Version version = "https".equalsIgnoreCase(settings.endpoint().getScheme())
                            ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
                    client = made = HttpClient.newBuilder().version(version).connectTimeout(settings.timeout()).build();
                }
            }
        }
        return made;
    }

    private static URI withoutUserInfo(URI endpoint) {
        String authority = endpoint.getRawAuthority();
        if (endpoint.getRawUserInfo() == null || authority == null) {
            return endpoint;
        }
        return URI.create(endpoint.getScheme() + "://" + authority.substring(authority.lastIndexOf('@') + 1)
                + (endpoint.getRawPath() == null ? "" : endpoint.getRawPath())
                + (endpoint.getRawQuery() == null ? "" : "?" + endpoint.getRawQuery()));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(EncodedBatch batch) throws SinkWriteException, InterruptedException {
        if (batch.length() == 0) {
            return;
        }
        if (closed) { // an event logged after the drain must not wait on the collector: to the fallback
            throw new SinkWriteException("sink '" + name + "' is closed", false, null);
        }
        // A copy: the worker reuses the batch once write returns, even if a timed-out body is still being sent.
        byte[] body = Arrays.copyOf(batch.array(), batch.length());
        HttpRequest post = request.copy().POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<Void> response;
        CompletableFuture<HttpResponse<Void>> posting = client().sendAsync(post, bodies::subscriber);
        inFlight = posting;
        try {
            if (closed) { // closed since the check above: close() may have missed this request
                posting.cancel(true);
            }
            // Complete with the headers (the body is read afterwards): the request's own timeout guards it too.
            response = posting.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            posting.cancel(true); // aborts the exchange and closes its connection
            throw failure(new HttpTimeoutException("response not received in time"));
        } catch (CancellationException | ExecutionException e) {
            // Cancelled by close(): the client may report it either way.
            throw closed ? new SinkWriteException("sink '" + name + "' was closed while posting to " + safeEndpoint
                    + " (the drain could not wait any longer)", false, null)
                    : failure(e.getCause() != null ? e.getCause() : e);
        } catch (InterruptedException e) {
            posting.cancel(true);
            throw e;
        } finally {
            inFlight = null;
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            boolean retryable = status == 408 || status == 429 || status == 502 || status == 503 || status == 504;
            Duration retryAfter = retryable ? retryAfter(response) : null;
            throw new SinkWriteException("sink '" + name + "': HTTP " + status + " from " + safeEndpoint,
                    retryable, retryAfter);
        }
    }

    /** What a failed request means: retried or not, and a message that never quotes the full URL. */
    private SinkWriteException failure(Throwable e) {
        if (e instanceof HttpTimeoutException) {
            return new SinkWriteException("sink '" + name + "': " + e.getClass().getSimpleName() + " after "
                    + settings.timeout() + " posting to " + safeEndpoint, true, null);
        }
        // Not the exception itself: its message may quote the full URL (user-info, query keys).
        // A connection the collector closed while idle fails the request before it was sent:
        // worth a retry (on a new connection); a connection that cannot be made is not.
        boolean retryable = e instanceof IOException && !(e instanceof java.net.ConnectException)
                && !(e instanceof javax.net.ssl.SSLException);
        return new SinkWriteException("sink '" + name + "': " + e.getClass().getName() + " posting to "
                + safeEndpoint, retryable, null);
    }

    @Override
    public boolean remote() {
        return true;
    }

    /** The JDK HTTP client's own loggers: what it logs while this sink posts is not posted. */
    @Override
    public List<String> clientLoggers() {
        return CLIENT_LOGGERS;
    }

    /**
     * Writes after this fail at once (to the fallback): the drain is over. A request in progress
     * is cancelled: the drain gave up waiting for it, and its batch goes to the fallback.
     */
    @Override
    public void close() {
        closed = true;
        bodies.close();
        CompletableFuture<?> posting = inFlight;
        if (posting != null) {
            posting.cancel(true);
        }
    }

    /** {@code Retry-After} in seconds or as an HTTP date; {@code null} if absent or unreadable. */
    static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        value = value.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(Instant.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeException notADate) {
                return null;
            }
        }
    }
}

package io.fapilog.opentelemetry;

import io.fapilog.config.HttpSinkSettings;

import io.opentelemetry.sdk.common.export.GrpcResponse;
import io.opentelemetry.sdk.common.export.HttpResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * What a failed OTLP export tells an operator: where it went, the collector's answer (its status,
 * and the start of its body when that is text) or the transport's error, and a hint for the usual
 * mistakes. The exporter's own exception says only {@code HttpExportException}, the same for a wrong
 * token as for a missing {@code /v1/logs}. That exception's class is internal to the exporter, so
 * its answer is read through its public {@code getResponse()}, as the SDK's public response types.
 */
final class OtlpFailures {

    private static final int BODY_CHARS = 200;
    private static final String EXPORTER_FAILURE = "io.opentelemetry.exporter.internal.FailedExportException";

    private OtlpFailures() {
    }

    /** @param endpoint the exporter's endpoint, or null when the application gave its own exporter */
    static String describe(Throwable failure, String endpoint) {
        String export = "OTLP export" + (endpoint == null ? "" : " to " + withoutSecrets(endpoint));
        Object answer = responseOf(failure);
        if (SDK_RESPONSE_TYPES && answer instanceof HttpResponse response) {
            return answeredHttp(export, response.getStatusCode(), response.getStatusMessage(), response.getResponseBody());
        }
        if (SDK_RESPONSE_TYPES && answer instanceof GrpcResponse response) {
            return export + " answered gRPC status " + response.getStatusCode() + text(response.getStatusDescription());
        }
        if (answer != null && call(answer, "statusCode") instanceof Integer status) {
            // OpenTelemetry 1.55 (Spring Boot 4.0.x): the exporter's internal HttpSender.Response
            return answeredHttp(export, status, (String) call(answer, "statusMessage"), (byte[]) call(answer, "responseBody"));
        }
        // The exporter's exception without an answer wraps the transport's (a refused connection, a timeout).
        boolean wrapper = failure != null && failure.getClass().getName().startsWith(EXPORTER_FAILURE);
        Throwable cause = wrapper && failure.getCause() != null ? failure.getCause() : failure;
        return export + " failed" + (cause == null ? "" : ": " + cause + transportHint(cause));
    }

    /**
     * The SDK's public response types. OpenTelemetry 1.55 (Spring Boot 4.0.x) has none, and naming
     * them failed the description with a {@code NoClassDefFoundError} instead of the collector's answer.
     */
    private static final boolean SDK_RESPONSE_TYPES = present("io.opentelemetry.sdk.common.export.HttpResponse");

    private static boolean present(String type) {
        try {
            Class.forName(type, false, OtlpFailures.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String answeredHttp(String export, int status, String message, byte[] body) {
        return export + " answered HTTP " + status + text(message) + body(body) + httpHint(status);
    }

    /** What {@code target}'s public no-argument method {@code name} returns, or null. */
    private static Object call(Object target, String name) {
        try {
            java.lang.reflect.Method method = target.getClass().getMethod(name);
            method.setAccessible(true);  // a public method of a class that is not (the exporter's own response)
            return method.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The collector's answer the exporter's exception holds ({@code FailedExportException.getResponse()}), or null. */
    private static Object responseOf(Throwable failure) {
        if (failure == null) {
            return null;
        }
        try {
            return failure.getClass().getMethod("getResponse").invoke(failure);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static String httpHint(int status) {
        return switch (status) {
            case 404 -> " (fapilog.otlp.endpoint: an OTLP/HTTP endpoint ends in /v1/logs, as http://collector:4318/v1/logs)";
            case 401, 403 -> " (fapilog.otlp.headers: the collector refused the credentials sent)";
            case 413 -> " (the batch is larger than the collector takes: lower fapilog.batch.max-size)";
            default -> "";
        };
    }

    /** A gRPC client on an HTTP/1.1 port, or an HTTP client on a gRPC one, fails in the framing. */
    private static String transportHint(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        return message.contains("FRAME_SIZE_ERROR") || message.contains("PROTOCOL_ERROR")
                ? " (fapilog.otlp.protocol: does the port speak it? gRPC is usually 4317, http/protobuf 4318)" : "";
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? "" : " " + printable(value, BODY_CHARS);
    }

    /** The body when it is text (a collector's JSON or plain answer); a protobuf status is left out. */
    private static String body(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, BODY_CHARS * 4), StandardCharsets.UTF_8);
        if (body.length > BODY_CHARS * 4 && text.endsWith("\uFFFD")) {
            text = text.substring(0, text.length() - 1); // the cut went through a character
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t' || c == '\uFFFD') {
                return "";
            }
        }
        return ": " + printable(text, BODY_CHARS);
    }

    private static String printable(String text, int max) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max) + "…";
    }

    /** The endpoint without its user information and query, which may hold credentials. */
    static String withoutSecrets(String endpoint) {
        try {
            URI uri = URI.create(endpoint);
            return uri.getScheme() == null || uri.getHost() == null ? "(fapilog.otlp.endpoint)" : HttpSinkSettings.displayed(uri);
        } catch (IllegalArgumentException e) {
            return "(fapilog.otlp.endpoint)";
        }
    }
}

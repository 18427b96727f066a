package io.fapilog.internal.encoding;

import io.fapilog.spi.Redactor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A web server's objects (servlet and Spring requests, responses, exchanges, sessions, uploaded
 * files, cookies), known by their class names (fapilog depends on neither): written as a short
 * summary, never through their getters (read at the call when logged as a value of its own or in a
 * collection, as {@code CallSnapshot} captures it). Their getters act: a response's {@code getOutputStream()}
 * takes the writer from the application (its next {@code getWriter()} fails the request), a request's
 * {@code getSession()} creates a session, {@code getParts()} parses the body; and once the request
 * ends the server recycles them for another. A session is written as its kind only: its id is a
 * credential.
 *
 * <ul>
 *   <li>a request (servlet, Spring's {@code HttpRequest} and {@code WebRequest}, WebClient's
 *       {@code ClientRequest}, Apache HttpClient's): {@code {"method":"GET","uri":"http://host/path?query"}}
 *   <li>a WebFlux exchange: its request's summary and its response's status
 *   <li>a response (servlet, WebFlux, an HTTP client's: Spring's {@code ClientHttpResponse}, WebClient's
 *       {@code ClientResponse}, Apache HttpClient's): {@code {"status":200}}
 *   <li>a cookie: {@code {"name":"JSESSIONID","value":"***"}}: a cookie's value is a credential more
 *       often than not (a session, a remember-me token)
 *   <li>an uploaded file: {@code {"name":..,"filename":..,"size":..,"content_type":..}}
 *   <li>a session (a servlet's, WebFlux's, Spring Session's), a servlet context: {@code "[HttpSession]"}
 * </ul>
 */
public final class WebObjects {

    /** By precedence: a type that is several (an {@code HttpServletRequest} is a {@code ServletRequest}) takes the first. */
    private enum Shape { SERVLET_REQUEST, SPRING_REQUEST, CLIENT_REQUEST, APACHE_REQUEST, NATIVE_REQUEST, EXCHANGE,
        SERVLET_RESPONSE, SPRING_RESPONSE, CLIENT_RESPONSE, APACHE_RESPONSE, SERVLET_PART, SPRING_MULTIPART_FILE, COOKIE, OPAQUE }

    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            Map.entry("jakarta.servlet.http.HttpServletRequest", Shape.SERVLET_REQUEST),
            Map.entry("org.springframework.http.HttpRequest", Shape.SPRING_REQUEST),
            Map.entry("org.springframework.web.reactive.function.client.ClientRequest", Shape.CLIENT_REQUEST),
            Map.entry("org.springframework.web.context.request.NativeWebRequest", Shape.NATIVE_REQUEST),
            Map.entry("org.springframework.web.server.ServerWebExchange", Shape.EXCHANGE),
            Map.entry("jakarta.servlet.http.HttpServletResponse", Shape.SERVLET_RESPONSE),
            Map.entry("org.springframework.http.server.reactive.ServerHttpResponse", Shape.SPRING_RESPONSE),
            Map.entry("org.springframework.web.reactive.function.client.ClientResponse", Shape.CLIENT_RESPONSE),
            Map.entry("org.springframework.http.client.ClientHttpResponse", Shape.SPRING_RESPONSE),
            Map.entry("org.apache.hc.core5.http.HttpRequest", Shape.APACHE_REQUEST),
            Map.entry("org.apache.hc.core5.http.HttpResponse", Shape.APACHE_RESPONSE),
            Map.entry("jakarta.servlet.http.Cookie", Shape.COOKIE),
            Map.entry("org.springframework.http.HttpCookie", Shape.COOKIE),
            Map.entry("jakarta.servlet.http.Part", Shape.SERVLET_PART),
            Map.entry("org.springframework.web.multipart.MultipartFile", Shape.SPRING_MULTIPART_FILE),
            Map.entry("jakarta.servlet.ServletRequest", Shape.OPAQUE),
            Map.entry("jakarta.servlet.ServletResponse", Shape.OPAQUE),
            Map.entry("jakarta.servlet.http.HttpSession", Shape.OPAQUE),
            Map.entry("jakarta.servlet.ServletContext", Shape.OPAQUE),
            Map.entry("jakarta.servlet.AsyncContext", Shape.OPAQUE),
            Map.entry("org.springframework.web.server.WebSession", Shape.OPAQUE),
            Map.entry("org.springframework.session.Session", Shape.OPAQUE));

    /** Writes a web object as its {@linkplain #summary summary}, inside a record or bean too. */
    static final ConvertedSerializer SERIALIZER = new ConvertedSerializer(WebObjects::summary);

    private WebObjects() {
    }

    /** Whether values of {@code type} are a web server's objects, written as a {@linkplain #summary summary}. */
    public static boolean isWebObject(Class<?> type) {
        return known(type) != null;
    }

    /**
     * What a web object is written as: a map of a few plain values, or, for a session, the text of
     * its kind. Never throws: a reading that fails (a request the server recycled) is left out.
     */
    public static Object summary(Object value) {
        Class<?> known = known(value.getClass());
        Shape shape = SHAPES.get(known.getName());
        Map<String, Object> summary = new LinkedHashMap<>();
        switch (shape) {
            case SERVLET_REQUEST -> {
                put(summary, "method", NamedTypes.read(known, value, "getMethod"));
                Object url = NamedTypes.read(known, value, "getRequestURL");
                Object query = NamedTypes.read(known, value, "getQueryString");
                put(summary, "uri", url == null ? null : query == null ? url.toString() : url + "?" + query);
            }
            case SPRING_REQUEST -> {
                put(summary, "method", text(NamedTypes.read(known, value, "getMethod")));
                put(summary, "uri", text(NamedTypes.read(known, value, "getURI")));
            }
            case CLIENT_REQUEST -> {
                put(summary, "method", text(NamedTypes.read(known, value, "method")));
                put(summary, "uri", text(NamedTypes.read(known, value, "url")));
            }
            case APACHE_REQUEST -> {
                put(summary, "method", NamedTypes.read(known, value, "getMethod"));
                Object uri = NamedTypes.read(known, value, "getUri"); // null when the request's is no valid URI
                put(summary, "uri", text(uri != null ? uri : NamedTypes.read(known, value, "getRequestUri")));
            }
            case NATIVE_REQUEST -> summary.putAll(summaryOf(NamedTypes.read(known, value, "getNativeRequest"), value));
            case EXCHANGE -> {
                summary.putAll(summaryOf(NamedTypes.read(known, value, "getRequest"), value));
                summary.putAll(summaryOf(NamedTypes.read(known, value, "getResponse"), value));
            }
            case SERVLET_RESPONSE -> put(summary, "status", NamedTypes.read(known, value, "getStatus"));
            case SPRING_RESPONSE -> putStatus(summary, NamedTypes.read(known, value, "getStatusCode"));
            case CLIENT_RESPONSE -> putStatus(summary, NamedTypes.read(known, value, "statusCode"));
            case APACHE_RESPONSE -> put(summary, "status", NamedTypes.read(known, value, "getCode"));
            case COOKIE -> {
                put(summary, "name", NamedTypes.read(known, value, "getName"));
                summary.put("value", Redactor.MASK);
            }
            case SERVLET_PART -> putUpload(summary, known, value, "getSubmittedFileName");
            case SPRING_MULTIPART_FILE -> putUpload(summary, known, value, "getOriginalFilename");
            case OPAQUE -> {
                return "[" + known.getSimpleName() + "]";
            }
        }
        return summary;
    }

    /** The summary map of {@code part}, an object's request or response; empty when there is none. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> summaryOf(Object part, Object whole) {
        return part != null && part != whole && isWebObject(part.getClass()) && summary(part) instanceof Map<?, ?> map
                ? (Map<String, Object>) map : Map.of();
    }

    /** A status as Spring holds it (an {@code HttpStatusCode}): its number. */
    private static void putStatus(Map<String, Object> summary, Object status) {
        put(summary, "status", status == null ? null : NamedTypes.read(status, "value"));
    }

    private static void putUpload(Map<String, Object> summary, Class<?> known, Object upload, String filename) {
        put(summary, "name", NamedTypes.read(known, upload, "getName"));
        put(summary, "filename", NamedTypes.read(known, upload, filename));
        put(summary, "size", NamedTypes.read(known, upload, "getSize"));
        put(summary, "content_type", NamedTypes.read(known, upload, "getContentType"));
    }

    private static void put(Map<String, Object> summary, String name, Object value) {
        if (value != null) {
            summary.put(name, value);
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** The type of {@code type}'s hierarchy that {@link #SHAPES} names with the first shape; null when none. */
    private static Class<?> known(Class<?> type) {
        if (type.getClassLoader() == null) {
            return null; // the JDK's own
        }
        Class<?> known = null;
        for (Class<?> candidate : NamedTypes.hierarchy(type)) {
            Shape shape = SHAPES.get(candidate.getName());
            if (shape != null && (known == null || shape.compareTo(SHAPES.get(known.getName())) < 0)) {
                known = candidate;
            }
        }
        return known;
    }

}

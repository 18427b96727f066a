package io.fapilog.internal.encoding;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Spring's web values, known by their class names (fapilog has no dependency on Spring): since
 * Spring Framework 7 an {@code HttpHeaders} is no map, and Jackson would write it through its typed
 * getters (forty of them, every custom header and {@code Authorization} left out); a
 * {@code MediaType} would be written as its parts. Headers are written as Spring 6 wrote them, an
 * object of each header's values (redaction then masks {@code Authorization} by name), a media type
 * and a content disposition as their header text.
 */
final class SpringWebValues {

    private static final String HEADERS = "org.springframework.http.HttpHeaders";
    private static final String MIME_TYPE = "org.springframework.util.MimeType";
    private static final String CONTENT_DISPOSITION = "org.springframework.http.ContentDisposition";

    private SpringWebValues() {
    }

    /** Whether values of {@code type} are written as their {@code toString()}: the text of their header. */
    static boolean isHeaderText(Class<?> type) {
        return isA(type, MIME_TYPE) || isA(type, CONTENT_DISPOSITION);
    }

    /** Whether values of {@code type} are Spring's {@code HttpHeaders} of Spring 7 (no map), written by {@link HeadersSerializer}. */
    static boolean isHeaders(Class<?> type) {
        return isA(type, HEADERS) && !Map.class.isAssignableFrom(type);
    }

    private static boolean isA(Class<?> type, String className) {
        return NamedTypes.find(type, className) != null;
    }

    /** Each header with its values, read through {@code headerSet()}: {@code {"X-Custom":["one","two"]}}. */
    static final class HeadersSerializer extends StdSerializer<Object> {
        private final Method headerSet;

        HeadersSerializer(Class<?> type) {
            super(Object.class);
            try {
                // HttpHeaders' own method: a subclass's override may be in a class that is not public (ReadOnlyHttpHeaders)
                this.headerSet = NamedTypes.find(type, HEADERS).getMethod("headerSet");
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getName() + " has no headerSet()", e);
            }
        }

        @Override
        public void serialize(Object headers, JsonGenerator generator, SerializationContext context) {
            Collection<?> entries;
            try {
                entries = (Collection<?>) headerSet.invoke(headers);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read the headers", e);
            }
            generator.writeStartObject(headers);
            for (Object entry : entries) {
                Map.Entry<?, ?> header = (Map.Entry<?, ?>) entry;
                generator.writeName(String.valueOf(header.getKey()));
                context.writeValue(generator, header.getValue());
            }
            generator.writeEndObject();
        }
    }
}

package io.fapilog.logback;

import io.fapilog.spi.LogBridge;
import net.logstash.logback.argument.StructuredArgument;
import net.logstash.logback.marker.LogstashMarker;
import org.slf4j.Marker;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of logstash-logback-encoder's structured arguments ({@code kv}, {@code keyValue},
 * {@code value}, {@code entries}, {@code fields}, {@code array}, {@code raw}, {@code defer}) and of
 * its markers ({@code Markers.append} and the rest, with the markers joined to them by {@code and}),
 * as fapilog data: what its {@code LogstashEncoder} writes as top-level JSON members. Each writes
 * itself as logstash-logback-encoder does (its {@code writeTo}), into JSON read back as maps, lists
 * and scalars, on the caller's thread: the values are taken as they are at the call, and redaction
 * sees them as any other field. Loaded only when logstash-logback-encoder is on the class path.
 */
final class LogstashFields {

    /** The data key of what a structured argument or marker that failed to write itself threw. */
    static final String ERROR_KEY = "logstash_argument_error";

    private static final TypeReference<LinkedHashMap<String, Object>> MEMBERS = new TypeReference<>() {
    };

    private LogstashFields() {
    }

    /** Whether {@code marker} is one of logstash-logback-encoder's, written as fields rather than a tag. */
    static boolean isFieldMarker(Marker marker) {
        return marker instanceof LogstashMarker;
    }

    /**
     * The fields of the structured arguments among {@code arguments} and of the logstash markers in
     * {@code markers}, as alternating keys and values, after {@code keyValues}; null if there are none.
     */
    static Object[] withFields(Object[] keyValues, Object[] arguments, List<Marker> markers) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (arguments != null) {
            for (Object argument : arguments) {
                if (argument instanceof StructuredArgument structured) {
                    write(structured::writeTo, fields);
                }
            }
        }
        if (markers != null) {
            for (Marker marker : markers) {
                MarkerTree.forEach(marker, each -> {
                    if (each instanceof LogstashMarker logstash) {
                        write(logstash::writeTo, fields);
                    }
                });
            }
        }
        if (fields.isEmpty()) {
            return keyValues;
        }
        List<Object> all = new ArrayList<>();
        if (keyValues != null) {
            all.addAll(List.of(keyValues));
        }
        fields.forEach((key, value) -> {
            all.add(key);
            all.add(value);
        });
        return all.toArray();
    }

    private interface Writer {
        void writeTo(JsonGenerator generator);
    }

    private static void write(Writer writer, Map<String, Object> fields) {
        try {
            JsonMapper mapper = LogBridge.valueMapper(); // asked each time: it is replaced as runtimes start and stop
            StringWriter json = new StringWriter();
            try (JsonGenerator generator = mapper.createGenerator(json)) {
                generator.writeStartObject();
                writer.writeTo(generator);
                generator.writeEndObject();
            }
            fields.putAll(mapper.readValue(json.toString(), MEMBERS));
        } catch (RuntimeException | LinkageError e) {
            // Logging never throws into the caller: the event is logged without this argument's fields.
            fields.merge(ERROR_KEY, e.toString(), (first, next) -> first + "; " + next);
        }
    }
}

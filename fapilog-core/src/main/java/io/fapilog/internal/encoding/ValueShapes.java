package io.fapilog.internal.encoding;

import java.io.File;
import java.net.InetAddress;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.Calendar;
import java.util.Currency;
import java.util.Date;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the JSON encoders see a value, shared with redaction so that both agree on what a value
 * turns into: which values are written as a number, boolean or fixed text (nothing in them can be
 * masked by name), and the Jackson tree that any other object ("bean") is written as.
 */
public final class ValueShapes {

    private ValueShapes() {
    }

    /**
     * Whether {@code value} is written as a number, a boolean, or a text that is not free text
     * (dates, times, ids, paths, class names). {@link java.net.URI}, {@link java.net.URL} and
     * strings are not among them: their text can carry secrets.
     */
    public static boolean isPlain(Object value) {
        return value instanceof Number || value instanceof Boolean || value instanceof Character
                || value instanceof Enum<?> || value instanceof TemporalAccessor || value instanceof TemporalAmount
                || value instanceof UUID || value instanceof Date || value instanceof Calendar
                || value instanceof Class<?> || value instanceof TimeZone || value instanceof ZoneId
                || value instanceof StackTraceElement || value instanceof Path || value instanceof File
                || value instanceof Locale || value instanceof Currency || value instanceof Charset
                || value instanceof InetAddress || value instanceof AtomicBoolean || value instanceof OptionalInt
                || value instanceof OptionalLong || value instanceof OptionalDouble;
    }

    /**
     * The tree an object with properties (a record, a bean) is written as.
     *
     * @throws RuntimeException when Jackson cannot convert it (the encoders then write its {@code toString()})
     */
    public static JsonNode tree(Object bean) {
        return Jackson.MAPPER.valueToTree(bean);
    }

    /** Loaded on first use, so that events of plain values never initialise databind. */
    private static final class Jackson {
        /** Objects without properties fail, so that their toString() is written rather than {}. */
        static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build();
    }
}

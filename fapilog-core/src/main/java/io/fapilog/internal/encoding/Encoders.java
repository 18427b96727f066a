package io.fapilog.internal.encoding;

import io.fapilog.config.EncodingLimits;
import io.fapilog.config.Format;
import io.fapilog.config.StackTraceStyle;
import io.fapilog.config.StructuredJson;
import io.fapilog.config.TimestampPrecision;
import io.fapilog.spi.EncoderFactory;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The built-in encoders. Each factory call creates an independent encoder (with its own reusable
 * buffers) for one worker thread.
 *
 * <pre>{@code
 * EncoderFactory factory = Encoders.json(Format.ECS, EncodingLimits.DEFAULT);
 * Encoder encoder = factory.create();           // once per worker
 * encoder.encode(event, batch);                 // one line per event, always valid JSON
 * }</pre>
 */
public final class Encoders {

    private Encoders() {
    }

    /** One JSON object per line in the given layout, valid whatever the event holds. */
    public static EncoderFactory json(Format format, EncodingLimits limits) {
        return json(format, limits, StructuredJson.NONE);
    }

    /**
     * The throwable's trace as text in {@link Throwable#printStackTrace()}'s layout, within
     * {@code limits}, never throwing: each message read with {@code getMessage()}, the one
     * redaction masks ({@code printStackTrace} prints {@code getLocalizedMessage()}, which a
     * throwable may override to say something else).
     */
    public static String stackTrace(Throwable t, EncodingLimits limits) {
        return stackTrace(t, null, limits);
    }

    /** As {@link #stackTrace(Throwable, EncodingLimits)}, in Spring Boot's {@code style} (null: the JDK's layout). */
    public static String stackTrace(Throwable t, StackTraceStyle style, EncodingLimits limits) {
        StringBuilder out = new StringBuilder(256);
        StackTraces.render(t, out, style, limits);
        return out.toString();
    }

    /** One JSON object per line in the given layout, adjusted as {@code structured} says. */
    public static EncoderFactory json(Format format, EncodingLimits limits, StructuredJson structured) {
        return json(format, limits, structured, TimestampPrecision.MILLIS);
    }

    /** As {@link #json(Format, EncodingLimits, StructuredJson)}, with timestamps of the given precision. */
    public static EncoderFactory json(Format format, EncodingLimits limits, StructuredJson structured,
                                      TimestampPrecision precision) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(structured, "structured");
        Objects.requireNonNull(precision, "precision");
        StackTraceStyle style = structured.stackTrace();
        EncoderFactory layout = switch (format) {
            case FAPILOG -> () -> configured(new FapilogJsonEncoder(limits), null, precision); // exceptions as objects
            case ECS -> () -> configured(new EcsJsonEncoder(limits, structured.serviceNodeName(),
                    structured.eventDataset()), style, precision);
            case LOGSTASH -> () -> configured(new LogstashJsonEncoder(limits), style, precision);
            case GELF -> () -> configured(new GelfJsonEncoder(limits, structured.gelf().host(),
                    structured.gelf().serviceVersion()), style, precision);
        };
        EncoderFactory context = ContextAdjustingEncoder.adjusts(structured.context(), format)
                ? () -> new ContextAdjustingEncoder(layout.create(), structured.context(), format) : layout;
        return structured.changesMembers() ? () -> new MemberAdjustingEncoder(context.create(), structured) : context;
    }

    private static JsonEncoder configured(JsonEncoder encoder, StackTraceStyle style, TimestampPrecision precision) {
        encoder.writer.stackTraceStyle(style);
        encoder.timestampPrecision(precision);
        return encoder;
    }

    /** Human-readable lines in the system time zone, with ANSI colours when {@code colour} is set. */
    public static EncoderFactory pretty(boolean colour, EncodingLimits limits) {
        Objects.requireNonNull(limits, "limits");
        return () -> new PrettyEncoder(colour, limits, ZoneId.systemDefault());
    }
}

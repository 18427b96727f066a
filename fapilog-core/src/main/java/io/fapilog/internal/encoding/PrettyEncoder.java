package io.fapilog.internal.encoding;

import io.fapilog.spi.FieldsView;
import io.fapilog.spi.LogEventView;
import io.fapilog.config.EncodingLimits;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.Encoder;
import io.fapilog.Level;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/**
 * A line for humans: {@code 20:17:04.488 INFO  [api] Fetching user  user_id=123 request_id=7f3c},
 * then the stack trace, if any, indented below it. Values print bare when they are plain words,
 * else as JSON; control characters are escaped, so only a stack trace spans several lines.
 * Prints data, then context, then diagnostics other than the runtime ones (service, env, version,
 * host, pid, thread). ANSI colours by level when {@code colour} is set.
 */
final class PrettyEncoder implements Encoder {

    private static final String RESET = "\u001b[0m";
    private static final byte[] RESET_BYTES = ascii(RESET);
    private static final byte[] KEY_COLOUR = ascii("\u001b[2m");
    private static final byte[] MESSAGE_INDENT = ascii("    ");
    private static final byte[][] LEVELS = new byte[Level.values().length][];
    private static final byte[][] COLOURED_LEVELS = new byte[Level.values().length][];
    private static final String[] COLOURS = {
        "\u001b[90m", "\u001b[36m", "\u001b[32m", "\u001b[33m", "\u001b[31m", "\u001b[1;31m", "\u001b[35m", "\u001b[1;35m"
    };

    static {
        for (Level level : Level.values()) {
            String padded = String.format("%-5s", level.name());
            LEVELS[level.ordinal()] = ascii(padded);
            COLOURED_LEVELS[level.ordinal()] = ascii(COLOURS[level.ordinal()] + padded + RESET);
        }
    }

    private final boolean colour;
    private final EncodingLimits limits;
    private final JsonBuffer out;
    private final SafeJsonWriter writer;
    private final TimestampFormat time;
    private final StringBuilder scratch = new StringBuilder(256);

    PrettyEncoder(boolean colour, EncodingLimits limits, ZoneId zone) {
        this.colour = colour;
        this.limits = limits;
        this.out = new JsonBuffer(limits.maxStringLength());
        this.writer = new SafeJsonWriter(out, limits);
        this.time = TimestampFormat.timeOfDay(zone);
    }

    @Override
    public void encode(LogEventView event, EncodedBatch batch) {
        out.reset();
        try {
            header(event);
            boolean first = fields(event.data(), true, true);
            first = fields(event.context(), first, true);
            fields(event.diagnostics(), first, false);
            if (event.throwable() != null) {
                stackTrace(event.throwable());
            }
        } catch (Throwable failure) {
            Failures.rethrowIfFatal(failure);
            out.reset();
            header(event);
            out.raw((byte) ' ');
            out.raw((byte) ' ');
            field(JsonEncoder.ENCODING_ERROR, StackTraces.describe(failure));
        }
        out.raw((byte) '\n');
        out.copyTo(batch);
        batch.endEvent();
    }

    private void header(LogEventView event) {
        time.write(event.timestampMillis(), out);
        out.raw((byte) ' ');
        if (event.level() == null) {
            out.raw(ascii("?    "), 0, 5);
        } else {
            byte[] level = (colour ? COLOURED_LEVELS : LEVELS)[event.level().ordinal()];
            out.raw(level, 0, level.length);
        }
        out.raw((byte) ' ');
        out.raw((byte) '[');
        readable(String.valueOf(event.loggerName()));
        out.raw((byte) ']');
        out.raw((byte) ' ');
        for (String tag : event.tags()) {
            out.raw((byte) '#');
            word(String.valueOf(tag));
            out.raw((byte) ' ');
        }
        readableLines(String.valueOf(event.message()));
    }

    /**
     * A message over several lines (a report Spring Boot logs: the conditions report of
     * {@code --debug}, "APPLICATION FAILED TO START") as a person reads it: each further line on a
     * line of its own, indented, so that none can pass for an event's.
     */
    private void readableLines(String text) {
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            readable(text.substring(start, end));
            out.raw((byte) '\n');
            out.raw(MESSAGE_INDENT, 0, MESSAGE_INDENT.length);
            start = end + 1;
        }
        readable(start == 0 ? text : text.substring(start));
    }

    /**
     * Text as a person reads it: quotes, backslashes and tabs as they are (a bridged Spring line
     * {@code profile: "default"} stays so, a report's tab-indented lines too), other control
     * characters still escaped.
     */
    private void readable(String text) {
        int start = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '\t') {
                if (i > start) {
                    out.text(text.substring(start, i));
                }
                out.raw((byte) c);
                start = i + 1;
            }
        }
        if (start == 0) {
            out.text(text);
        } else if (start < text.length()) {
            out.text(text.substring(start));
        }
    }

    /** Returns whether nothing has been printed yet (the next field is the first). */
    private boolean fields(FieldsView fields, boolean first, boolean all) {
        for (int i = 0, n = fields.size(); i < n; i++) {
            String key = String.valueOf(fields.key(i));
            if (all || !isRuntimeKey(key)) {
                out.raw((byte) ' ');
                if (first) {
                    out.raw((byte) ' ');
                    first = false;
                }
                field(key, fields.value(i));
            }
        }
        return first;
    }

    private void field(String key, Object value) {
        if (colour) {
            out.raw(KEY_COLOUR, 0, KEY_COLOUR.length);
        }
        word(key);
        out.raw((byte) '=');
        if (colour) {
            out.raw(RESET_BYTES, 0, RESET_BYTES.length);
        }
        word(value);
    }

    /**
     * A key, a tag or a value: bare when it is one word, else as JSON (a key {@code "user=x role"} quoted,
     * so that it cannot pass for two fields).
     */
    private void word(Object value) {
        if (value instanceof CharSequence text && isPlain(text)) {
            out.text(text);
        } else {
            writer.value(value);
        }
    }

    private void stackTrace(Throwable throwable) {
        scratch.setLength(0);
        StackTraces.render(throwable, scratch, "    ", "    ", "  ", limits); // a message's own lines indented: none at the margin, where an event starts
        int start = 0;
        for (int i = 0; i <= scratch.length(); i++) {
            if (i == scratch.length() || scratch.charAt(i) == '\n') {
                out.raw((byte) '\n');
                readable(scratch.substring(start, i)); // For input string: "abc", as the JVM prints it
                start = i + 1;
            }
        }
        if (scratch.capacity() > 64 * 1024) {
            scratch.setLength(0);
            scratch.trimToSize();
        }
    }

    private static boolean isRuntimeKey(String key) {
        return switch (key) {
            case "service", "env", "version", "host", "pid", "thread" -> true;
            default -> false;
        };
    }

    /** A bare word: not empty, no space, quote, '=', backslash or control character. */
    private static boolean isPlain(CharSequence text) {
        int length = text.length();
        if (length == 0 || length > 256) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '"' || c == '=' || c == '\\' || ControlCharacters.isControl(c)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

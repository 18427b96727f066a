package io.fapilog.internal.encoding;

import io.fapilog.spi.FieldsView;
import io.fapilog.spi.LogEventView;
import io.fapilog.config.EncodingLimits;

/**
 * The {@link Format#FAPILOG} envelope: {@code timestamp}, {@code level}, {@code message},
 * {@code logger}, {@code tags} (when the event has any), then the {@code context}, {@code diagnostics} and {@code data} objects, each
 * left out when empty. The event's throwable is {@code diagnostics.exception}.
 */
final class FapilogJsonEncoder extends JsonEncoder {

    static final String EXCEPTION = "exception";

    private static final byte[] TIMESTAMP = JsonBuffer.encodeName("timestamp");
    private static final byte[] LEVEL = JsonBuffer.encodeName("level");
    private static final byte[] MESSAGE = JsonBuffer.encodeName("message");
    private static final byte[] LOGGER = JsonBuffer.encodeName("logger");
    private static final byte[] TAGS = JsonBuffer.encodeName("tags");
    private static final byte[] CONTEXT = JsonBuffer.encodeName("context");
    private static final byte[] DIAGNOSTICS = JsonBuffer.encodeName("diagnostics");
    private static final byte[] DATA = JsonBuffer.encodeName("data");
    private static final byte[] EXCEPTION_NAME = JsonBuffer.encodeName(EXCEPTION);

    FapilogJsonEncoder(EncodingLimits limits) {
        super(limits);
    }

    @Override
    protected void writeHeader(LogEventView event) {
        timestamp(TIMESTAMP, event);
        level(LEVEL, event.level());
        string(MESSAGE, event.message());
        string(LOGGER, event.loggerName());
    }

    @Override
    protected void writeMembers(LogEventView event) {
        FieldsView data = event.data(); // first: normalizing the arguments may add a diagnostic
        writeHeader(event);
        tags(TAGS, event.tags());
        object(CONTEXT, event.context(), null);
        object(DIAGNOSTICS, event.diagnostics(), event.throwable());
        object(DATA, data, null);
    }

    private void object(byte[] name, FieldsView fields, Throwable exception) {
        if (fields.isEmpty() && exception == null) {
            return;
        }
        json.name(name);
        json.beginObject();
        writer.members(fields, exception == null ? null : EXCEPTION);
        if (exception != null) {
            json.name(EXCEPTION_NAME);
            writer.value(exception);
        }
        json.endObject();
    }
}

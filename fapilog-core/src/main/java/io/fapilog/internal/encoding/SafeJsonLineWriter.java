package io.fapilog.internal.encoding;

import io.fapilog.config.EncodingLimits;
import io.fapilog.spi.EncodedBatch;
import io.fapilog.spi.FieldsView;
import io.fapilog.spi.JsonLineWriter;

import java.util.Objects;

/** {@link JsonLineWriter} over the writer the built-in encoders use. */
public final class SafeJsonLineWriter implements JsonLineWriter {

    private final JsonBuffer json;
    private final SafeJsonWriter writer;

    public SafeJsonLineWriter(EncodingLimits limits) {
        Objects.requireNonNull(limits, "limits");
        this.json = new JsonBuffer(limits.maxStringLength());
        this.writer = new SafeJsonWriter(json, limits);
    }

    @Override
    public JsonLineWriter beginObject() {
        json.beginObject();
        return this;
    }

    @Override
    public JsonLineWriter endObject() {
        json.endObject();
        return this;
    }

    @Override
    public JsonLineWriter beginArray() {
        json.beginArray();
        return this;
    }

    @Override
    public JsonLineWriter endArray() {
        json.endArray();
        return this;
    }

    @Override
    public JsonLineWriter name(String name) {
        json.name(String.valueOf(name));
        return this;
    }

    @Override
    public JsonLineWriter value(Object value) {
        writer.value(value);
        return this;
    }

    @Override
    public JsonLineWriter members(FieldsView fields) {
        json.beginObject();
        writer.members(fields, null);
        json.endObject();
        return this;
    }

    @Override
    public void endLine(EncodedBatch out, Object record) {
        json.raw((byte) '\n');
        json.copyTo(out);
        out.endEvent(record);
        json.reset();
    }
}

package io.fapilog.opentelemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.Body;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;

/**
 * One fapilog event as an OpenTelemetry log record: immutable, built by {@link OtlpEncoder} on the
 * worker and read by the exporter when it marshals the batch.
 *
 * @param body the event's message (the record's body is a string)
 * @param totalAttributeCount attributes the event had, including those past the attribute limit
 */
public record OtlpLogRecord(Resource resource, InstrumentationScopeInfo scope, long timestampEpochNanos,
                            long observedTimestampEpochNanos, SpanContext spanContext, Severity severity,
                            String severityText, String body, Attributes attributes,
                            int totalAttributeCount) implements LogRecordData {

    @Override
    public Resource getResource() {
        return resource;
    }

    @Override
    public InstrumentationScopeInfo getInstrumentationScopeInfo() {
        return scope;
    }

    @Override
    public long getTimestampEpochNanos() {
        return timestampEpochNanos;
    }

    @Override
    public long getObservedTimestampEpochNanos() {
        return observedTimestampEpochNanos;
    }

    @Override
    public SpanContext getSpanContext() {
        return spanContext;
    }

    @Override
    public Severity getSeverity() {
        return severity;
    }

    @Override
    public String getSeverityText() {
        return severityText;
    }

    @Override
    @SuppressWarnings("deprecation") // the interface still requires it; exporters read getBodyValue()
    public Body getBody() {
        return body == null ? Body.empty() : Body.string(body);
    }

    @Override
    public Value<?> getBodyValue() {
        return body == null ? null : Value.of(body);
    }

    @Override
    public Attributes getAttributes() {
        return attributes;
    }

    @Override
    public int getTotalAttributeCount() {
        return totalAttributeCount;
    }
}

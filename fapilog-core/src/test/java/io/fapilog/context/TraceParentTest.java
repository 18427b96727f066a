package io.fapilog.context;

import io.fapilog.internal.event.Fields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

class TraceParentTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN = "00f067aa0ba902b7";
    private static final String HEADER = "00-" + TRACE + "-" + SPAN + "-01";

    @Test
    void parsesAValidHeader() {
        TraceParent parsed = TraceParent.parse(HEADER).orElseThrow();

        assertThat(parsed).isEqualTo(new TraceParent(TRACE, SPAN, 1));
        assertThat(parsed.sampled()).isTrue();
        assertThat(parsed.toHeader()).isEqualTo(HEADER);
    }

    @Test
    void parsesUnsampledFlagsAndSurroundingWhiteSpace() {
        TraceParent parsed = TraceParent.parse("  00-" + TRACE + "-" + SPAN + "-00 ").orElseThrow();

        assertThat(parsed.flags()).isZero();
        assertThat(parsed.sampled()).isFalse();
        assertThat(new TraceParent(TRACE, SPAN, 0xa3).toHeader()).endsWith("-a3");
    }

    @Test
    void acceptsAFutureVersionWithExtraFields() {
        assertThat(TraceParent.parse("cc-" + TRACE + "-" + SPAN + "-01-what-the-future-holds"))
                .contains(new TraceParent(TRACE, SPAN, 1));
        assertThat(TraceParent.parse("01-" + TRACE + "-" + SPAN + "-01")).isPresent();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // upper-case trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01", // upper-case parent id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A", // upper-case flags
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // all-zero parent id
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // forbidden version
            "0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // non-hex version
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",  // short trace id
            "00-4bf92f3577b34da6a3ce929d0e0e47366-00f067aa0ba902b7-01", // long trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01",  // short parent id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1",  // short flags
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", // version 00 takes no extra
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x", // extra not after a dash
            "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01", // wrong separators
            "00-4bf92f3577b34da6a3ce929d0e0e473z-00f067aa0ba902b7-01", // non-hex trace id
            "not a traceparent"})
    void rejectsMalformedHeaders(String header) {
        assertThat(TraceParent.parse(header)).isEmpty();
    }

    @Test
    void putsTraceAndSpanIdsIntoContext() {
        Fields context = new Fields().put("request_id", "r1");

        new TraceParent(TRACE, SPAN, 1).putInto(context);

        assertThat(context.toMap()).containsExactly(entry("request_id", "r1"), entry("trace_id", TRACE),
                entry("span_id", SPAN));
    }

    @Test
    void constructorRejectsInvalidIds() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TraceParent(TRACE.toUpperCase(), SPAN, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new TraceParent(TRACE, "0".repeat(16), 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new TraceParent(TRACE, SPAN, 256));
        assertThatIllegalArgumentException().isThrownBy(() -> new TraceParent(null, SPAN, 1));
    }
}

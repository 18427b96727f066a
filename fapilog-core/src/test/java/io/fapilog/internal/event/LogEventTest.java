package io.fapilog.internal.event;

import io.fapilog.Level;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The event's throwable, call context and tags share one field: each keeps its value whatever the order they are set in. */
class LogEventTest {

    private static final EventOrigin ORIGIN = new EventOrigin("svc", new Object[] {"app", "shop"});
    private static final IllegalStateException ERROR = new IllegalStateException("declined");
    private static final Object[] CALL_CONTEXT = {"request_id", "r1"};

    private static LogEvent event(Throwable error, Object... arguments) {
        return LogEvent.atMicros(1_000_000L, Level.INFO, ORIGIN, "Charge {}", error, "main", arguments);
    }

    @Test
    void anEventWithNoneOfThemHasNoThrowableNoTagsAndOnlyItsBoundContext() {
        LogEvent event = event(null);

        assertThat(event.throwable()).isNull();
        assertThat(event.tags()).isEmpty();
        assertThat(event.context().toMap()).containsExactly(entry("app", "shop"));
    }

    @Test
    void eachAloneKeepsItsValue() {
        assertThat(event(ERROR).throwable()).isSameAs(ERROR);
        assertThat(event(null).callContext(CALL_CONTEXT).context().toMap())
                .containsExactly(entry("app", "shop"), entry("request_id", "r1"));
        assertThat(event(null).tags(List.of("audit")).tags()).containsExactly("audit");
    }

    @Test
    void allThreeKeepTheirValuesWhicheverIsSetFirst() {
        LogEvent throwableFirst = event(ERROR).callContext(CALL_CONTEXT).tags(List.of("audit"));
        LogEvent contextFirst = event(null).callContext(CALL_CONTEXT).tags(List.of("audit"));
        contextFirst.throwable(ERROR);

        for (LogEvent event : List.of(throwableFirst, contextFirst)) {
            assertThat(event.throwable()).isSameAs(ERROR);
            assertThat(event.tags()).containsExactly("audit");
            assertThat(event.context().toMap()).containsExactly(entry("app", "shop"), entry("request_id", "r1"));
        }
    }

    @Test
    void aRedactorsReplacementLeavesTheOthersAlone() {
        LogEvent event = event(ERROR).callContext(CALL_CONTEXT).tags(List.of("audit"));
        IllegalStateException masked = new IllegalStateException("***");

        event.throwable(masked);
        assertThat(event.throwable()).isSameAs(masked);
        event.throwable(null);
        assertThat(event.throwable()).isNull();
        event.tags(List.of());

        assertThat(event.tags()).isEmpty();
        assertThat(event.context().toMap()).containsExactly(entry("app", "shop"), entry("request_id", "r1"));
    }

    @Test
    void aLoneThrowableLeftAfterThePlaceholdersBecomesTheThrowableNextToTheCallContext() {
        LogEvent event = event(null, "order-7", ERROR).callContext(CALL_CONTEXT);

        assertThat(event.message()).isEqualTo("Charge order-7");
        assertThat(event.throwable()).isSameAs(ERROR);
        assertThat(event.data().size()).isZero();
        assertThat(event.context().toMap()).containsExactly(entry("app", "shop"), entry("request_id", "r1"));
    }

    @Test
    void theCallersThrowableWinsOverALoneOneLeftAfterThePlaceholders() {
        IllegalArgumentException left = new IllegalArgumentException("left over");
        LogEvent event = event(ERROR, "order-7", left).callContext(CALL_CONTEXT);

        assertThat(event.throwable()).isSameAs(ERROR);
        assertThat(event.data().toMap()).containsEntry(LogEvent.UNPAIRED_VALUE_KEY, left);
    }

    /**
     * Every log call makes one: 48 bytes with compressed references (12-byte headers, or Java 25's 8),
     * with a call context or a throwable alone (the loggers set a missing context and no tags too).
     */
    @Test
    void anEventIs48Bytes() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemoryEnabled());
        assumeTrue("true".equals(vmOption("UseCompressedOops")), "compressed references");
        assumeTrue("true".equals(vmOption("UseCompressedClassPointers")), "compressed class pointers");
        int count = 10_000;
        LogEvent[] events = new LogEvent[count];
        long self = Thread.currentThread().getId();
        for (int round = 0; round < 3; round++) {  // the last round is measured, once the calls are compiled
            long before = threads.getThreadAllocatedBytes(self);
            for (int i = 0; i < count; i++) {
                events[i] = LogEvent.atMicros(i, Level.INFO, ORIGIN, "Charge", null, "main", CALL_CONTEXT)
                        .callContext(CALL_CONTEXT).tags(List.of());
            }
            long withContext = (threads.getThreadAllocatedBytes(self) - before) / count;
            before = threads.getThreadAllocatedBytes(self);
            for (int i = 0; i < count; i++) {
                events[i] = LogEvent.atMicros(i, Level.ERROR, ORIGIN, "Charge", ERROR, "main", CALL_CONTEXT)
                        .callContext(null).tags(List.of());
            }
            long withThrowable = (threads.getThreadAllocatedBytes(self) - before) / count;
            if (round == 2) {
                assertThat(withContext).as("a call context alone").isEqualTo(48);
                assertThat(withThrowable).as("a throwable alone").isEqualTo(48);
            }
        }
    }

    private static String vmOption(String name) {
        var diagnostics = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        return diagnostics == null ? null : diagnostics.getVMOption(name).getValue();
    }

    private static java.util.Map.Entry<String, Object> entry(String key, Object value) {
        return java.util.Map.entry(key, value);
    }
}

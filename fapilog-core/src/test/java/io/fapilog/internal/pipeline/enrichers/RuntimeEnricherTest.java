package io.fapilog.internal.pipeline.enrichers;

import io.fapilog.Level;
import io.fapilog.internal.event.LogEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class RuntimeEnricherTest {

    private static LogEvent event() {
        return new LogEvent(0, Level.INFO, "test", "message", null, "worker-7", null, null);
    }

    @Test
    void putsServiceEnvVersionHostAndPidInThatOrder() {
        LogEvent event = event();
        event.diagnostics().put("existing", 1);

        new RuntimeEnricher(new ServiceInfo("orders", "prod", "1.2.3", "web-1", 4242)).enrich(event);

        Map<String, Object> diagnostics = event.diagnostics().toMap();
        assertThat(diagnostics).containsExactly(entry("existing", 1), entry("service", "orders"),
                entry("env", "prod"), entry("version", "1.2.3"), entry("host", "web-1"), entry("pid", 4242L));
    }

    @Test
    void leavesOutUnsetNames() {
        LogEvent event = event();

        new RuntimeEnricher(new ServiceInfo(null, "dev", null, "laptop", 7)).enrich(event);

        assertThat(event.diagnostics().toMap())
                .containsExactly(entry("env", "dev"), entry("host", "laptop"), entry("pid", 7L));
    }

    @Test
    void enrichingTwiceKeepsOneOfEachKey() {
        RuntimeEnricher enricher = new RuntimeEnricher(new ServiceInfo("orders", null, null, "web-1", 1));
        LogEvent event = event();

        enricher.enrich(event);
        enricher.enrich(event);

        assertThat(event.diagnostics().toMap()).containsOnlyKeys("service", "host", "pid");
    }

    @Test
    void detectFindsThisProcessAndResolvesTheHostOnce() {
        ServiceInfo first = ServiceInfo.detect("orders", "prod", "1.0");
        ServiceInfo second = ServiceInfo.detect("billing", null, null);

        assertThat(first.name()).isEqualTo("orders");
        assertThat(first.env()).isEqualTo("prod");
        assertThat(first.version()).isEqualTo("1.0");
        assertThat(first.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(first.host()).isNotBlank().isSameAs(second.host());
    }

    @Test
    void threadEnricherPutsTheLoggingThreadName() {
        LogEvent event = event();

        new ThreadEnricher().enrich(event);

        assertThat(event.diagnostics().toMap()).containsExactly(entry("thread", "worker-7"));
    }
}

package io.fapilog.sample;

import io.fapilog.DropReason;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The default: WebFlux, the {@code webflux} preset, async request loggers. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WebFluxSampleAppTests extends SampleAppIntegrationTests {

    @Override
    String applicationMode() {
        return "async";
    }

    @Override
    String preset() {
        return "webflux";
    }

    @Override
    String controllerLogger() {
        return "io.fapilog.sample.reactive.ReactiveSampleController";
    }

    @Override
    String webStack() {
        return "webflux";
    }

    @Override
    String requestLoggerMode() {
        return "ASYNC";
    }

    @Override
    String syncLoggerMode() {
        return "BOUND_LOOP";
    }

    @Test
    void synchronousBurstOnTheEventLoopNeverBlocksItAndCountsEveryDrop() throws Exception {
        String requestId = "it-burst-sync";
        int count = 50_000;
        Settled settled = settled();
        HttpResponse<String> response = get("/burst?count=" + count + "&logger=sync", requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = json(response);
        assertThat(report.get("loggedWith").asString()).isEqualTo("BOUND_LOOP");
        assertBurstAccounted(requestId, report, count, settled);
        // Bound-loop loggers never block: what did not fit waited in the line without the caller,
        // and was dropped only when the line was full (queue_full) or it waited in vain (wait_timeout).
        JsonNode before = report.get("before").get("droppedByReason");
        var after = runtime.stats().droppedByReason();
        long dropped = runtime.stats().dropped() - report.get("before").get("dropped").asLong();
        assertThat(after.get(DropReason.QUEUE_FULL) - before.get("queue_full").asLong()
                + after.get(DropReason.WAIT_TIMEOUT) - before.get("wait_timeout").asLong()).isEqualTo(dropped);
    }
}

package io.fapilog.sample;

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
    void synchronousBurstOnTheEventLoopDropsRatherThanBlocksAndCountsEveryDrop() throws Exception {
        String requestId = "it-burst-sync";
        int count = 50_000;
        HttpResponse<String> response = get("/burst?count=" + count + "&logger=sync", requestId);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = json(response);
        assertThat(report.get("loggedWith").asString()).isEqualTo("BOUND_LOOP");
        assertBurstAccounted(requestId, report, count);
        JsonNode before = report.get("before").get("droppedByReason");
        JsonNode after = report.get("after").get("droppedByReason");
        // Bound-loop loggers never wait: whatever was dropped was dropped as queue_full.
        assertThat(after.get("wait_timeout").asLong()).isEqualTo(before.get("wait_timeout").asLong());
    }
}

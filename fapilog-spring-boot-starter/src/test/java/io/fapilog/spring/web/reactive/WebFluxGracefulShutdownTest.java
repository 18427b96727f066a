package io.fapilog.spring.web.reactive;

import io.fapilog.AsyncLogger;
import io.fapilog.FapilogRuntime;
import io.fapilog.sinks.InMemorySink;
import io.fapilog.spring.web.EventCapture;
import io.fapilog.spring.web.GracefulShutdownScenario;
import io.fapilog.spring.web.SlowGate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Requests in flight on Netty when the context closes all get their access log; the drain accounts for all. */
class WebFluxGracefulShutdownTest {

    @Test
    void requestsInFlightAtShutdownAreAllLogged() throws Exception {
        GracefulShutdownScenario.run(App.class, "spring.main.web-application-type=reactive");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(App.SlowController.class)
    static class App {

        @Bean
        InMemorySink memorySink() {
            return new InMemorySink();
        }

        @Bean(destroyMethod = "close")
        FapilogRuntime fapilogRuntime(InMemorySink memorySink) {
            return EventCapture.runtime(memorySink);
        }

        @Bean
        SlowGate slowGate() {
            return new SlowGate(GracefulShutdownScenario.REQUESTS);
        }

        @RestController
        static class SlowController {

            private final SlowGate gate;

            SlowController(SlowGate gate) {
                this.gate = gate;
            }

            @GetMapping("/slow")
            Mono<String> slow(AsyncLogger log) {
                return Mono.fromRunnable(gate::enter)
                        .then(Mono.fromFuture(gate.released(), true))
                        .then(log.info("Slow request done"))
                        .thenReturn("done");
            }
        }
    }
}

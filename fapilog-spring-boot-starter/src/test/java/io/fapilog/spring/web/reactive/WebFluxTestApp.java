package io.fapilog.spring.web.reactive;

import io.fapilog.AsyncLogger;
import io.fapilog.Logger;
import io.fapilog.spring.web.HttpRequestContext;
import io.fapilog.spring.web.InMemoryFapilogApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Map;

/** A WebFlux application whose Fapilog runtime writes to an in-memory sink. */
@InMemoryFapilogApplication
@Import({WebFluxTestApp.Controller.class, WebFluxTestApp.GreetingService.class})
public class WebFluxTestApp {

    /** {@code /ws}: a WebSocket that sends one message and closes. */
    @Bean
    HandlerMapping webSocketMapping() {
        WebSocketHandler greet = session -> session.send(Mono.just(session.textMessage("hi")));
        return new SimpleUrlHandlerMapping(Map.of("/ws", greet), -1);
    }

    @RestController
    static class Controller {

        private final GreetingService service;

        Controller(GreetingService service) {
            this.service = service;
        }

        @GetMapping("/hello")
        Mono<String> hello(AsyncLogger log) {
            return log.info("Saying hello", "greeting", "hi").thenReturn(log.executionMode().name());
        }

        @GetMapping("/sync")
        String sync(Logger log) {
            log.info("Sync view");
            return log.executionMode().name();
        }

        @GetMapping("/context")
        String context(HttpRequestContext context) {
            return context.requestId() + " " + context.method() + " " + context.path();
        }

        @GetMapping("/internal/ping")
        Mono<String> ping(AsyncLogger log) {
            return log.info("Ping").thenReturn("pong");
        }

        @GetMapping("/fail")
        Mono<String> fail(AsyncLogger log) {
            return log.info("About to fail").then(Mono.error(new IllegalStateException("boom")));
        }

        /** The exchanges {@code /tracked-failure} failed, weakly held: what else holds them after they ended. */
        static final java.util.List<java.lang.ref.WeakReference<Object>> TRACKED = new java.util.concurrent.CopyOnWriteArrayList<>();

        @GetMapping("/tracked-failure")
        Mono<String> trackedFailure(org.springframework.web.server.ServerWebExchange exchange) {
            TRACKED.add(new java.lang.ref.WeakReference<>(exchange));
            return Mono.error(new IllegalStateException("boom"));
        }

        /** An endless event stream: only the client ends it. */
        @GetMapping(path = "/ticks", produces = "text/event-stream")
        reactor.core.publisher.Flux<String> ticks() {
            return reactor.core.publisher.Flux.interval(java.time.Duration.ofMillis(20)).map(i -> "tick " + i)
                    .onBackpressureDrop();
        }

        @GetMapping("/missing")
        Mono<String> missing() {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no such thing"));
        }

        /** Boot's error handler answers an ErrorResponseException other than a ResponseStatusException with 500. */
        @GetMapping("/error-response")
        Mono<String> errorResponse() {
            return Mono.error(new org.springframework.web.ErrorResponseException(HttpStatus.CONFLICT));
        }

        /** Answered 400 by {@link MappedErrors}, the application's own error handler. */
        @GetMapping("/mapped")
        Mono<String> mapped() {
            return Mono.error(new MappedException());
        }

        /** Answered by {@link MappedErrors} after two seconds: time for the client to leave first. */
        @GetMapping("/slowly-answered")
        Mono<String> slowlyAnswered() {
            return Mono.error(new SlowlyAnsweredException());
        }

        @GetMapping("/slow")
        Mono<String> slow(AsyncLogger log) {
            return log.info("Slow request started").then(Mono.delay(java.time.Duration.ofSeconds(30))).thenReturn("late");
        }

        @GetMapping("/service")
        Mono<String> service() {
            return service.greet();
        }
    }

    static class MappedException extends RuntimeException {
    }

    static class SlowlyAnsweredException extends RuntimeException {
    }

    /** An error handler of the application's, before Boot's: {@link MappedException} is a 400, {@link SlowlyAnsweredException} a late 503. */
    @Bean
    @org.springframework.core.annotation.Order(-2)
    org.springframework.boot.webflux.error.ErrorWebExceptionHandler mappedErrors() {
        return (exchange, error) -> {
            if (error instanceof SlowlyAnsweredException) {
                exchange.getResponse().setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
                return Mono.delay(java.time.Duration.ofSeconds(2)).then(exchange.getResponse().setComplete());
            }
            if (!(error instanceof MappedException)) {
                return Mono.error(error);
            }
            exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
            return exchange.getResponse().setComplete();
        };
    }

    /** Code below the controller: no exchange, no logger parameter, only the Reactor context. */
    @Service
    static class GreetingService {

        Mono<String> greet() {
            return Mono.just("work")
                    .publishOn(Schedulers.parallel()) // another thread: the context travels with the subscription
                    .flatMap(work -> FapilogReactive.logger().flatMap(log -> log.info("Service work", "work", work)))
                    .then(FapilogReactive.requestContext())
                    .map(HttpRequestContext::requestId);
        }
    }
}

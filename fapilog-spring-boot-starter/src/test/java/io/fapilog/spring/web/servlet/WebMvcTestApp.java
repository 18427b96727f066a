package io.fapilog.spring.web.servlet;

import io.fapilog.Logger;
import io.fapilog.spring.web.HttpRequestContext;
import io.fapilog.spring.web.InMemoryFapilogApplication;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A Spring MVC application whose Fapilog runtime writes to an in-memory sink. */
@InMemoryFapilogApplication
@Import({WebMvcTestApp.Controller.class, WebMvcTestApp.GreetingService.class, WebMvcTestApp.Advice.class})
public class WebMvcTestApp {

    /** Logs on the error page's dispatch ({@code /error}), with a logger that knows nothing of the request. */
    @org.springframework.context.annotation.Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<jakarta.servlet.Filter> errorPageLogging(io.fapilog.FapilogRuntime runtime) {
        Logger errorPage = runtime.getLogger("com.acme.ErrorPage");
        org.springframework.boot.web.servlet.FilterRegistrationBean<jakarta.servlet.Filter> registration =
                new org.springframework.boot.web.servlet.FilterRegistrationBean<>((request, response, chain) -> {
                    errorPage.info("Rendering the error page");
                    chain.doFilter(request, response);
                });
        registration.setDispatcherTypes(jakarta.servlet.DispatcherType.ERROR);
        return registration;
    }

    @RestController
    static class Controller {

        private final GreetingService service;

        Controller(GreetingService service) {
            this.service = service;
        }

        @GetMapping("/hello")
        String hello(Logger log) {
            log.info("Saying hello", "greeting", "hi");
            return log.executionMode().name();
        }

        @GetMapping("/context")
        String context(HttpRequestContext context) {
            return context.requestId() + " " + context.method() + " " + context.path();
        }

        @GetMapping("/internal/ping")
        String ping(Logger log) {
            log.info("Ping");
            return "pong";
        }

        /** Answered by the container's error page, as Spring Security's denials are ({@code sendError}). */
        @GetMapping("/denied")
        void denied(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
            response.sendError(403);
        }

        @GetMapping("/fail")
        String fail(Logger log) {
            log.info("About to fail");
            throw new IllegalStateException("boom");
        }

        @GetMapping("/unavailable")
        ResponseEntity<String> unavailable() {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("later");
        }

        @GetMapping("/async")
        Callable<String> async(Logger log) {
            return () -> {
                log.info("Async work");
                return "done";
            };
        }

        @GetMapping("/async-fail")
        CompletableFuture<String> asyncFail(Logger log) {
            return CompletableFuture.supplyAsync(() -> {
                log.info("Async about to fail");
                throw new IllegalArgumentException("async boom");
            });
        }

        @org.springframework.web.bind.annotation.PostMapping("/upload")
        String upload(@org.springframework.web.bind.annotation.RequestBody byte[] body) {
            return Integer.toString(body.length);
        }

        @GetMapping("/service")
        String service() {
            return service.greet();
        }

        /** Server-sent events every 20 ms, for up to a minute: a client that leaves ends it. */
        @GetMapping("/events")
        SseEmitter events() {
            SseEmitter emitter = new SseEmitter(60_000L);
            ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
            emitter.onCompletion(ticks::shutdownNow);
            emitter.onError(failure -> ticks.shutdownNow());
            ticks.scheduleAtFixedRate(() -> {
                try {
                    emitter.send("tick");
                } catch (Exception gone) {
                    ticks.shutdownNow();
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            return emitter;
        }

        /** A stream whose 200 and first part went out, then broke. */
        @GetMapping("/emitter-fail")
        ResponseBodyEmitter emitterFail() {
            ResponseBodyEmitter emitter = new ResponseBodyEmitter(60_000L);
            CompletableFuture.runAsync(() -> {
                try {
                    emitter.send("part1");
                    emitter.completeWithError(new IllegalStateException("emitter broke"));
                } catch (Exception gone) {
                    emitter.completeWithError(gone);
                }
            });
            return emitter;
        }

        @GetMapping("/async-advised")
        Callable<String> asyncAdvised() {
            return () -> {
                throw new AdvisedException();
            };
        }
    }

    /** Handled by {@link Advice}, which logs through a static logger: on the async dispatch for an asynchronous handler. */
    static class AdvisedException extends RuntimeException {
    }

    @RestControllerAdvice
    static class Advice {

        @ExceptionHandler(AdvisedException.class)
        ResponseEntity<String> advised() {
            io.fapilog.Fapilog.getLogger(Advice.class.getName()).warn("Advice handled it");
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body("advised");
        }
    }

    /** Code below the controller, on the request's thread. */
    @Service
    static class GreetingService {

        String greet() {
            FapilogServlet.currentLogger().orElseThrow().info("Service work", "work", "work");
            return "ok";
        }
    }
}

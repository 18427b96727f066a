package io.fapilog.spring.web.servlet;

import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import io.fapilog.spring.web.InMemoryFapilogApplication;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * A Spring MVC application whose code logs through loggers that know nothing of the request: an
 * SLF4J logger and a fapilog logger made once, outside any request.
 */
@InMemoryFapilogApplication
@Import(WebMvcContextApp.Controller.class)
public class WebMvcContextApp {

    @RestController
    static class Controller {

        private static final org.slf4j.Logger SLF4J = LoggerFactory.getLogger(Controller.class);

        private final Logger plain;
        private final org.springframework.core.task.AsyncTaskExecutor executor;

        Controller(FapilogRuntime runtime,
                   @org.springframework.beans.factory.annotation.Qualifier("applicationTaskExecutor")
                   org.springframework.core.task.AsyncTaskExecutor executor) {
            this.plain = runtime.getLogger("com.acme.PlainService");
            this.executor = executor;
        }

        /** Logs through both loggers and answers the MDC's request id. */
        @GetMapping("/everywhere")
        String everywhere(@RequestHeader("X-Request-ID") String expected) {
            SLF4J.atInfo().addKeyValue("expected", expected).log("Slf4j inside");
            plain.info("Plain inside", "expected", expected);
            return MDC.get("request_id");
        }

        /**
         * Never answered by the controller: the container's timeout runs the result's callbacks (on a
         * container thread, not the request's), which log, and answer the MDC's request id as they see it.
         */
        @GetMapping("/deferred-timeout")
        DeferredResult<String> deferredTimeout(@RequestHeader("X-Request-ID") String expected) {
            DeferredResult<String> result = new DeferredResult<>(50L);
            result.onTimeout(() -> {
                SLF4J.atInfo().addKeyValue("expected", expected).log("Timed out");
                plain.info("Plain timed out", "expected", expected);
                result.setResult(String.valueOf(MDC.get("request_id")));
            });
            result.onCompletion(() -> SLF4J.atInfo().addKeyValue("expected", expected).log("Completed"));
            return result;
        }

        /** Answers the MDC's request id as a task of Boot's executor sees it. */
        @GetMapping("/executor-mdc")
        String executorMdc() throws Exception {
            return executor.submit(() -> MDC.get("request_id")).get();
        }
    }
}

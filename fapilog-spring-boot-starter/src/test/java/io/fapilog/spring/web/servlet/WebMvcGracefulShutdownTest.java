package io.fapilog.spring.web.servlet;

import io.fapilog.Logger;
import io.fapilog.spring.web.AbstractGracefulShutdownTest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.concurrent.TimeUnit;

/** Requests in flight on Tomcat when the context closes all get their access log; the drain accounts for all. */
class WebMvcGracefulShutdownTest extends AbstractGracefulShutdownTest {

    WebMvcGracefulShutdownTest() {
        super(SlowController.class, "servlet");
    }

    @RestController
    static class SlowController extends SlowEndpoint {

        @GetMapping("/slow")
        String slow(Logger log) throws Exception {
            gate.enter();
            gate.released().get(30, TimeUnit.SECONDS);
            log.info("Slow request done");
            return "done";
        }
    }
}

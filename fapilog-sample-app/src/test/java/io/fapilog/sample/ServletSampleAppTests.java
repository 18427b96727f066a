package io.fapilog.sample;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

/** The servlet profile: Spring MVC, the {@code production} preset, thread-mode request loggers. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("servlet")
class ServletSampleAppTests extends SampleAppIntegrationTests {

    @Override
    String applicationMode() {
        return "thread";
    }

    @Override
    String preset() {
        return "production";
    }

    @Override
    String controllerLogger() {
        return "io.fapilog.sample.servlet.ServletSampleController";
    }

    @Override
    String webStack() {
        return "webmvc";
    }

    @Override
    String requestLoggerMode() {
        return "THREAD";
    }

    @Override
    String syncLoggerMode() {
        return "THREAD";
    }
}

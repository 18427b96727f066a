package io.fapilog.spring.web.servlet;

import io.fapilog.spring.web.AbstractSamplingAndTracingTest;
import io.fapilog.spring.web.FixedSpanTracerConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

/** {@link AbstractSamplingAndTracingTest} on Tomcat. */
@SpringBootTest(classes = {WebMvcTestApp.class, FixedSpanTracerConfiguration.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebMvcSamplingAndTracingTest extends AbstractSamplingAndTracingTest {
}

package io.fapilog.spring.web.reactive;

import io.fapilog.spring.web.AbstractSamplingAndTracingTest;
import io.fapilog.spring.web.FixedSpanTracerConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

/** {@link AbstractSamplingAndTracingTest} on Netty. */
@SpringBootTest(classes = {WebFluxTestApp.class, FixedSpanTracerConfiguration.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.web-application-type=reactive")
class WebFluxSamplingAndTracingTest extends AbstractSamplingAndTracingTest {
}

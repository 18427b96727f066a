package io.fapilog.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Fapilog sample application.
 *
 * <p>By default it runs on WebFlux with the {@code webflux} preset: controllers get a per-request
 * {@code AsyncLogger} (ASYNC mode) or its synchronous view (BOUND_LOOP). With the {@code servlet}
 * profile it runs on Spring MVC with the {@code production} preset, and controllers get a
 * per-request {@code Logger} in THREAD mode. Both answer the same paths.
 */
@SpringBootApplication
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}

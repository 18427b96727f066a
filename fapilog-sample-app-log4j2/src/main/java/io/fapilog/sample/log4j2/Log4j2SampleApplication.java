package io.fapilog.sample.log4j2;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring MVC application on {@code spring-boot-starter-log4j2} instead of Logback, with the
 * fapilog starter: Log4j2's events (Spring's, a library's) and the application's fapilog events are
 * one JSON stream through the same pipeline, and {@code logging.level.*} and {@code /actuator/loggers}
 * set the levels of both.
 */
@SpringBootApplication
public class Log4j2SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(Log4j2SampleApplication.class, args);
    }
}

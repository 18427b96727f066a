package io.fapilog.benchmarks.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application-level benchmark's app: one WebFlux endpoint, {@code GET /hello}, that logs one
 * event and answers {@value HelloEvent#BODY}. The profile picks how it logs:
 * <ul>
 *   <li>{@code fapilog}: through the request's {@link io.fapilog.AsyncLogger} (production preset,
 *       request logging off, the {@code stdout-json} sink);</li>
 *   <li>{@code boot}: fapilog off, an SLF4J logger on Boot's own structured logging
 *       ({@code logging.structured.format.console=ecs}, Logback's synchronous console appender);</li>
 *   <li>{@code none}: no logging in the endpoint.</li>
 * </ul>
 * Run by {@code fapilog-benchmarks/run-app-benchmark.sh}, e.g.
 * {@code java -jar fapilog-benchmarks-app/target/fapilog-benchmarks-app.jar --spring.profiles.active=fapilog > out.jsonl}.
 */
@SpringBootApplication
public class HelloApplication {

    public static void main(String[] args) {
        SpringApplication.run(HelloApplication.class, args);
    }
}

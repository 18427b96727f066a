package io.fapilog.sample;

import io.fapilog.ExecutionMode;
import io.fapilog.FapilogRuntime;
import io.fapilog.Logger;
import io.fapilog.spring.autoconfigure.ApplicationExecutionMode;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells a newcomer, once the application is ready, where it listens, which execution mode and preset
 * it runs with, and three {@code curl} commands to try.
 *
 * <p>It says so through Fapilog, as ordinary events: stdout stays one JSON stream that {@code jq}
 * or a log shipper can read line by line. The commands contain no character that JSON escapes,
 * so they can be copied straight out of the line. (They also contain nothing the redactors mask:
 * a card number in a {@code curl} line would itself be printed as {@code ***}.)
 *
 * <p>With {@code fapilog.enabled=false} there is no runtime: the guide then goes through SLF4J to
 * Spring Boot's plain logging, with the address in the message, since Boot's console lines show no
 * key/value pairs.
 */
@Component
class StartupGuide implements ApplicationListener<ApplicationReadyEvent> {

    static final String READY = "Sample app ready";

    static final String TRY_IT = "Try it";

    private static final String LOGGER = "io.fapilog.sample";

    private final ObjectProvider<FapilogRuntime> runtime;

    StartupGuide(ObjectProvider<FapilogRuntime> runtime) {
        this.runtime = runtime;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        ApplicationContext context = event.getApplicationContext();
        if (!(context instanceof WebServerApplicationContext webContext) || webContext.getWebServer() == null) {
            return;
        }
        int port = webContext.getWebServer().getPort();
        String base = "localhost:" + port;
        String webStack = context instanceof ReactiveWebApplicationContext ? "webflux" : "webmvc";
        FapilogRuntime fapilog = runtime.getIfAvailable();
        if (fapilog != null) {
            guide(fapilog, context, base, webStack);
        } else {
            guideWithoutFapilog(base, webStack);
        }
    }

    private static void guide(FapilogRuntime runtime, ApplicationContext context, String base, String webStack) {
        ExecutionMode mode = ApplicationExecutionMode.of(runtime.config().mode(), context);
        Logger log = runtime.getLogger(LOGGER);

        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("url", "http://" + base);
        ready.put("web_stack", webStack);
        ready.put("mode", mode.id());
        ready.put("preset", runtime.config().preset().id());
        ready.put("actuator", "http://" + base + "/actuator/fapilog");
        log.info(READY, ready);
        for (String curl : curlLines(base)) {
            log.info(TRY_IT, "curl", curl);
        }
    }

    /** {@code fapilog.enabled=false}: plain text through SLF4J. */
    private static void guideWithoutFapilog(String base, String webStack) {
        org.slf4j.Logger log = LoggerFactory.getLogger(LOGGER);
        log.info("{} at http://{} ({}, fapilog.enabled=false)", READY, base, webStack);
        for (String curl : curlLines(base)) {
            log.info("{}: {}", TRY_IT, curl);
        }
    }

    static List<String> curlLines(String base) {
        return List.of(
                "curl -si " + base + "/users/42",
                "curl -s " + base + "/signup -d username=ada -d password=hunter2 -d token=invite-7f3c",
                "curl -s '" + base + "/burst?count=100000'");
    }
}

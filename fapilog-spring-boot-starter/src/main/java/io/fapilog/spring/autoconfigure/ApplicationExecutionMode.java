package io.fapilog.spring.autoconfigure;

import io.fapilog.ExecutionMode;
import io.fapilog.config.ModeSelection;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.context.ApplicationContext;

import java.util.Locale;

/**
 * The execution mode an application's loggers run in, as shown by the actuator endpoint and the
 * {@code mode} tag of the metrics: the configured {@code fapilog.mode}, or with {@code auto}
 * {@code async} in a reactive web application (its request loggers) and {@code thread} anywhere else.
 */
public final class ApplicationExecutionMode {

    private ApplicationExecutionMode() {
    }

    public static ExecutionMode of(ModeSelection selection, ApplicationContext context) {
        ExecutionMode forced = selection.forced();
        if (forced != null) {
            return forced;
        }
        return context instanceof ReactiveWebApplicationContext ? ExecutionMode.ASYNC : ExecutionMode.THREAD;
    }

}

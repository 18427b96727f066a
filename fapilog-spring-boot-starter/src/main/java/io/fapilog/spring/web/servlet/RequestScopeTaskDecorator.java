package io.fapilog.spring.web.servlet;

import io.fapilog.spring.web.FapilogWebAttributes;
import io.fapilog.spring.web.HttpRequestContext;
import io.fapilog.spring.web.RequestScope;
import org.springframework.core.task.TaskDecorator;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Makes the serving request's context current in tasks of Spring Boot's task executor and scheduler
 * submitted while it is served ({@code @Async} methods, {@code applicationTaskExecutor}): the SLF4J
 * MDC as on the request's thread ({@link RequestScope}), besides fapilog's own context, which the
 * context-propagation decorator carries anyway. Spring Boot composes it with the other {@link TaskDecorator}s.
 */
public class RequestScopeTaskDecorator implements TaskDecorator {

    @Override
    public Runnable decorate(Runnable task) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        Object context = attributes == null ? null
                : attributes.getAttribute(FapilogWebAttributes.REQUEST_CONTEXT, RequestAttributes.SCOPE_REQUEST);
        if (!(context instanceof HttpRequestContext request)) {
            return task;
        }
        return () -> {
            try (RequestScope scope = RequestScope.open(request)) {
                task.run();
            }
        };
    }
}

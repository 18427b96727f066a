package io.fapilog.spring.context;

import io.micrometer.context.ContextSnapshotFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

/**
 * Carries the caller's context ({@link io.fapilog.context.ScopedContext}: a request's {@code request_id}
 * and trace ids, and whatever else is registered with context-propagation) into tasks of Spring
 * Boot's task executor and scheduler: {@code @Async} methods and {@code applicationTaskExecutor}
 * submissions log with the request's context. Spring Boot composes every {@link TaskDecorator} bean,
 * so an application's own decorators keep working beside this one; it backs off when a
 * {@link ContextPropagatingTaskDecorator} is there already (Boot's
 * {@code spring.task.execution.propagate-context=true}, or the application's).
 */
@AutoConfiguration(after = TaskExecutionAutoConfiguration.class)
@ConditionalOnClass({ContextSnapshotFactory.class, ContextPropagatingTaskDecorator.class})
@ConditionalOnBooleanProperty(name = "fapilog.enabled", matchIfMissing = true)
public class FapilogTaskDecoratorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ContextPropagatingTaskDecorator.class)
    ContextPropagatingTaskDecorator fapilogContextPropagatingTaskDecorator() {
        // clearMissing: a task submitted without context runs without one, not with what an earlier
        // task left on the pooled thread (a scope it never closed)
        return new ContextPropagatingTaskDecorator(ContextSnapshotFactory.builder().clearMissing(true).build());
    }
}

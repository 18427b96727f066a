package io.fapilog.spring.context;

import io.fapilog.context.ContextScope;
import io.fapilog.context.ScopedContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FapilogTaskDecoratorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(FapilogTaskDecoratorAutoConfiguration.class, TaskExecutionAutoConfiguration.class));

    /** An {@code @Async} method, or a task given to Boot's executor, logs with the caller's request context. */
    @Test
    void tasksOfBootsExecutorRunWithTheCallersScopedContext() {
        runner.run(context -> {
            ThreadPoolTaskExecutor executor = context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class);
            Object seen;
            try (ContextScope request = ScopedContext.open("request_id", "req-7")) {
                seen = executor.submit(() -> ScopedContext.current().get("request_id")).get(10, TimeUnit.SECONDS);
            }
            Object after = executor.submit(() -> ScopedContext.current().get("request_id")).get(10, TimeUnit.SECONDS);

            assertThat(seen).isEqualTo("req-7");
            assertThat(after).as("nothing left behind on the pool's thread").isNull();
        });
    }

    /**
     * A task that leaves a scope open on the pool's thread (it never closed it) leaves nothing to the
     * next task: one submitted without context runs without one, one with context runs with exactly it.
     */
    @Test
    void aScopeAnEarlierTaskLeftOpenDoesNotReachTheNextTasks() {
        runner.withPropertyValues("spring.task.execution.pool.max-size=1", "spring.task.execution.pool.core-size=1")
                .run(context -> {
                    ThreadPoolTaskExecutor executor = context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class);
                    executor.submit(() -> ScopedContext.open("leaked", "A")).get(10, TimeUnit.SECONDS); // never closed
                    Object withoutContext = executor.submit(() -> ScopedContext.current().asMap()).get(10, TimeUnit.SECONDS);
                    Object withContext;
                    try (ContextScope request = ScopedContext.open("request_id", "R2")) {
                        withContext = executor.submit(() -> ScopedContext.current().asMap()).get(10, TimeUnit.SECONDS);
                    }
                    assertThat(withoutContext).isEqualTo(java.util.Map.of());
                    assertThat(withContext).isEqualTo(java.util.Map.of("request_id", "R2"));
                });
    }

    /** The accessor sets and restores values around every task and Reactor signal: it keeps no trail of them. */
    @Test
    void theAccessorKeepsNoTrailOfTheValuesItSet() throws Exception {
        ScopedContextAccessor accessor = new ScopedContextAccessor();
        java.lang.ref.WeakReference<Object> first = setAndReplace(accessor);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (first.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(first.get()).as("a value the accessor set, then replaced").isNull();
        assertThat(ScopedContext.current().isEmpty()).isTrue();
    }

    private static java.lang.ref.WeakReference<Object> setAndReplace(ScopedContextAccessor accessor) {
        Object value = new Object();
        accessor.setValue(ScopedContext.empty().with("value", value));
        accessor.setValue(ScopedContext.empty().with("value", "second"));
        accessor.setValue();
        return new java.lang.ref.WeakReference<>(value);
    }

    /** Spring Boot composes every TaskDecorator bean: an application's own does not switch this one off. */
    @Test
    void anApplicationsOwnTaskDecoratorKeepsWorkingBesideIt() {
        java.util.concurrent.atomic.AtomicInteger decorated = new java.util.concurrent.atomic.AtomicInteger();
        TaskDecorator own = task -> () -> {
            decorated.incrementAndGet();
            task.run();
        };
        runner.withBean("ownDecorator", TaskDecorator.class, () -> own).run(context -> {
            ThreadPoolTaskExecutor executor = context.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class);
            Object seen;
            try (ContextScope request = ScopedContext.open("request_id", "req-8")) {
                seen = executor.submit(() -> ScopedContext.current().get("request_id")).get(10, TimeUnit.SECONDS);
            }
            assertThat(seen).isEqualTo("req-8");
            assertThat(decorated).hasValue(1);
        });
    }

    @Test
    void backsOffForBootsOwnContextPropagationAndWhenDisabled() {
        runner.withPropertyValues("spring.task.execution.propagate-context=true")
                .run(context -> assertThat(context).getBeans(org.springframework.core.task.support.ContextPropagatingTaskDecorator.class)
                        .hasSize(1).doesNotContainKey("fapilogContextPropagatingTaskDecorator"));
        runner.withPropertyValues("fapilog.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(TaskDecorator.class));
    }
}

package io.fapilog.spring.web;

import io.fapilog.context.ContextScope;
import io.fapilog.context.ScopedContext;
import org.slf4j.MDC;
import org.springframework.util.ClassUtils;

/**
 * A request's context (request id, method, path, trace ids) made current on the thread that serves
 * it, for every logger used there: fapilog's {@link ScopedContext} (static fapilog loggers, bridged
 * SLF4J loggers) and, when SLF4J is present, the MDC (any Logback appender or pattern). Closing it
 * restores both as they were.
 */
public final class RequestScope implements AutoCloseable {

    private static final boolean MDC_PRESENT = ClassUtils.isPresent("org.slf4j.MDC", RequestScope.class.getClassLoader());

    private final ContextScope scope;
    private final String[] mdcPrevious;
    private final Object[] keyValues;

    private RequestScope(ContextScope scope, Object[] keyValues, String[] mdcPrevious) {
        this.scope = scope;
        this.keyValues = keyValues;
        this.mdcPrevious = mdcPrevious;
    }

    /** Makes {@code context} current on this thread until {@link #close()}. */
    public static RequestScope open(HttpRequestContext context) {
        Object[] keyValues = context.keyValues();
        ContextScope scope = context.scopedContext(ScopedContext.current()).makeCurrent();
        String[] previous = MDC_PRESENT ? Mdc.put(keyValues) : null;
        return new RequestScope(scope, keyValues, previous);
    }

    /** The request's context as a {@link ScopedContext}, for handing to other threads or a Reactor {@code Context}. */
    public static ScopedContext scopedContext(HttpRequestContext context) {
        return context.scopedContext(ScopedContext.empty());
    }

    @Override
    public void close() {
        try {
            if (mdcPrevious != null) {
                Mdc.restore(keyValues, mdcPrevious);
            }
        } finally {
            scope.close();
        }
    }

    /** SLF4J is optional: referenced only from here, loaded only when present. */
    private static final class Mdc {

        static String[] put(Object[] keyValues) {
            String[] previous = new String[keyValues.length / 2];
            try {
                for (int i = 0; i < previous.length; i++) {
                    String key = (String) keyValues[i * 2];
                    previous[i] = MDC.get(key);
                    Object value = keyValues[i * 2 + 1];
                    if (value == null) {
                        MDC.remove(key);
                    } else {
                        MDC.put(key, value.toString());
                    }
                }
            } catch (RuntimeException e) {
                // an MDC adapter that fails must not fail the request
            }
            return previous;
        }

        static void restore(Object[] keyValues, String[] previous) {
            try {
                for (int i = 0; i < previous.length; i++) {
                    String key = (String) keyValues[i * 2];
                    if (previous[i] == null) {
                        MDC.remove(key);
                    } else {
                        MDC.put(key, previous[i]);
                    }
                }
            } catch (RuntimeException e) {
                // as above
            }
        }
    }
}

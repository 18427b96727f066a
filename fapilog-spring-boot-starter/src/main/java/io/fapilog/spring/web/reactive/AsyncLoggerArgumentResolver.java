package io.fapilog.spring.web.reactive;

import io.fapilog.AsyncLogger;
import io.fapilog.Logger;
import io.fapilog.spring.web.FapilogWebAttributes;
import io.fapilog.spring.web.HttpRequestContext;
import io.fapilog.spring.web.HttpRequestLogging;
import org.springframework.core.MethodParameter;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.SyncHandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets WebFlux controller methods declare the request's logger: an {@link AsyncLogger} parameter
 * gets it as it is (ASYNC), a {@link Logger} parameter its synchronous view
 * ({@link AsyncLogger#toLogger()}: BOUND_LOOP unless {@code fapilog.mode} forces another), an {@link HttpRequestContext} parameter the
 * request's id, method, path and trace ids. The logger is named after the controller's class, so
 * {@code logging.level.<package>} applies to it as to any logger of that class.
 *
 * <pre>{@code
 * @GetMapping("/users/{id}")
 * Mono<User> user(@PathVariable long id, AsyncLogger log) {
 *     return log.info("Fetching user", "user_id", id).then(users.find(id));
 * }
 * }</pre>
 */
public class AsyncLoggerArgumentResolver implements SyncHandlerMethodArgumentResolver {

    private final HttpRequestLogging logging;
    private final Map<Class<?>, AsyncLogger> controllerLoggers = new ConcurrentHashMap<>();

    public AsyncLoggerArgumentResolver(HttpRequestLogging logging) {
        this.logging = logging;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == AsyncLogger.class || type == Logger.class || type == HttpRequestContext.class;
    }

    @Override
    public Object resolveArgumentValue(MethodParameter parameter, BindingContext bindingContext,
            ServerWebExchange exchange) {
        Class<?> type = parameter.getParameterType();
        HttpRequestContext context = exchange.getAttribute(FapilogWebAttributes.REQUEST_CONTEXT);
        if (type == HttpRequestContext.class) {
            return context;
        }
        AsyncLogger logger = controllerLoggers.get(parameter.getContainingClass());
        if (logger == null) { // keyed by the class as declared, named after the user's class (not a proxy's)
            logger = controllerLoggers.computeIfAbsent(parameter.getContainingClass(),
                    controller -> logging.runtime().getAsyncLogger(ClassUtils.getUserClass(controller).getName()));
        }
        if (context != null) { // without the filter (removed by the application): an unbound logger rather than none
            logger = logger.bind(context.keyValues());
        }
        return type == Logger.class ? logger.toLogger() : logger;
    }
}

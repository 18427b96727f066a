package io.fapilog.spring.web.servlet;

import io.fapilog.Logger;
import io.fapilog.spring.web.FapilogWebAttributes;
import io.fapilog.spring.web.HttpRequestContext;
import io.fapilog.spring.web.HttpRequestLogging;
import org.springframework.core.MethodParameter;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets Spring MVC controller methods declare the request's {@link Logger} (THREAD mode, bound to
 * the request's context) or its {@link HttpRequestContext}. The logger is named after the
 * controller's class, so {@code logging.level.<package>} applies to it as to any logger of that class.
 *
 * <pre>{@code
 * @PostMapping("/orders")
 * Order create(@RequestBody Order order, Logger log) {
 *     log.info("Creating order", "items", order.items().size());
 *     return orders.save(order);
 * }
 * }</pre>
 */
public class LoggerArgumentResolver implements HandlerMethodArgumentResolver {

    private final HttpRequestLogging logging;
    private final Map<Class<?>, Logger> controllerLoggers = new ConcurrentHashMap<>();

    public LoggerArgumentResolver(HttpRequestLogging logging) {
        this.logging = logging;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == Logger.class || type == HttpRequestContext.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Object context = webRequest.getAttribute(FapilogWebAttributes.REQUEST_CONTEXT, RequestAttributes.SCOPE_REQUEST);
        if (parameter.getParameterType() == HttpRequestContext.class) {
            return context;
        }
        Logger logger = controllerLoggers.computeIfAbsent(ClassUtils.getUserClass(parameter.getContainingClass()),
                controller -> logging.runtime().getLogger(controller.getName()));
        // Without the filter (removed by the application): an unbound logger rather than none.
        return context instanceof HttpRequestContext request ? logger.bind(request.keyValues()) : logger;
    }
}

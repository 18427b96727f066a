package io.fapilog.spring.web.servlet;

import io.fapilog.Logger;
import io.fapilog.spring.web.FapilogWebAttributes;
import io.fapilog.spring.web.HttpRequestContext;
import io.fapilog.spring.web.HttpRequestLogging;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets Spring MVC controller methods declare the request's {@link Logger} (THREAD mode, bound to
 * the request's context) or its {@link HttpRequestContext}.
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
        if (parameter.getParameterType() == HttpRequestContext.class) {
            return webRequest.getAttribute(FapilogWebAttributes.REQUEST_CONTEXT, RequestAttributes.SCOPE_REQUEST);
        }
        Object logger = webRequest.getAttribute(FapilogWebAttributes.LOGGER, RequestAttributes.SCOPE_REQUEST);
        // Without the filter (removed by the application): an unbound logger rather than none.
        return logger != null ? logger : logging.runtime().getLogger(HttpRequestLogging.REQUEST_LOGGER);
    }
}

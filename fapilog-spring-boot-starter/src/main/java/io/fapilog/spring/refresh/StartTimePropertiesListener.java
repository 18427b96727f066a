package io.fapilog.spring.refresh;

import io.fapilog.FapilogRuntime;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

import java.util.Collection;
import java.util.List;

/**
 * Warns, naming them, of {@code fapilog.*} properties a Spring Cloud {@code EnvironmentChangeEvent}
 * reports changed: they apply at the next start. The event is known by its name, so that the
 * starter needs no Spring Cloud.
 */
final class StartTimePropertiesListener implements GenericApplicationListener {

    static final String ENVIRONMENT_CHANGE_EVENT = "org.springframework.cloud.context.environment.EnvironmentChangeEvent";

    private final FapilogRuntime runtime;

    StartTimePropertiesListener(FapilogRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        Class<?> type = eventType.getRawClass();
        return type != null && type.getName().equals(ENVIRONMENT_CHANGE_EVENT);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        List<String> changed = changedKeys(event).stream().map(String::valueOf)
                .filter(key -> key.startsWith("fapilog.")).sorted().toList();
        if (!changed.isEmpty()) {
            runtime.getLogger(FapilogRefreshAutoConfiguration.class.getName()).warn(
                    "fapilog properties changed at run time apply at the next start; this runtime keeps the values it started with",
                    "properties", changed);
        }
    }

    private static Collection<?> changedKeys(ApplicationEvent event) {
        try {
            return (Collection<?>) event.getClass().getMethod("getKeys").invoke(event);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return List.of();
        }
    }
}

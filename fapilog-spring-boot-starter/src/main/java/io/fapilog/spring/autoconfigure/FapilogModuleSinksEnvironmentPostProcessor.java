package io.fapilog.spring.autoconfigure;

import io.fapilog.config.InvalidSettingException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lets {@code fapilog.sinks} name the sinks of Fapilog's integration modules, {@code otlp} and
 * {@code kafka}, beside the built-in ones: each such name switches its module's sink on
 * ({@code fapilog.otlp.enabled=true}, {@code fapilog.kafka.enabled=true}) and leaves the built-in
 * names to bind as before, so {@code fapilog.sinks=stdout-json,otlp} writes standard output and
 * exports over OTLP, and {@code fapilog.sinks=otlp} only exports (the built-in list is then empty;
 * the start-up lines before the application context exists are Spring Boot's console's, as
 * without Fapilog, since the module's sink is a bean of that context). A name whose module is not on
 * the class path, or a switch set to {@code false}, fails the start naming the property.
 * Registered in {@code META-INF/spring.factories}.
 */
public class FapilogModuleSinksEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String SINKS = "fapilog.sinks";

    /** A module's sink, and the client library it writes through, which an application may have excluded. */
    private record ModuleSink(String enabledProperty, String sinkClass, String artifact, String clientClass, String client) {

        boolean onClassPath(ClassLoader loader) {
            return ClassUtils.isPresent(sinkClass, loader) && ClassUtils.isPresent(clientClass, loader);
        }

        String needs() {
            return artifact + " and " + client + " on the class path";
        }
    }

    private static final Map<String, ModuleSink> MODULE_SINKS = Map.of(
            "otlp", new ModuleSink("fapilog.otlp.enabled", "io.fapilog.opentelemetry.OtlpSink", "io.fapilog:fapilog-opentelemetry",
                    "io.opentelemetry.sdk.logs.export.LogRecordExporter", "io.opentelemetry:opentelemetry-sdk-logs"),
            "kafka", new ModuleSink("fapilog.kafka.enabled", "io.fapilog.kafka.KafkaSink", "io.fapilog:fapilog-kafka",
                    "org.apache.kafka.clients.producer.Producer", "org.apache.kafka:kafka-clients"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        for (ModuleSink module : MODULE_SINKS.values()) {
            // Switched on without its module or client: the start fails here, naming them, not deep in a bean's creation
            if ("true".equalsIgnoreCase(environment.getProperty(module.enabledProperty()))
                    && !module.onClassPath(application.getClassLoader())) {
                throw new InvalidSettingException(module.enabledProperty(), "true", "false, or true with " + module.needs());
            }
        }
        List<String> sinks = Binder.get(environment).bind(SINKS, Bindable.listOf(String.class)).orElse(null);
        if (sinks == null) {
            return;
        }
        List<String> builtIn = new ArrayList<>();
        Map<String, Object> switched = new LinkedHashMap<>();
        for (String sink : sinks) {
            String id = sink.trim().toLowerCase(Locale.ROOT);
            ModuleSink module = MODULE_SINKS.get(id);
            if (module == null) {
                builtIn.add(sink);
                continue;
            }
            if (!module.onClassPath(application.getClassLoader())) {
                throw new InvalidSettingException(SINKS, sink, "a built-in sink (stdout-json, stdout-pretty, "
                        + "rotating-file, http, in-memory), or " + id + " with " + module.needs());
            }
            if ("false".equalsIgnoreCase(environment.getProperty(module.enabledProperty()))) {
                throw new InvalidSettingException(module.enabledProperty(), "false",
                        "true, or unset, while " + SINKS + " names " + id);
            }
            switched.put(module.enabledProperty(), "true");
        }
        if (!switched.isEmpty()) {
            // With no built-in sink left the list is empty: the runtime's sinks are then the modules'
            // beans alone, which exist only in the context (FapilogConfigFactory#onlyBeanSinks).
            switched.put(SINKS, String.join(",", builtIn));
            environment.getPropertySources().addFirst(new MapPropertySource("fapilogModuleSinks", switched));
        }
    }
}

package io.fapilog.spring.logging;

import io.fapilog.Fapilog;
import io.fapilog.FapilogConfig;
import io.fapilog.FapilogRuntime;
import io.fapilog.config.SinkType;
import io.fapilog.spring.autoconfigure.FapilogConfigFactory;
import io.fapilog.spring.autoconfigure.FapilogProperties;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.ParentContextApplicationContextInitializer;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Installs the SLF4J bridge as early as possible: right after Spring Boot's
 * {@link LoggingApplicationListener} has configured Logback, when the environment is prepared and
 * before the banner, the start-up log lines and the application context. Registered in
 * {@code META-INF/spring.factories}.
 *
 * <p>When {@code fapilog.enabled} and the effective {@code fapilog.bridge.slf4j} (on by default in
 * the {@code production}, {@code webflux} and {@code hardened} presets) are true and SLF4J is bound to
 * Logback, it binds {@code fapilog.*} from the environment, starts the application's runtime, connects
 * it to the Logback (or Log4j2) bridge (the console and file appenders are replaced) and hands it to the application
 * context as a {@link FapilogEarlyRuntime}, which the auto-configuration adopts as the
 * {@code FapilogRuntime} bean. It also turns the banner off, which is not JSON; set
 * {@code spring.main.banner-mode} to have it anyway.
 *
 * <p>Invalid {@code fapilog.*} values are left for the auto-configuration to report. When the
 * application fails to start, the runtime is drained and stays connected, so that Spring Boot's
 * failure report is written by it synchronously, as JSON and redacted like every other event. On Log4j2 ({@code spring-boot-starter-log4j2}) the Log4j2
 * bridge is installed the same way.
 */
public class FapilogBridgeApplicationListener implements GenericApplicationListener {

    /** Right after Spring Boot's {@link LoggingApplicationListener}. */
    public static final int DEFAULT_ORDER = LoggingApplicationListener.DEFAULT_ORDER + 1;

    private FapilogEarlyRuntime earlyRuntime;
    /** The drained runtime of the application before this one, kept as the static loggers' until this one's starts. */
    private FapilogRuntime drainedBefore;

    @Override
    public boolean supportsEventType(ResolvableType eventType) {
        Class<?> type = eventType.getRawClass();
        return type != null && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
                || ApplicationPreparedEvent.class.isAssignableFrom(type)
                || ApplicationStartedEvent.class.isAssignableFrom(type)
                || ApplicationFailedEvent.class.isAssignableFrom(type));
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            onEnvironmentPrepared(prepared);
        } else if (event instanceof ApplicationPreparedEvent prepared) {
            onApplicationPrepared(prepared.getApplicationContext());
        } else if (event instanceof ApplicationStartedEvent) {
            forgetDrainedBefore();
        } else if (event instanceof ApplicationFailedEvent) {
            onApplicationFailed();
            forgetDrainedBefore();
        }
    }

    private void onEnvironmentPrepared(ApplicationEnvironmentPreparedEvent event) {
        if (Boolean.getBoolean(AOT_PROCESSING)) {
            return; // the build runs the application only up to a prepared context, never closed or failed
        }
        ConfigurableEnvironment environment = event.getEnvironment();
        // The drained runtime of an application before this one in the JVM (a DevTools restart, a test
        // suite's earlier context) stays the static loggers' until this one's replaces it: forgotten
        // now, a static logger in between started the default preset's runtime, without the
        // application's redaction or format, and kept it for the JVM's life.
        if (!environment.getProperty("fapilog.enabled", Boolean.class, true)) {
            Fapilog.forgetDrainedRuntime();
        }
        FapilogRuntime parents = Fapilog.applicationRuntime();
        if (parents != null && parents.isStopped()) {
            drainedBefore = parents;
        }
        if (isChild(event.getSpringApplication()) && isRunning(parents)) {
            // It shares its parent's runtime. Connected again if the logging system was started afresh
            // for the child (Spring Cloud resets it as each application starts), which took the bridge away.
            if (LogBridges.isMeantToBeConnected(parents) && !LogBridges.isConnected(parents)) {
                LogBridges.connect(parents);
            }
            event.getSpringApplication().setBannerMode(Banner.Mode.OFF);
            return;
        }
        FapilogRuntime runtime;
        try {
            FapilogConfig config = bridgedConfig(environment);
            if (config == null || !LogBridges.isAvailable()) {
                return;
            }
            runtime = Fapilog.runtime(config);
            LoggingSystemLevels.apply(LoggingSystem.get(event.getSpringApplication().getClassLoader()), runtime,
                    Binder.get(environment).bindOrCreate("fapilog", FapilogProperties.class), environment);
        } catch (RuntimeException invalid) {
            return; // reported by the auto-configuration, with the context's failure analysis
        }
        LogBridges.connect(runtime);
        Fapilog.setDefaultRuntime(runtime);
        earlyRuntime = new FapilogEarlyRuntime(runtime, () -> LogBridges.disconnect(runtime));
        if (runtime.config().sinks().contains(SinkType.STDOUT_JSON)) {
            // The banner is no JSON line. A default: spring.main.banner-mode, bound to the application after this event, still wins.
            event.getSpringApplication().setBannerMode(Banner.Mode.OFF);
        }
    }

    private static boolean isRunning(FapilogRuntime runtime) {
        return runtime != null && !runtime.isStopped();
    }

    /** Whether the application is a child context ({@code SpringApplicationBuilder.child(..)}): its parent runs already. */
    private static boolean isChild(SpringApplication application) {
        return application.getInitializers().stream().anyMatch(ParentContextApplicationContextInitializer.class::isInstance);
    }

    /** The configuration when Fapilog and its bridge are enabled, else {@code null}. */
    private static FapilogConfig bridgedConfig(ConfigurableEnvironment environment) {
        if (!environment.getProperty("fapilog.enabled", Boolean.class, true)) {
            return null;
        }
        FapilogProperties properties = Binder.get(environment).bindOrCreate("fapilog", FapilogProperties.class);
        if (FapilogConfigFactory.onlyBeanSinks(properties)) {
            return null; // the sinks are beans of the context: the context's runtime connects the bridge
        }
        FapilogConfig config = FapilogConfigFactory.create(properties, environment);
        return config.bridgeSlf4j() ? config : null;
    }

    /** Set while Spring's ahead-of-time processing runs ({@code AbstractAotProcessor.AOT_PROCESSING}). */
    private static final String AOT_PROCESSING = "spring.aot.processing";

    private void onApplicationPrepared(ConfigurableApplicationContext context) {
        FapilogEarlyRuntime early = earlyRuntime;
        if (early == null || !(context.getBeanFactory() instanceof BeanDefinitionRegistry registry)
                || registry.containsBeanDefinition(FapilogEarlyRuntime.BEAN_NAME)) {
            return;
        }
        RootBeanDefinition definition = new RootBeanDefinition(FapilogEarlyRuntime.class, () -> early);
        definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        definition.setLazyInit(false); // retires the runtime if not adopted, even with lazy initialization
        registry.registerBeanDefinition(FapilogEarlyRuntime.BEAN_NAME, definition);
    }

    private void onApplicationFailed() {
        FapilogEarlyRuntime early = earlyRuntime;
        if (early != null) {
            early.retireAfterFailure();
        }
    }

    /**
     * Started or failed without making a runtime of its own the default (its auto-configuration
     * excluded, or failed before it): the application before it is gone for good.
     */
    private void forgetDrainedBefore() {
        Fapilog.forgetDrainedRuntime(drainedBefore);
        drainedBefore = null;
    }

    @Override
    public int getOrder() {
        return DEFAULT_ORDER;
    }
}

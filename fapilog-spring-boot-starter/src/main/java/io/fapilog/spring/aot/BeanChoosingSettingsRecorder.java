package io.fapilog.spring.aot;

import org.springframework.aot.generate.GeneratedMethod;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

import javax.lang.model.element.Modifier;

/**
 * At Spring AOT processing, writes into each processed context's generated code a call that checks,
 * as that context starts, the {@link BeanChoosingSettings} it was built with against the environment's
 * ({@link BeanChoosingSettingsCheck}). Registered in {@code META-INF/spring/aot.factories}.
 */
final class BeanChoosingSettingsRecorder implements BeanFactoryInitializationAotProcessor {

    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        if (!beanFactory.containsBean("environment")) {
            return null;
        }
        BeanChoosingSettings built = BeanChoosingSettings.of(beanFactory.getBean("environment", Environment.class));
        return (generationContext, code) -> {
            GeneratedMethod check = code.getMethods().add("checkFapilogBeanChoosingSettings", method -> method
                    .addJavadoc("Fails the start when a setting that chose fapilog's beans differs from the build's.")
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(ConfigurableEnvironment.class, "environment")
                    .addStatement("$T.check(environment, $L, $L, $L, $L, $L)", BeanChoosingSettingsCheck.class,
                            built.enabled(), built.bridge(), built.otlp(), built.kafka(), built.propagateContext()));
            code.addInitializer(check.toMethodReference());
        };
    }
}

package io.fapilog.spring.aot;

import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * At Spring AOT processing, writes the {@link BeanChoosingSettings} the application is built with
 * into a resource of the generated code, {@value #RESOURCE}, for {@link BeanChoosingSettingsCheck}
 * to compare at run time. Registered in {@code META-INF/spring/aot.factories}.
 */
final class BeanChoosingSettingsRecorder implements BeanFactoryInitializationAotProcessor {

    static final String RESOURCE = "META-INF/fapilog/aot-bean-choosing-settings.properties";

    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        if (!beanFactory.containsBean("environment")) {
            return null;
        }
        BeanChoosingSettings built = BeanChoosingSettings.of(beanFactory.getBean("environment", Environment.class));
        StringWriter text = new StringWriter();
        try {
            built.toProperties().store(text, "fapilog's settings that chose its beans when this application was processed ahead of time");
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return (generationContext, code) -> generationContext.getGeneratedFiles().addResourceFile(RESOURCE, text.toString());
    }
}

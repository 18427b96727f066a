package io.fapilog.spring.logging;

import org.springframework.beans.factory.aot.BeanRegistrationExcludeFilter;
import org.springframework.beans.factory.support.RegisteredBean;

/**
 * Keeps the early runtime's bean out of ahead-of-time processing: it wraps a runtime started while
 * the application runs, before the context exists, so there is nothing to generate for it (and
 * Spring cannot generate code for the instance it is registered with). An application run from the
 * generated code registers it as usual, when the context is prepared.
 */
final class FapilogEarlyRuntimeAotExclusion implements BeanRegistrationExcludeFilter {

    @Override
    public boolean isExcludedFromAotProcessing(RegisteredBean registeredBean) {
        return FapilogEarlyRuntime.BEAN_NAME.equals(registeredBean.getBeanName());
    }
}

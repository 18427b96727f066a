package io.fapilog.spring.refresh;

import io.fapilog.FapilogRuntime;
import io.fapilog.spring.autoconfigure.FapilogAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Says so when a refresh changes {@code fapilog.*} properties (Spring Cloud's {@code /actuator/refresh}
 * or a config server's push): the runtime is built from them at start-up, so they apply at the next
 * start. Spring Cloud lists the changed keys as refreshed all the same; without this, the change
 * would go unnoticed, a value that would fail the start included. Levels ({@code logging.level.*})
 * apply at once, through the logging system, as Spring Cloud sets them.
 */
@AutoConfiguration(after = FapilogAutoConfiguration.class)
@ConditionalOnClass(name = StartTimePropertiesListener.ENVIRONMENT_CHANGE_EVENT)
@ConditionalOnBean(FapilogRuntime.class)
public class FapilogRefreshAutoConfiguration {

    @Bean
    StartTimePropertiesListener fapilogStartTimePropertiesListener(FapilogRuntime runtime) {
        return new StartTimePropertiesListener(runtime);
    }
}

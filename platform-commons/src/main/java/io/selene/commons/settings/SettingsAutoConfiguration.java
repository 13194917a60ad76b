package io.selene.commons.settings;

import java.time.Clock;
import java.time.Duration;

import io.selene.commons.health.HealthCheck;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Every service reads its settings from configurator-service ({@code selene.settings.enabled}, on by
 * default): the first pull happens before any bean binds its settings, later ones every
 * {@code selene.settings.pull-interval} (2 s).
 */
@AutoConfiguration
@ConditionalOnProperty("selene.service.name")
@ConditionalOnProperty(name = "selene.settings.enabled", havingValue = "true", matchIfMissing = true)
public class SettingsAutoConfiguration {

    static final String WATCHER = "seleneSettingsWatcher";

    /** A bean factory post-processor runs after the environment is complete and before any bean is made. */
    @Bean
    static BeanFactoryPostProcessor seleneSettingsAtStart() {
        return SettingsAutoConfiguration::installWatcher;
    }

    private static void installWatcher(ConfigurableListableBeanFactory beanFactory) {
        if (beanFactory.containsSingleton(WATCHER)) {
            return;
        }
        ConfigurableEnvironment environment = beanFactory.getBean(ConfigurableEnvironment.class);
        Binder binder = Binder.get(environment);
        String service = environment.getRequiredProperty("selene.service.name");
        String url = binder.bind("selene.services.configurator-service.url", String.class)
                .orElse("http://127.0.0.1:5070");
        Duration timeout = binder.bind("selene.settings.timeout", Duration.class).orElse(Duration.ofSeconds(1));
        Duration interval = binder.bind("selene.settings.pull-interval", Duration.class).orElse(Duration.ofSeconds(2));
        ConfiguratorPropertySource source = new ConfiguratorPropertySource();
        environment.getPropertySources().addFirst(source);
        SettingsWatcher watcher = new SettingsWatcher(service, environment.getProperty("selene.service.base-package"),
                new ConfiguratorPull(url, service, environment.getProperty("selene.internal.secret"), timeout), source,
                interval, Clock.systemUTC());
        watcher.pullAtStart();
        beanFactory.registerSingleton(WATCHER, watcher);
    }

    @Bean
    HealthCheck configuratorHealthCheck(SettingsWatcher watcher, ApplicationEventPublisher events) {
        // The watcher was made before the context could hand it a publisher.
        watcher.publishTo(events);
        return new ConfiguratorHealthCheck(watcher);
    }
}

package io.selene.configurator.config;

import io.selene.commons.PlatformSettings;
import io.selene.commons.client.InternalClients;
import io.selene.commons.error.ErrorResponses;
import io.selene.configurator.ConfiguratorErrors;
import io.selene.configurator.ui.AdminBasicAuthFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class ConfiguratorConfiguration {

    @Bean
    ConfiguratorErrors configuratorErrors() {
        return new ConfiguratorErrors();
    }

    /** Before the internal-call filter (order +3): an admin's browser request becomes an internal one. */
    @Bean
    FilterRegistrationBean<AdminBasicAuthFilter> adminBasicAuthFilter(InternalClients clients,
            PlatformSettings properties, ErrorResponses errors) {
        FilterRegistrationBean<AdminBasicAuthFilter> registration = new FilterRegistrationBean<>(
                new AdminBasicAuthFilter(clients, properties.internal().secret(), errors));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}

package io.selene.admin.config;

import io.selene.admin.AdminErrors;
import io.selene.admin.caller.AdminApiFilter;
import io.selene.admin.caller.Admins;
import io.selene.admin.ui.UiSessionFilter;
import io.selene.commons.PlatformSettings;
import io.selene.commons.error.ErrorResponses;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

    @Bean
    AdminErrors adminErrors() {
        return new AdminErrors();
    }

    /** Before the internal-call filter (order +3): a logged-in admin's page request becomes an internal one. */
    @Bean
    FilterRegistrationBean<UiSessionFilter> uiSessionFilter(Admins admins, PlatformSettings settings) {
        FilterRegistrationBean<UiSessionFilter> registration = new FilterRegistrationBean<>(
                new UiSessionFilter(admins, settings.internal().secret()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** After the internal-call filter: the API's caller, as the gateway resolved it, must be an admin. */
    @Bean
    FilterRegistrationBean<AdminApiFilter> adminApiFilter(Admins admins, ErrorResponses errors) {
        FilterRegistrationBean<AdminApiFilter> registration = new FilterRegistrationBean<>(
                new AdminApiFilter(admins, errors));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }
}

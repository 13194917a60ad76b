package io.selene.api.gateway;

import io.selene.api.GatewayErrors;
import io.selene.api.auth.Authenticator;
import io.selene.api.auth.GatewaySettings;
import io.selene.api.routing.RoutingTable;
import io.selene.commons.error.ErrorResponses;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The gateway's filters: outside X-Selene-* headers dropped first, then /6 (and legacy /4, /5) authentication. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewaySettings.class)
public class GatewayConfiguration {

    @Bean
    GatewayErrors gatewayErrors() {
        return new GatewayErrors();
    }

    @Bean
    FilterRegistrationBean<IncomingHeadersFilter> incomingHeadersFilter() {
        FilterRegistrationBean<IncomingHeadersFilter> registration =
                new FilterRegistrationBean<>(new IncomingHeadersFilter());
        // Before the metrics filter (HIGHEST_PRECEDENCE + 1), which tags requests with the account header.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<AuthenticationFilter> authenticationFilter(RoutingTable table, Authenticator authenticator,
            ErrorResponses errors) {
        FilterRegistrationBean<AuthenticationFilter> registration =
                new FilterRegistrationBean<>(new AuthenticationFilter(table, authenticator, errors));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.addUrlPatterns("/6", "/6/*", "/4", "/4/*", "/5", "/5/*");
        return registration;
    }
}

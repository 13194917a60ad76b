package io.selene.matcher.msgpack;

import io.selene.commons.error.ErrorResponses;
import io.selene.commons.msgpack.MsgpackFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** msgpack on the matching routes only ({@link MsgpackFilter}). */
@Configuration(proxyBeanMethods = false)
class MsgpackConfiguration {

    @Bean
    FilterRegistrationBean<MsgpackFilter> msgpackFilter(JsonMapper json, ErrorResponses errors) {
        FilterRegistrationBean<MsgpackFilter> registration = new FilterRegistrationBean<>(new MsgpackFilter(json,
                errors, java.util.Set.of()));
        registration.addUrlPatterns("/1/matcher/*");
        // after the platform's request id, metrics and input filters, before the controllers
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }
}

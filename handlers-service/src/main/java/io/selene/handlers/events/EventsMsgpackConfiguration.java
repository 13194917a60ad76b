package io.selene.handlers.events;

import java.util.Set;

import io.selene.commons.error.ErrorResponses;
import io.selene.commons.msgpack.MsgpackFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/**
 * LUNA's Handlers answer JSON or msgpack as the request's {@code Accept} says (its reference: "Depends on
 * Accept header in the request"), so the handlers' routes (generate events, stream events, raw events,
 * handler CRUD) take a msgpack body (images as binary) and answer msgpack when asked, as {@code /sdk} does.
 * A servlet URL pattern cannot name {@code /events} under the handler id, hence the whole prefix.
 */
@Configuration(proxyBeanMethods = false)
class EventsMsgpackConfiguration {

    @Bean
    FilterRegistrationBean<MsgpackFilter> handlersMsgpack(JsonMapper json, ErrorResponses errors) {
        var registration = new FilterRegistrationBean<>(new MsgpackFilter(json, errors, Set.of()));
        registration.addUrlPatterns("/1/handlers/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }
}

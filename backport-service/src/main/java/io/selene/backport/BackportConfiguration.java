package io.selene.backport;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class BackportConfiguration {

    @Bean
    BackportErrors backportErrors() {
        return new BackportErrors();
    }
}

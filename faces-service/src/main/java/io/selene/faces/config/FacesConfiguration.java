package io.selene.faces.config;

import io.selene.faces.FacesErrors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FacesSettings.class)
@EnableScheduling
public class FacesConfiguration {

    @Bean
    FacesErrors facesErrors() {
        return new FacesErrors();
    }
}

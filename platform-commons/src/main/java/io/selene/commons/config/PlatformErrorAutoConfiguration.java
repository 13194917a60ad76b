package io.selene.commons.config;

import io.selene.commons.error.LunaErrorController;
import io.selene.commons.error.LunaErrorReportValve;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Registers the LUNA error controller before Boot's error auto-configuration looks for one, so
 * Boot's white-label controller is never created; and Tomcat's host answers what it refuses itself
 * (bad paths, over-long headers) through {@link LunaErrorReportValve} instead of its HTML page.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnProperty("selene.service.name")
@Import(LunaErrorController.class)
public class PlatformErrorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(StandardHost.class)
    static class TomcatErrorPages {

        @Bean
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> lunaErrorReportValve() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(LunaErrorReportValve.class.getName());
                }
            });
        }
    }
}

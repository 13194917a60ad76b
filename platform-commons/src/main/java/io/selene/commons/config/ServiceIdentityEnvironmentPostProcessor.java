package io.selene.commons.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.selene.commons.PlatformService;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Gives each service its own configuration file name and the platform-wide defaults before
 * Spring reads configuration files. Runs before Boot's config-data processing so that
 * {@code spring.config.name} takes effect; this is what lets 14 services share one JVM.
 */
public class ServiceIdentityEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String IDENTITY_SOURCE = "seleneServiceIdentity";
    static final String DEFAULTS_SOURCE = "seleneDefaults";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Class<?> serviceClass = application.getAllSources().stream()
                .filter(Class.class::isInstance)
                .map(source -> (Class<?>) source)
                .filter(source -> AnnotatedElementUtils.findMergedAnnotation(source, PlatformService.class) != null)
                .findFirst()
                .orElse(null);
        if (serviceClass == null) {
            return;
        }
        PlatformService service = AnnotatedElementUtils.findMergedAnnotation(serviceClass, PlatformService.class);
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("selene.service.name", service.name());
        identity.put("selene.service.api-version", service.apiVersion());
        identity.put("spring.application.name", service.name());
        // The service's own loggers (the Configurator's LUNA_<SERVICE>_LOGGER applies to them).
        identity.put("selene.service.base-package", serviceClass.getPackageName());
        if (!environment.containsProperty("spring.config.name")) {
            identity.put("spring.config.name", service.name());
        }
        environment.getPropertySources().addLast(new MapPropertySource(IDENTITY_SOURCE, identity));
        // Boot keeps "defaultProperties" last, below the service's own <name>.yml, so the yml wins.
        DefaultPropertiesPropertySource.addOrMerge(defaults(), environment.getPropertySources());
    }

    private static Map<String, Object> defaults() {
        try {
            ClassPathResource resource = new ClassPathResource("selene-defaults.properties");
            return new ResourcePropertySource(DEFAULTS_SOURCE, resource).getSource();
        } catch (IOException e) {
            throw new UncheckedIOException("platform-commons is missing selene-defaults.properties", e);
        }
    }
}

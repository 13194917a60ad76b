package io.selene.testsupport;

import java.util.List;

import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Points every Spring test context of a Selene service at {@link TestInfrastructure}; registered in
 * {@code META-INF/spring.factories}, so a service test needs no extra annotation.
 */
public class TestInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        if (TestContextAnnotationUtils.hasAnnotation(testClass, WithoutTestInfrastructure.class)) {
            return null;
        }
        return new InfrastructureCustomizer();
    }

    private record InfrastructureCustomizer() implements ContextCustomizer {

        @Override
        public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
                org.springframework.test.context.MergedContextConfiguration mergedConfig) {
            java.util.Map<String, Object> properties = new java.util.HashMap<>(TestInfrastructure.get().springProperties());
            // A service tested alone has no Configurator of its own, and must never read one that happens
            // to run on the default port; the platform tests (platform-launcher) run with theirs.
            properties.putIfAbsent("selene.settings.enabled", "false");
            context.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource("seleneTestInfrastructure", properties));
        }
    }
}

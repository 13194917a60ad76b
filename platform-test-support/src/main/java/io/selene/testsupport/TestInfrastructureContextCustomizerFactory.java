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
            context.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource("seleneTestInfrastructure", TestInfrastructure.get().springProperties()));
        }
    }
}

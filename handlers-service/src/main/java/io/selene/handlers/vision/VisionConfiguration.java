package io.selene.handlers.vision;

import java.nio.file.Path;

import io.selene.commons.settings.LiveSettings;
import io.selene.vision.FaceEngine;
import io.selene.vision.ModelDirectory;
import io.selene.vision.VisionSettings;
import io.selene.vision.image.ImageDecoder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The one face engine of this service: every model session is created here, at start-up. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({VisionProperties.class, HandlersProperties.class})
class VisionConfiguration {

    @Bean(destroyMethod = "close")
    FaceEngine faceEngine(VisionProperties properties) {
        ModelDirectory models = models(properties);
        return new FaceEngine(new VisionSettings(models,
                new ImageDecoder.Limits(properties.maxImageSize().toBytes(), properties.maxImagePixels(),
                        properties.minImageSide()),
                properties.inferenceThreads(), properties.queueCapacity(), properties.detectionThreshold(),
                VisionSettings.DEFAULT_NMS_IOU, properties.subsampledDecode()));
    }

    @Bean(destroyMethod = "close")
    BodyDetection bodyDetection(VisionProperties properties) {
        return new BodyDetection(properties, models(properties));
    }

    private static ModelDirectory models(VisionProperties properties) {
        return properties.modelsDir() == null || properties.modelsDir().isBlank()
                ? VisionSettings.modelsFromEnvironment()
                : new ModelDirectory(Path.of(properties.modelsDir()));
    }

    /** max-images follows the Configurator (HANDLERS_DEFAULTS) per request; the rest is read at start. */
    @Bean
    LiveSettings<HandlersProperties> liveHandlersProperties(Environment environment) {
        return new LiveSettings<>(environment, "selene.handlers", HandlersProperties.class);
    }

    @Bean
    VisionErrors visionErrors() {
        return new VisionErrors();
    }
}

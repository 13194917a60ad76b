package io.selene.handlers.vision;

import java.nio.file.Path;

import io.selene.commons.settings.LiveSettings;
import io.selene.vision.Estimation;
import io.selene.vision.FaceEngine;
import io.selene.vision.VisionSettings;
import io.selene.vision.image.ImageDecoder;
import io.selene.vision.models.Model;
import io.selene.vision.models.ModelDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The one vision engine of this service (faces and bodies): every model session is created here, at start-up. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EngineSettings.class, HandlersSettings.class})
class VisionConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(VisionConfiguration.class);

    /**
     * LUNA's msgpack on {@code /sdk}: {@code Accept: application/msgpack} answers msgpack with the
     * descriptors as binary, and a msgpack body (images as binary) is read as the JSON body.
     */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<io.selene.commons.msgpack.MsgpackFilter> sdkMsgpack(
            tools.jackson.databind.json.JsonMapper json, io.selene.commons.error.ErrorResponses errors) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                new io.selene.commons.msgpack.MsgpackFilter(json, errors, java.util.Set.of("sdk_descriptor")));
        registration.addUrlPatterns("/1/sdk");
        registration.setOrder(org.springframework.core.Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }

    /**
     * Every estimation whose model files are there; one that is missing is switched off (asking for it is
     * refused with 14013) and logged, and the service starts anyway.
     */
    @Bean(destroyMethod = "close")
    FaceEngine faceEngine(EngineSettings properties) {
        ModelDirectory models = models(properties);
        if (properties.bodyModel() != null && !properties.bodyModel().isBlank()) {
            models = models.with(Model.BODY, Path.of(properties.bodyModel()));
        }
        FaceEngine engine = new FaceEngine(new VisionSettings(models,
                new ImageDecoder.Limits(properties.maxImageSize().toBytes(), properties.maxImagePixels(),
                        properties.minImageSide()),
                properties.inferenceThreads(), properties.queueCapacity(), properties.detectionThreshold(),
                VisionSettings.DEFAULT_NMS_IOU, properties.subsampledDecode()));
        for (Estimation estimation : Estimation.values()) {
            String reason = engine.unavailable(estimation);
            if (estimation.known() && reason != null) {
                LOG.warn("'{}' is switched off: {}", estimation.flag(), reason);
            }
        }
        return engine;
    }

    private static ModelDirectory models(EngineSettings properties) {
        return properties.modelsDir() == null || properties.modelsDir().isBlank()
                ? VisionSettings.modelsFromEnvironment()
                : new ModelDirectory(Path.of(properties.modelsDir()));
    }

    /** max-images follows the Configurator (HANDLERS_DEFAULTS) per request; the rest is read at start. */
    @Bean
    LiveSettings<HandlersSettings> liveHandlersProperties(Environment environment) {
        return new LiveSettings<>(environment, "selene.handlers", HandlersSettings.class);
    }

    @Bean
    VisionErrors visionErrors() {
        return new VisionErrors();
    }
}

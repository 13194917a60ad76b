package io.selene.commons.descriptor;

/**
 * LUNA reports similarity in [0, 1]; our descriptors give cosine in [-1, 1]. The map is a logistic
 * (Platt-style) calibration, monotone, centred where false accepts reach about 0.1 %:
 * {@code similarity = 1 / (1 + exp(-12 · (cosine − 0.40)))}.
 *
 * <p>Measured on the faceplugin models (vision-pitfalls.md): cosine 0.40 kept false accepts ≤ 0.1 %
 * on every subset, and genuine pairs of good photos average cosine ≈ 0.69. So similarity 0.5 is the
 * 0.1 %-FAR operating point, and a typical genuine pair scores ≈ 0.97. Thresholds in handlers,
 * verifiers and matcher requests are similarities on this scale.
 *
 * <p>That map is version 201's. Another descriptor version has its own centre
 * ({@link DescriptorVersion#similarityCentre()}, same slope): version 202 (HSE FaceRec) puts different
 * people at cosine 0.43 on average and at most 0.67–0.74 on the test photos' faces, same-person
 * pictures at 0.85–0.95, so its centre is 0.70 (docs/benchmarks.md "Descriptor version 202"; a
 * provisional calibration on 22 identities).
 */
public final class Similarity {

    public static final double CENTRE = 0.40;
    public static final double SLOPE = 12.0;

    private Similarity() {
    }

    public static double fromCosine(double cosine) {
        return fromCosine(cosine, CENTRE);
    }

    /** The similarity of two descriptors of {@code version}. */
    public static double fromCosine(double cosine, DescriptorVersion version) {
        return fromCosine(cosine, version.similarityCentre());
    }

    private static double fromCosine(double cosine, double centre) {
        if (Double.isNaN(cosine)) {
            return 0.0; // no direction, no likeness: never NaN in an answer
        }
        return 1.0 / (1.0 + Math.exp(-SLOPE * (cosine - centre)));
    }

    /** The cosine a similarity threshold stands for (inverse of {@link #fromCosine}). */
    public static double toCosine(double similarity) {
        return toCosine(similarity, CENTRE);
    }

    /** The cosine a similarity threshold stands for with descriptors of {@code version}. */
    public static double toCosine(double similarity, DescriptorVersion version) {
        return toCosine(similarity, version.similarityCentre());
    }

    private static double toCosine(double similarity, double centre) {
        if (similarity <= 0) {
            return -1.0;
        }
        if (similarity >= 1) {
            return 1.0;
        }
        return centre - Math.log(1.0 / similarity - 1.0) / SLOPE;
    }
}

package io.selene.vision;

/**
 * Cosine of descriptors, normalisation and aggregation. The map of cosine to LUNA's [0, 1]
 * similarity (and its calibration) is platform-wide and lives in platform-commons
 * ({@code io.selene.commons.descriptor.Similarity}), next to the descriptor codec, because the
 * matcher and the handlers apply it to descriptors they did not compute.
 */
public final class Similarity {

    private Similarity() {
    }

    /** Cosine of two L2-normalised descriptors (their dot product). */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("descriptors of " + a.length + " and " + b.length + " values");
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return Math.clamp(dot, -1.0, 1.0);
    }

    /** Scales to unit length in place and returns the length it had. */
    public static double normalise(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v * v;
        }
        double norm = Math.sqrt(sum);
        if (norm > 0) {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (values[i] / norm);
            }
        }
        return norm;
    }

    /** Mean of normalised descriptors, renormalised (aggregation of several samples of one person). */
    public static float[] aggregate(java.util.List<float[]> descriptors) {
        float[] mean = new float[descriptors.getFirst().length];
        for (float[] d : descriptors) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += d[i];
            }
        }
        normalise(mean);
        return mean;
    }
}

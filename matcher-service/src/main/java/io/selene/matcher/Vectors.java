package io.selene.matcher;

/** Cosine needs unit vectors; clients and stored faces may hold descriptors of any length. */
public final class Vectors {

    private Vectors() {
    }

    /** A unit-length copy; an all-zero vector has no direction and is refused. */
    public static float[] unit(float[] values) {
        return scale(values, new float[values.length]);
    }

    /** Scales {@code values} to unit length in place (the same values as {@link #unit}), for arrays the caller owns. */
    public static float[] normalise(float[] values) {
        return scale(values, values);
    }

    private static float[] scale(float[] values, float[] unit) {
        double norm = 0;
        for (float value : values) {
            norm += (double) value * value;
        }
        if (norm == 0 || !Double.isFinite(norm)) {
            throw new IllegalArgumentException("descriptor has no direction (all zeros)");
        }
        float inverse = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < values.length; i++) {
            unit[i] = values[i] * inverse;
        }
        return unit;
    }
}

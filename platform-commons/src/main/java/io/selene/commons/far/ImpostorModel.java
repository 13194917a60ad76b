package io.selene.commons.far;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A synthetic stand-in for the descriptors of different people, fitted to real different-identity
 * pairs. Real pairs from a few photos measure false accepts down to about 1 / pairs only; the FAR
 * table's tail below that comes from this model (docs/far.md says so, and where the table stops).
 *
 * <p>A synthetic descriptor is a uniformly random unit vector {@code u} in {@code dimensions}
 * dimensions (a face descriptor's 512 floats do not vary independently: its impostor cosines spread
 * as if it had fewer), and two of them have cosine {@code meanCosine + scale · u·u'}: every
 * descriptor of a model leans the same way (different people have a mean cosine above 0) and the
 * spread is the model's own. {@link #fit} takes the dimensions from the real pairs' variance and the
 * mean and scale from their upper tail, the part a FAR table is about.
 *
 * @param meanCosine the cosine where the model's pairs centre
 * @param scale      how far a unit of {@code u·u'} moves the cosine
 * @param dimensions the effective dimension
 */
public record ImpostorModel(double meanCosine, double scale, int dimensions) {

    /** The share of the real pairs, from the top, whose cosines the tail is fitted to. */
    public static final double TAIL = 0.2;

    public ImpostorModel {
        if (!(meanCosine > -1 && meanCosine < 1) || !(scale > 0) || dimensions < 2) {
            throw new IllegalArgumentException("impostor model needs -1 < mean < 1, scale > 0 and dimensions >= 2, got "
                    + meanCosine + ", " + scale + ", " + dimensions);
        }
    }

    /**
     * The model of real pairs' cosines: the effective dimension from their mean and variance (method of
     * moments, as if the cosine were {@code mean + (1 − mean) · u·u'}), then mean and scale by least
     * squares on the top {@link #TAIL} of the pairs: the k-th highest of N pairs has FAR about
     * {@code (k − ½) / N}, and the model's FAR at a cosine c is close to {@code Q((c − mean) · √n / scale)}
     * (u·u' is nearly normal with variance 1/n), so c is linear in {@code Q⁻¹((k − ½) / N)}.
     */
    public static ImpostorModel fit(double[] cosines) {
        int n = cosines.length;
        if (n < 10) {
            throw new IllegalArgumentException("at least ten pairs are needed, got " + n);
        }
        double mean = Arrays.stream(cosines).average().orElseThrow();
        double variance = Arrays.stream(cosines).map(c -> (c - mean) * (c - mean)).sum() / (n - 1);
        double spread = 1 - Math.max(0, mean);
        int dimensions = (int) Math.max(2, Math.round(spread * spread / variance));

        double[] sorted = cosines.clone();
        Arrays.sort(sorted);
        int tail = Math.max(5, (int) Math.round(n * TAIL));
        double sz = 0;
        double sc = 0;
        double szz = 0;
        double szc = 0;
        for (int k = 1; k <= tail; k++) {
            double z = upperQuantile((k - 0.5) / n);
            double c = sorted[n - k];
            sz += z;
            sc += c;
            szz += z * z;
            szc += z * c;
        }
        double slope = (tail * szc - sz * sc) / (tail * szz - sz * sz);
        double intercept = (sc - slope * sz) / tail;
        return new ImpostorModel(intercept, slope * Math.sqrt(dimensions), dimensions);
    }

    /** The z with {@code P(Z ≥ z) = p} for a standard normal Z (Acklam's rational approximation, ~1e-9). */
    static double upperQuantile(double p) {
        double q = 1 - p; // the lower-tail quantile of q is the upper-tail one of p
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                6.680131188771972e+01, -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        if (q < 0.02425) {
            double r = Math.sqrt(-2 * Math.log(q));
            return (((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5])
                    / ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1);
        }
        if (q > 1 - 0.02425) {
            double r = Math.sqrt(-2 * Math.log(1 - q));
            return -(((((c[0] * r + c[1]) * r + c[2]) * r + c[3]) * r + c[4]) * r + c[5])
                    / ((((d[0] * r + d[1]) * r + d[2]) * r + d[3]) * r + 1);
        }
        double r = (q - 0.5) * (q - 0.5);
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * (q - 0.5)
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }

    /**
     * {@code count} synthetic descriptors' random parts {@code u} (unit vectors of {@link #dimensions}
     * floats); {@link #cosine} turns the dot product of two of them into the descriptors' cosine.
     */
    public float[][] sample(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] vectors = new float[count][dimensions];
        for (float[] vector : vectors) {
            double norm = 0;
            for (int i = 0; i < dimensions; i++) {
                double value = gaussian(random);
                vector[i] = (float) value;
                norm += value * value;
            }
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < dimensions; i++) {
                vector[i] *= scale;
            }
        }
        return vectors;
    }

    /** The cosine of two synthetic descriptors whose random parts have dot product {@code dot}. */
    public double cosine(double dot) {
        return meanCosine + scale * dot;
    }

    /**
     * Counts every pair of {@code vectors} (i &lt; j) by cosine: {@code counts[b]} is the number of pairs with
     * cosine in {@code [-1 + b·width, -1 + (b+1)·width)}. Work is spread over {@code threads}.
     */
    public long[] pairHistogram(float[][] vectors, double width, int threads) {
        int bins = (int) Math.ceil(2 / width) + 1;
        long[][] partial = new long[threads][bins];
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int worker = t;
            workers[t] = Thread.ofPlatform().start(() -> {
                long[] counts = partial[worker];
                // rows dealt round-robin: row i has n-1-i partners, so this evens the work out
                for (int i = worker; i < vectors.length; i += threads) {
                    float[] a = vectors[i];
                    for (int j = i + 1; j < vectors.length; j++) {
                        float[] b = vectors[j];
                        float dot = 0;
                        for (int k = 0; k < a.length; k++) {
                            dot += a[k] * b[k];
                        }
                        int bin = (int) ((cosine(dot) + 1) / width);
                        counts[Math.clamp(bin, 0, bins - 1)]++;
                    }
                }
            });
        }
        long[] counts = new long[bins];
        for (int t = 0; t < threads; t++) {
            try {
                workers[t].join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while counting pairs", e);
            }
            for (int b = 0; b < bins; b++) {
                counts[b] += partial[t][b];
            }
        }
        return counts;
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller; SplittableRandom has no nextGaussian of its own that is stable across JDKs
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}

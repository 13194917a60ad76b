package io.selene.tasks.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import io.selene.tasks.types.clustering.ClusterEngine;

/**
 * {@code bench/clustering}: the clustering kernel on synthetic 512-d descriptors with planted people
 * (1..19 faces each, cosine ≈ 0.81 inside a person, ≤ 0.3 across), at cosine threshold 0.47. Prints seconds,
 * pairs per second, peak RSS (VmHWM), whether the planted people were recovered exactly, and the ratio to a
 * baseline measured in the same run: a plain scalar loop (one pair at a time, double accumulation) over a
 * sample of the pairs.
 *
 * <p>Args: {@code n threads mode} where mode is {@code full} (every pair) or {@code sample:<fraction>}
 * (every pair of a random fraction of the rows against all rows; the time is extrapolated to n²/2 pairs and
 * marked so).
 */
public final class ClusteringBench {

    private static final int D = 512;

    private ClusteringBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        String mode = args.length > 2 ? args[2] : "full";
        long t0 = System.nanoTime();
        float[] data = new float[Math.multiplyExact(n, D)];
        int[] truth = plant(data, n, new SplittableRandom(20261206));
        double generate = (System.nanoTime() - t0) / 1e9;
        ClusterEngine engine = new ClusterEngine(data, n, D, threads);
        float threshold = 0.47f;

        double baselinePairsPerSecond = baseline(data, n, threshold);
        System.out.printf("n=%d threads=%d generate=%.1fs baseline(scalar, 1 thread)=%.3g pairs/s%n", n, threads,
                generate, baselinePairsPerSecond);
        double pairs = (double) n * (n - 1) / 2;
        if (mode.equals("full")) {
            long start = System.nanoTime();
            long cpuStart = cpuNanos();
            List<ClusterEngine.Cluster> clusters = engine.cluster(threshold, false, () -> { });
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (cpuNanos() - cpuStart) / 1e9;
            boolean exact = exact(clusters, truth);
            // cpu / threads is the wall time the run would take with the cores to itself
            System.out.printf("RESULT n=%d mode=full seconds=%.1f cpu_seconds=%.1f (%.1f s of %d idle cores) "
                    + "pairs_per_s=%.3g pairs_per_cpu_s=%.3g clusters=%d exact=%s peak_rss_mb=%d "
                    + "ratio_vs_scalar_per_cpu_s=%.1f%n", n, seconds, cpu, cpu / threads, threads, pairs / seconds,
                    pairs / cpu, clusters.size(), exact, peakRssMb(), pairs / cpu / baselinePairsPerSecond);
        } else {
            double fraction = Double.parseDouble(mode.substring("sample:".length()));
            // row tiles spread evenly over the range, each doing exactly its work of a full run (itself and every
            // later tile): the sample's pairs/s is the full run's, extrapolated to n²/2 pairs
            int tiles = (n + ClusterEngine.tile() - 1) / ClusterEngine.tile();
            int sampled = Math.max(threads * 2, (int) Math.round(tiles * fraction));
            int[] rowTiles = new int[sampled];
            for (int i = 0; i < sampled; i++) {
                rowTiles[i] = (int) ((long) i * tiles / sampled);
            }
            long start = System.nanoTime();
            long cpuStart = cpuNanos();
            long scored = engine.scoreTilesOf(rowTiles, threshold);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (cpuNanos() - cpuStart) / 1e9;
            System.out.printf("RESULT n=%d mode=sample tiles=%d/%d pairs_scored=%.3g seconds_extrapolated=%.0f "
                    + "cpu_seconds_extrapolated=%.0f (%.0f s of %d idle cores) pairs_per_cpu_s=%.3g peak_rss_mb=%d "
                    + "ratio_vs_scalar_per_cpu_s=%.1f%n", n, sampled, tiles, (double) scored,
                    pairs / (scored / seconds), pairs / (scored / cpu), pairs / (scored / cpu) / threads, threads,
                    scored / cpu, peakRssMb(), scored / cpu / baselinePairsPerSecond);
        }
    }

    /** Planted people, rows shuffled; returns the person of each row. */
    static int[] plant(float[] data, int n, SplittableRandom random) {
        int[] person = new int[n];
        float[] centre = new float[D];
        float[] noise = new float[D];
        int row = 0;
        int id = 0;
        while (row < n) {
            int size = Math.min(n - row, 1 + random.nextInt(19));
            gaussianUnit(centre, random);
            for (int i = 0; i < size; i++) {
                gaussianUnit(noise, random);
                double squares = 0;
                for (int k = 0; k < D; k++) {
                    float v = (float) (0.9 * centre[k] + 0.43588989 * noise[k]);
                    data[row * D + k] = v;
                    squares += (double) v * v;
                }
                float scale = (float) (1 / Math.sqrt(squares));
                for (int k = 0; k < D; k++) {
                    data[row * D + k] *= scale;
                }
                person[row++] = id;
            }
            id++;
        }
        // shuffle in place (rows and labels)
        float[] tmp = new float[D];
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            System.arraycopy(data, i * D, tmp, 0, D);
            System.arraycopy(data, j * D, data, i * D, D);
            System.arraycopy(tmp, 0, data, j * D, D);
            int p = person[i];
            person[i] = person[j];
            person[j] = p;
        }
        return person;
    }

    private static void gaussianUnit(float[] v, SplittableRandom random) {
        double squares = 0;
        for (int k = 0; k < D; k += 2) {
            // Box-Muller, two values per draw
            double u = 1 - random.nextDouble();
            double r = Math.sqrt(-2 * Math.log(u));
            double theta = 2 * Math.PI * random.nextDouble();
            v[k] = (float) (r * Math.cos(theta));
            v[k + 1] = (float) (r * Math.sin(theta));
            squares += (double) v[k] * v[k] + (double) v[k + 1] * v[k + 1];
        }
        float scale = (float) (1 / Math.sqrt(squares));
        for (int k = 0; k < D; k++) {
            v[k] *= scale;
        }
    }

    /** The baseline: a plain scalar loop, one pair at a time, over the first rows against all. */
    private static double baseline(float[] data, int n, float threshold) {
        scalar(data, Math.min(n, 20_000), threshold, 20); // warm-up: compiled before it is timed
        return scalar(data, n, threshold, 40);
    }

    private static double scalar(float[] data, int n, float threshold, int rows) {
        long found = 0;
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < D; k++) {
                    s += data[i * D + k] * data[j * D + k];
                }
                if (s >= threshold) {
                    found++;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        seconds = Math.min(seconds, (cpuNanos() - cpuStart) / 1e9); // one thread: its CPU time, not the load's
        if (found < 0) {
            System.out.println(found);
        }
        return rows * (double) n / seconds;
    }

    private static boolean exact(List<ClusterEngine.Cluster> clusters, int[] truth) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (ClusterEngine.Cluster cluster : clusters) {
            int label = truth[cluster.members()[0]];
            for (int member : cluster.members()) {
                if (truth[member] != label) {
                    return false;
                }
            }
            if (!seen.add(label)) {
                return false;
            }
        }
        return true;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (java.io.IOException e) {
            // not Linux
        }
        return -1;
    }
}

package io.selene.tasks.types.clustering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The clustering kernel: planted clusters recovered exactly at 100,000 descriptors, the blocked kernel
 * against plain pair-by-pair components on awkward sizes, average linkage splitting a chain, and the
 * representative.
 */
class ClusterEngineTest {

    private static final int D = 512;

    private static void unit(float[] data, int row, float[] values) {
        double squares = 0;
        for (float v : values) {
            squares += (double) v * v;
        }
        float scale = (float) (1 / Math.sqrt(squares));
        for (int k = 0; k < D; k++) {
            data[row * D + k] = values[k] * scale;
        }
    }

    private static float[] gaussian(Random random) {
        float[] v = new float[D];
        for (int k = 0; k < D; k++) {
            v[k] = (float) random.nextGaussian();
        }
        return v;
    }

    /** {@code alpha · centre + sqrt(1 - alpha²) · random direction}, both unit. */
    private static float[] around(float[] centre, double alpha, Random random) {
        float[] noise = gaussian(random);
        double norm = 0;
        for (float v : noise) {
            norm += (double) v * v;
        }
        norm = Math.sqrt(norm);
        double beta = Math.sqrt(1 - alpha * alpha);
        float[] member = new float[D];
        for (int k = 0; k < D; k++) {
            member[k] = (float) (alpha * centre[k] + beta * noise[k] / norm);
        }
        return member;
    }

    private static float[] normalised(float[] v) {
        float[] out = new float[D];
        double squares = 0;
        for (float x : v) {
            squares += (double) x * x;
        }
        for (int k = 0; k < D; k++) {
            out[k] = (float) (v[k] / Math.sqrt(squares));
        }
        return out;
    }

    @Test
    void plantedClustersOfAHundredThousandFacesAreRecoveredExactly() {
        Random random = new Random(20261206);
        int n = 100_000;
        float[] data = new float[n * D];
        int[] planted = new int[n];
        int row = 0;
        int cluster = 0;
        while (row < n) {
            int size = Math.min(n - row, 1 + random.nextInt(19)); // 1..19 faces, singletons too
            float[] centre = normalised(gaussian(random));
            for (int i = 0; i < size; i++) {
                unit(data, row, around(centre, 0.9, random));
                planted[row++] = cluster;
            }
            cluster++;
        }
        // shuffle rows so that clusters are not contiguous (tiles then mix them)
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        float[] shuffled = new float[n * D];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data, order[i] * D, shuffled, i * D, D);
            truth[i] = planted[order[i]];
        }
        long start = System.nanoTime();
        ClusterEngine engine = new ClusterEngine(shuffled, n, D, Runtime.getRuntime().availableProcessors());
        List<ClusterEngine.Cluster> clusters = engine.cluster(0.47f, false, () -> { });
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("clustered %d descriptors in %.1f s into %d clusters%n", n, seconds, clusters.size());

        assertThat(clusters).hasSize(cluster);
        Set<Integer> seen = new HashSet<>();
        int total = 0;
        for (ClusterEngine.Cluster found : clusters) {
            int label = truth[found.members()[0]];
            for (int member : found.members()) {
                assertThat(truth[member]).as("a cluster holds one planted person").isEqualTo(label);
            }
            assertThat(seen.add(label)).as("a planted person is in one cluster").isTrue();
            total += found.size();
            assertThat(found.members()).contains(found.representative());
        }
        assertThat(total).isEqualTo(n);
        // largest first
        for (int i = 1; i < clusters.size(); i++) {
            assertThat(clusters.get(i).size()).isLessThanOrEqualTo(clusters.get(i - 1).size());
        }
    }

    @Test
    void theBlockedKernelFindsExactlyThePairsAPlainLoopFinds() {
        Random random = new Random(7);
        for (int n : new int[] {1, 2, 3, 5, 127, 128, 129, 262, 1003}) {
            float[] data = new float[n * D];
            for (int i = 0; i < n; i++) {
                unit(data, i, gaussian(random));
            }
            ClusterEngine engine = new ClusterEngine(data, n, D, 2);
            float threshold = 0.11f; // a fraction of a percent of random pairs: a few edges and chains
            int[] labels = engine.components(threshold, () -> { });
            // plain union-find over every pair with the engine's own dot product
            int[] parent = new int[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
            }
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (engine.dot(i, j) >= threshold) {
                        int a = root(parent, i);
                        int b = root(parent, j);
                        parent[Math.max(a, b)] = Math.min(a, b);
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                assertThat(labels[i]).as("row %d of %d", i, n).isEqualTo(root(parent, i));
            }
        }
    }

    private static int root(int[] parent, int x) {
        while (parent[x] != x) {
            x = parent[x];
        }
        return x;
    }

    @Test
    void averageLinkageSplitsTwoGroupsThatOneBridgeChains() {
        Random random = new Random(11);
        float[] a = normalised(gaussian(random));
        float[] b = normalised(gaussian(random));
        float[] middle = new float[D];
        for (int k = 0; k < D; k++) {
            middle[k] = a[k] + b[k];
        }
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(around(a, 0.97, random));
        }
        for (int i = 0; i < 6; i++) {
            rows.add(around(b, 0.97, random));
        }
        rows.add(normalised(middle)); // cos ≈ 0.7 to both groups: single linkage chains them
        float[] data = new float[rows.size() * D];
        for (int i = 0; i < rows.size(); i++) {
            unit(data, i, rows.get(i));
        }
        ClusterEngine engine = new ClusterEngine(data, rows.size(), D, 1);
        assertThat(engine.cluster(0.6f, false, () -> { })).hasSize(1);
        List<ClusterEngine.Cluster> split = engine.cluster(0.6f, true, () -> { });
        assertThat(split).hasSizeBetween(2, 3);
        for (ClusterEngine.Cluster c : split) {
            boolean groupA = false;
            boolean groupB = false;
            for (int member : c.members()) {
                groupA |= member < 6;
                groupB |= member >= 6 && member < 12;
            }
            assertThat(groupA && groupB).as("a cluster mixes the two groups").isFalse();
        }
        // the representative of a tight group is one of its members nearest the centre
        assertThat(split.getFirst().members()).contains(split.getFirst().representative());
    }

    /** The partition of a clustering, as sets of object ids (rows mapped through {@code ids}). */
    private static Set<Set<Integer>> partition(List<ClusterEngine.Cluster> clusters, int[] ids) {
        Set<Set<Integer>> out = new HashSet<>();
        for (ClusterEngine.Cluster c : clusters) {
            Set<Integer> members = new HashSet<>();
            for (int row : c.members()) {
                members.add(ids[row]);
            }
            out.add(members);
        }
        return out;
    }

    /** Rows {@code objects} of {@code all}, in that order. */
    private static float[] rowsOf(float[] all, int[] objects) {
        float[] out = new float[objects.length * D];
        for (int i = 0; i < objects.length; i++) {
            System.arraycopy(all, objects[i] * D, out, i * D, D);
        }
        return out;
    }

    @Test
    void addingFacesToAnEarlierRunEqualsClusteringEverything() {
        Random random = new Random(22);
        int n = 3000;
        float[] all = new float[n * D];
        int row = 0;
        while (row < n) {
            // loose people (pairs near the threshold) in close pairs of centres: new faces bridge old clusters
            float[] centre = normalised(gaussian(random));
            float[] twin = around(centre, 0.85, random);
            for (float[] c : new float[][] {centre, twin}) {
                int size = Math.min(n - row, 1 + random.nextInt(12));
                for (int i = 0; i < size; i++) {
                    unit(all, row++, around(c, 0.82, random));
                }
            }
        }
        float threshold = 0.62f;
        // the earlier run saw 3 of every 5 faces, spread over all people
        int[] old = java.util.stream.IntStream.range(0, n).filter(i -> i % 5 < 3).toArray();
        List<ClusterEngine.Cluster> previous = new ClusterEngine(rowsOf(all, old), old.length, D, 2)
                .cluster(threshold, false, () -> { });

        for (boolean deleting : new boolean[] {false, true}) {
            // old rows that remain (some deleted in the second round), then the new rows first in the layout
            List<Integer> layout = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (i % 5 >= 3) {
                    layout.add(i);
                }
            }
            int newCount = layout.size();
            boolean[] shrunk = new boolean[previous.size()];
            List<Integer> previousOf = new ArrayList<>();
            Random deletions = new Random(7);
            for (int c = 0; c < previous.size(); c++) {
                for (int member : previous.get(c).members()) {
                    if (deleting && deletions.nextInt(10) == 0) {
                        shrunk[c] = true;
                        continue;
                    }
                    layout.add(old[member]);
                    previousOf.add(c);
                }
            }
            int[] ids = layout.stream().mapToInt(Integer::intValue).toArray();
            ClusterEngine.Incremental incremental = new ClusterEngine(rowsOf(all, ids), ids.length, D, 2)
                    .addTo(newCount, previousOf.stream().mapToInt(Integer::intValue).toArray(), shrunk, threshold,
                            () -> { });
            int[] sorted = ids.clone();
            java.util.Arrays.sort(sorted);
            List<ClusterEngine.Cluster> full = new ClusterEngine(rowsOf(all, sorted), sorted.length, D, 2)
                    .cluster(threshold, false, () -> { });

            assertThat(partition(incremental.clusters(), ids)).isEqualTo(partition(full, sorted));
            assertThat(incremental.merges()).isNotEmpty();
            for (ClusterEngine.Merge merge : incremental.merges()) {
                assertThat(merge.previousClusters()).hasSizeGreaterThan(1);
            }
            if (!deleting) {
                assertThat(incremental.splits()).isEmpty(); // new faces only ever merge
            }
        }
    }

    @Test
    void deletingTheFaceThatBridgedAClusterReportsASplit() {
        // a, b, c on one arc 30 degrees apart: a-b and b-c are above 0.7, a-c (cos 60 = 0.5) is not
        float[] data = new float[4 * D];
        for (int i = 0; i < 3; i++) {
            float[] v = new float[D];
            v[0] = (float) Math.cos(Math.toRadians(30 * i));
            v[1] = (float) Math.sin(Math.toRadians(30 * i));
            unit(data, i, v);
        }
        float[] lone = new float[D];
        lone[5] = 1;
        unit(data, 3, lone);
        List<ClusterEngine.Cluster> previous = new ClusterEngine(data, 4, D, 1).cluster(0.7f, false, () -> { });
        assertThat(previous).hasSize(2);
        assertThat(previous.get(0).members()).containsExactly(0, 1, 2);

        // b is deleted; a new face joins the lone one: rows [new, a, c, lone]
        float[] next = new float[4 * D];
        float[] nearLone = new float[D];
        nearLone[5] = 1;
        nearLone[6] = 0.1f;
        unit(next, 0, nearLone);
        System.arraycopy(data, 0, next, D, D);
        System.arraycopy(data, 2 * D, next, 2 * D, D);
        System.arraycopy(data, 3 * D, next, 3 * D, D);
        ClusterEngine.Incremental incremental = new ClusterEngine(next, 4, D, 1)
                .addTo(1, new int[] {0, 0, 1}, new boolean[] {true, false}, 0.7f, () -> { });

        assertThat(incremental.clusters()).hasSize(3);
        assertThat(incremental.clusters().get(0).members()).containsExactly(0, 3); // new face + lone
        assertThat(incremental.splits()).hasSize(1);
        assertThat(incremental.splits().get(0).previousCluster()).isZero();
        assertThat(incremental.splits().get(0).clusters()).containsExactly(1, 2);
        assertThat(incremental.merges()).isEmpty(); // one previous cluster plus a new face is no merge
    }
}

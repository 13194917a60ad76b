package io.selene.tasks.types.clustering;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.selene.tasks.types.PairKernel;

/**
 * Exact threshold clustering of unit descriptors: every pair whose dot product (cosine) is at least the
 * threshold joins one cluster, i.e. the connected components of the similarity graph. The graph is never
 * stored: all pairs are scored with the analytics' {@link PairKernel} over tiles of rows that stay in
 * cache, and each pair above the threshold is a union in a union-find.
 * Optionally average linkage runs inside each component (a component is split where the average similarity
 * between its parts is below the threshold). Each cluster's representative is the member closest to the
 * cluster's centroid.
 *
 * <p>Cost: {@code n²/2} dot products of {@code d} floats, spread over {@code threads}; memory: the
 * descriptors ({@code 4·n·d} bytes) plus an int per row.
 */
public final class ClusterEngine {

    /** Rows per tile: a tile of 512-d rows (256 KB) stays in L2 while the rows of another tile pass by it. */
    private static final int TILE = 128;
    /** Components larger than this keep their single-linkage shape under average linkage (m² floats). */
    public static final int MAX_LINKAGE_COMPONENT = 5000;

    private final float[] data;
    private final int n;
    private final int d;
    private final int threads;

    /**
     * @param data    row-major unit descriptors, at least {@code n × d} floats
     * @param threads threads of the kernel (at least 1)
     */
    public ClusterEngine(float[] data, int n, int d, int threads) {
        if (d % PairKernel.FLOATS.length() != 0) {
            throw new IllegalArgumentException("dimensions must be a multiple of " + PairKernel.FLOATS.length());
        }
        this.data = data;
        this.n = n;
        this.d = d;
        this.threads = Math.max(1, threads);
    }

    /** One cluster: its member rows (ascending) and its representative row. */
    public record Cluster(int[] members, int representative) {

        public int size() {
            return members.length;
        }
    }

    /**
     * The clusters at cosine {@code threshold}, largest first (ties: by first member).
     *
     * @param averageLinkage also split each component by average linkage at the same threshold
     * @param check          called often from the kernel's threads (e.g. throws when the task was cancelled)
     */
    public List<Cluster> cluster(float threshold, boolean averageLinkage, Runnable check) {
        int[] labels = components(threshold, check);
        if (averageLinkage) {
            labels = averageLinkage(labels, threshold, check);
        }
        return clusters(labels);
    }

    /** The label (root row) of each row's connected component at {@code threshold}. */
    public int[] components(float threshold, Runnable check) {
        UnionFind sets = new UnionFind(n);
        int tiles = (n + TILE - 1) / TILE;
        int[] all = new int[tiles];
        for (int t = 0; t < tiles; t++) {
            all[t] = t;
        }
        scoreTiles(all, threshold, check, sets);
        int[] labels = new int[n];
        for (int row = 0; row < n; row++) {
            labels[row] = sets.find(row);
        }
        return labels;
    }

    /** A current cluster that holds members of several previous clusters. */
    public record Merge(int[] previousClusters, int cluster) {
    }

    /** A previous cluster whose remaining members now lie in several current clusters. */
    public record Split(int previousCluster, int[] clusters) {
    }

    /**
     * An incremental run: the clusters (indices as in {@link #cluster}) with the merges and splits against
     * the previous clusters.
     */
    public record Incremental(List<Cluster> clusters, List<Merge> merges, List<Split> splits) {
    }

    /**
     * Single-linkage clusters of previous clusters plus new rows, equal (as a partition) to
     * {@code cluster(threshold, false, check)} of the same rows. Rows {@code [0, newCount)} are new, rows
     * {@code [newCount, n)} are the remaining members of the previous clusters. Exact because the previous
     * clusters were the components of the previous rows: no edge joins two of them, so old × old pairs need
     * not be scored; a previous cluster that lost members ({@code shrunk}) is re-checked inside itself
     * (connected components of its remaining members), the others stay connected. New rows are scored
     * against every later row (new × new and new × old) by the blocked kernel.
     *
     * @param previousCluster the previous cluster of each old row ({@code previousCluster[row - newCount]})
     * @param shrunk          per previous cluster: some of its members are gone
     */
    public Incremental addTo(int newCount, int[] previousCluster, boolean[] shrunk, float threshold,
            Runnable check) {
        UnionFind sets = new UnionFind(n);
        int newTiles = (newCount + TILE - 1) / TILE;
        int[] tiles = new int[newTiles];
        for (int t = 0; t < newTiles; t++) {
            tiles[t] = t;
        }
        // tiles holding new rows against every later tile; a boundary tile also scores some old × old pairs,
        // which are real edges too and change nothing
        scoreTiles(tiles, threshold, check, sets);
        int previousCount = shrunk.length;
        int[][] members = membersOf(newCount, previousCluster, previousCount);
        long[] pairs = new long[1024];
        for (int c = 0; c < previousCount; c++) {
            int[] rows = members[c];
            int count = 0;
            if (!shrunk[c]) {
                for (int k = 1; k < rows.length; k++) {
                    pairs = grow(pairs, count);
                    pairs[count++] = (long) rows[0] << 32 | rows[k];
                }
            } else {
                check.run();
                for (int a = 0; a < rows.length; a++) {
                    for (int b = a + 1; b < rows.length; b++) {
                        if (dot(rows[a], rows[b]) >= threshold) {
                            pairs = grow(pairs, count);
                            pairs[count++] = (long) rows[a] << 32 | rows[b];
                        }
                    }
                }
            }
            sets.unionAll(pairs, count);
        }
        int[] labels = new int[n];
        for (int row = 0; row < n; row++) {
            labels[row] = sets.find(row);
        }
        List<Cluster> clusters = clusters(labels);
        int[] clusterOf = new int[n];
        for (int i = 0; i < clusters.size(); i++) {
            for (int row : clusters.get(i).members()) {
                clusterOf[row] = i;
            }
        }
        List<Merge> merges = new ArrayList<>();
        for (int i = 0; i < clusters.size(); i++) {
            int[] before = clusters.get(i).members().length < 2 ? new int[0] : Arrays.stream(clusters.get(i).members())
                    .filter(row -> row >= newCount).map(row -> previousCluster[row - newCount]).distinct().sorted()
                    .toArray();
            if (before.length > 1) {
                merges.add(new Merge(before, i));
            }
        }
        List<Split> splits = new ArrayList<>();
        for (int c = 0; c < previousCount; c++) {
            int[] after = Arrays.stream(members[c]).map(row -> clusterOf[row]).distinct().sorted().toArray();
            if (after.length > 1) {
                splits.add(new Split(c, after));
            }
        }
        return new Incremental(clusters, merges, splits);
    }

    private int[][] membersOf(int newCount, int[] previousCluster, int previousCount) {
        int[] count = new int[previousCount];
        for (int row = newCount; row < n; row++) {
            count[previousCluster[row - newCount]]++;
        }
        int[][] members = new int[previousCount][];
        for (int c = 0; c < previousCount; c++) {
            members[c] = new int[count[c]];
        }
        int[] filled = new int[previousCount];
        for (int row = newCount; row < n; row++) {
            int c = previousCluster[row - newCount];
            members[c][filled[c]++] = row;
        }
        return members;
    }

    private static long[] grow(long[] pairs, int count) {
        return count < pairs.length ? pairs : Arrays.copyOf(pairs, pairs.length * 2);
    }

    /**
     * For benchmarks: the work a full run does for the given row tiles (each against itself and every later
     * tile); returns the number of pairs scored.
     */
    public long scoreTilesOf(int[] rowTiles, float threshold) {
        scoreTiles(rowTiles, threshold, () -> { }, new UnionFind(n));
        int tiles = (n + TILE - 1) / TILE;
        long pairs = 0;
        for (int tile : rowTiles) {
            int rows = Math.min(n, tile * TILE + TILE) - tile * TILE;
            pairs += (long) rows * (rows - 1) / 2;
            for (int other = tile + 1; other < tiles; other++) {
                pairs += (long) rows * (Math.min(n, other * TILE + TILE) - other * TILE);
            }
        }
        return pairs;
    }

    /** Rows per tile of the kernel. */
    public static int tile() {
        return TILE;
    }

    private void scoreTiles(int[] rowTiles, float threshold, Runnable check, UnionFind sets) {
        int tiles = (n + TILE - 1) / TILE;
        PairKernel.inParallel(rowTiles.length, threads, "cluster-kernel-", () -> {
            Edges edges = new Edges(sets);
            return at -> {
                int tile = rowTiles[at];
                check.run();
                int from = tile * TILE;
                int to = Math.min(n, from + TILE);
                for (int other = tile; other < tiles; other++) {
                    scoreTiles(from, to, other * TILE, Math.min(n, other * TILE + TILE), threshold, edges);
                }
                edges.flush();
            };
        });
    }

    /**
     * Scores rows {@code [i0, i1)} against rows {@code [j0, j1)}; pairs {@code i < j} at or above the threshold
     * go to {@code edges} (on a diagonal tile the kernel also scores the lower triangle: 1/tiles of the work).
     */
    private void scoreTiles(int i0, int i1, int j0, int j1, float threshold, Edges edges) {
        PairKernel.score(data, i0, i1, data, j0, j1, d, threshold, (i, j, score) -> {
            if (i < j) {
                edges.add(i, j);
            }
        });
    }

    /** {@code row_a · row_b} with the same vector arithmetic as the kernel. */
    public float dot(int a, int b) {
        return PairKernel.dot(data, a * d, data, b * d, d);
    }

    /**
     * Average linkage inside each component: the closest parts (highest average pairwise similarity) merge
     * while that average is at least the threshold; a component then falls into the parts that did not merge.
     * Components larger than {@link #MAX_LINKAGE_COMPONENT} are kept whole.
     */
    int[] averageLinkage(int[] labels, float threshold, Runnable check) {
        int[] refined = labels.clone();
        for (Cluster component : clusters(labels)) {
            int m = component.size();
            if (m < 3 || m > MAX_LINKAGE_COMPONENT) {
                continue; // two rows joined by an edge are also an average-linkage pair
            }
            check.run();
            int[] rows = component.members();
            // sums[a][b]: total similarity between parts a and b (parts start as single rows)
            double[][] sums = new double[m][m];
            for (int a = 0; a < m; a++) {
                for (int b = a + 1; b < m; b++) {
                    double s = dot(rows[a], rows[b]);
                    sums[a][b] = s;
                    sums[b][a] = s;
                }
            }
            int[] size = new int[m];
            Arrays.fill(size, 1);
            boolean[] alive = new boolean[m];
            Arrays.fill(alive, true);
            int[] part = new int[m];
            for (int a = 0; a < m; a++) {
                part[a] = a;
            }
            int[] best = new int[m];
            for (int a = 0; a < m; a++) {
                best[a] = closest(a, sums, size, alive, m);
            }
            while (true) {
                int a = -1;
                double top = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < m; c++) {
                    if (alive[c] && best[c] >= 0) {
                        double avg = sums[c][best[c]] / ((double) size[c] * size[best[c]]);
                        if (avg > top) {
                            top = avg;
                            a = c;
                        }
                    }
                }
                if (a < 0 || top < threshold) {
                    break;
                }
                int b = best[a];
                // b joins a
                for (int c = 0; c < m; c++) {
                    if (alive[c] && c != a && c != b) {
                        sums[a][c] += sums[b][c];
                        sums[c][a] = sums[a][c];
                    }
                }
                size[a] += size[b];
                alive[b] = false;
                for (int r = 0; r < m; r++) {
                    if (part[r] == b) {
                        part[r] = a;
                    }
                }
                for (int c = 0; c < m; c++) {
                    if (!alive[c]) {
                        continue;
                    }
                    if (c == a || best[c] == a || best[c] == b) {
                        best[c] = closest(c, sums, size, alive, m);
                    } else if (sums[c][a] / ((double) size[c] * size[a])
                            > sums[c][best[c]] / ((double) size[c] * size[best[c]])) {
                        best[c] = a;
                    }
                }
            }
            for (int r = 0; r < m; r++) {
                refined[rows[r]] = rows[part[r]];
            }
        }
        return refined;
    }

    private static int closest(int a, double[][] sums, int[] size, boolean[] alive, int m) {
        int best = -1;
        double top = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < m; c++) {
            if (c != a && alive[c]) {
                double avg = sums[a][c] / ((double) size[a] * size[c]);
                if (avg > top) {
                    top = avg;
                    best = c;
                }
            }
        }
        return best;
    }

    /** Groups rows by label; each cluster with its representative (closest to the centroid). */
    public List<Cluster> clusters(int[] labels) {
        int[] count = new int[n];
        for (int label : labels) {
            count[label]++;
        }
        int[][] members = new int[n][];
        int[] filled = new int[n];
        for (int row = 0; row < n; row++) {
            int label = labels[row];
            if (members[label] == null) {
                members[label] = new int[count[label]];
            }
            members[label][filled[label]++] = row;
        }
        List<Cluster> clusters = new ArrayList<>();
        float[] centroid = new float[d];
        for (int label = 0; label < n; label++) {
            int[] rows = members[label];
            if (rows == null) {
                continue;
            }
            clusters.add(new Cluster(rows, rows.length <= 2 ? rows[0] : representative(rows, centroid)));
        }
        clusters.sort(Comparator.comparingInt(Cluster::size).reversed().thenComparingInt(c -> c.members()[0]));
        return clusters;
    }

    private int representative(int[] rows, float[] centroid) {
        Arrays.fill(centroid, 0f);
        for (int row : rows) {
            int at = row * d;
            for (int k = 0; k < d; k++) {
                centroid[k] += data[at + k];
            }
        }
        int best = rows[0];
        double top = Double.NEGATIVE_INFINITY;
        for (int row : rows) {
            double s = 0;
            int at = row * d;
            for (int k = 0; k < d; k++) {
                s += data[at + k] * centroid[k];
            }
            if (s > top) {
                top = s;
                best = row;
            }
        }
        return best;
    }

    /** Union-find over rows (path halving, union by index), shared by the kernel threads under its lock. */
    static final class UnionFind {

        private final int[] parent;

        UnionFind(int n) {
            parent = new int[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
            }
        }

        synchronized int find(int x) {
            return root(x);
        }

        private int root(int x) {
            while (parent[x] != x) {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        synchronized void unionAll(long[] pairs, int count) {
            for (int i = 0; i < count; i++) {
                int a = root((int) (pairs[i] >>> 32));
                int b = root((int) pairs[i]);
                if (a != b) {
                    // the smaller row is the root: labels are then the first row of each component
                    if (a < b) {
                        parent[b] = a;
                    } else {
                        parent[a] = b;
                    }
                }
            }
        }
    }

    /** A thread's buffer of pairs above the threshold, handed to the union-find in batches. */
    private static final class Edges {

        private final UnionFind sets;
        private final long[] pairs = new long[1 << 14];
        private int count;

        Edges(UnionFind sets) {
            this.sets = sets;
        }

        void add(int a, int b) {
            pairs[count++] = (long) a << 32 | (b & 0xffffffffL);
            if (count == pairs.length) {
                flush();
            }
        }

        void flush() {
            if (count > 0) {
                sets.unionAll(pairs, count);
                count = 0;
            }
        }
    }
}

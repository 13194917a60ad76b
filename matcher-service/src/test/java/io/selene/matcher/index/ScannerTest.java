package io.selene.matcher.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SIMD scans give the same answer as a plain double-precision loop over every row. */
class ScannerTest {

    private static final int D = 512;
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final Scanner scanner = new Scanner(workers, 2);

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    static float[] unit(Random random) {
        float[] v = new float[D];
        double norm = 0;
        for (int i = 0; i < D; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < D; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    /** A unit vector at cosine ≈ {@code similarity} to {@code base}. */
    static float[] near(float[] base, double similarity, Random random) {
        float[] noise = unit(random);
        float[] v = new float[D];
        double norm = 0;
        double orthogonal = Math.sqrt(1 - similarity * similarity);
        for (int i = 0; i < D; i++) {
            v[i] = (float) (similarity * base[i] + orthogonal * noise[i]);
            norm += v[i] * v[i];
        }
        for (int i = 0; i < D; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static DescriptorMatrix gallery(int n, Random random) {
        DescriptorMatrix matrix = new DescriptorMatrix(D, 254f);
        for (int i = 0; i < n; i++) {
            matrix.put(new UUID(0, i), unit(random));
        }
        return matrix;
    }

    private static int[] bruteForce(DescriptorMatrix matrix, float[] query, int k) {
        return bruteForceAll(matrix, new float[][] {query}, k)[0];
    }

    private static double cosine(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static int[] rows(TopK.Hit[] hits) {
        return Arrays.stream(hits).mapToInt(TopK.Hit::row).toArray();
    }

    @Test
    void exactScanEqualsBruteForceForEveryReferenceOfABatch() {
        Random random = new Random(7);
        try (DescriptorMatrix matrix = gallery(40_000, random)) {
            float[][] references = new float[7][];
            for (int q = 0; q < references.length; q++) {
                references[q] = q % 2 == 0 ? near(matrix.row(q * 1000), 0.8, random) : unit(random);
            }
            TopK.Hit[][] hits = scanner.exact(matrix, references, 10, -1f);
            for (int q = 0; q < references.length; q++) {
                assertThat(rows(hits[q])).as("reference " + q).containsExactly(bruteForce(matrix, references[q], 10));
                assertThat(hits[q][0].score()).isCloseTo((float) cosine(matrix.row(hits[q][0].row()), references[q]),
                        org.assertj.core.data.Offset.offset(1e-5f));
            }
            assertThat(hits[0][0].row()).isZero();
        }
    }

    @Test
    void blockedBatchKernelsHandleOddRowsAndPartialReferenceGroups() {
        // 32,771 rows: two workers get odd-sized ranges (the two-row kernel's tail), and 5 references
        // leave a partial group of the four-reference kernel; single and batched answers must agree.
        Random random = new Random(19);
        try (DescriptorMatrix matrix = gallery(32_771, random)) {
            float[][] references = new float[5][];
            for (int q = 0; q < references.length; q++) {
                references[q] = near(matrix.row(matrix.size() - 1 - q * 3), 0.7, random);
            }
            TopK.Hit[][] exact = scanner.exact(matrix, references, 10, -1f);
            TopK.Hit[][] quantised = scanner.quantised(matrix, references, 10, -1f, 100);
            int agree = 0;
            for (int q = 0; q < references.length; q++) {
                int[] truth = bruteForce(matrix, references[q], 10);
                assertThat(rows(exact[q])).as("exact batch, reference " + q).containsExactly(truth);
                assertThat(rows(scanner.exact(matrix, new float[][] {references[q]}, 10, -1f)[0]))
                        .as("exact single, reference " + q).containsExactly(truth);
                assertThat(quantised[q][0].row()).isEqualTo(matrix.size() - 1 - q * 3);
                for (int row : rows(quantised[q])) {
                    if (Arrays.stream(truth).anyMatch(r -> r == row)) {
                        agree++;
                    }
                }
                for (TopK.Hit hit : quantised[q]) {
                    assertThat(hit.score()).isCloseTo((float) cosine(matrix.row(hit.row()), references[q]),
                            org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
            assertThat(agree).isGreaterThanOrEqualTo(49);
        }
    }

    @Test
    void thresholdAndLimitCutTheResults() {
        Random random = new Random(11);
        try (DescriptorMatrix matrix = gallery(5_000, random)) {
            float[] base = matrix.row(42);
            matrix.put(new UUID(1, 1), near(base, 0.9, random));
            matrix.put(new UUID(1, 2), near(base, 0.7, random));
            TopK.Hit[] hits = scanner.exact(matrix, new float[][] {base}, 50, 0.6f)[0];

            assertThat(hits).hasSize(3);
            assertThat(matrix.id(hits[0].row())).isEqualTo(new UUID(0, 42));
            assertThat(hits[0].score()).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
            assertThat(matrix.id(hits[1].row())).isEqualTo(new UUID(1, 1));
            assertThat(matrix.id(hits[2].row())).isEqualTo(new UUID(1, 2));
            assertThat(scanner.exact(matrix, new float[][] {base}, 2, 0.6f)[0]).hasSize(2);
        }
    }

    @Test
    void quantisedScanWithReRankMatchesExactTop10() {
        Random random = new Random(3);
        try (DescriptorMatrix matrix = gallery(60_000, random)) {
            int agree = 0;
            int total = 0;
            for (int q = 0; q < 20; q++) {
                float[] reference = q % 2 == 0 ? near(matrix.row(q * 997), 0.6, random) : unit(random);
                int[] exact = rows(scanner.exact(matrix, new float[][] {reference}, 10, -1f)[0]);
                int[] quantised = rows(scanner.quantised(matrix, new float[][] {reference}, 10, -1f, 100)[0]);
                for (int row : quantised) {
                    total++;
                    if (Arrays.stream(exact).anyMatch(r -> r == row)) {
                        agree++;
                    }
                }
            }
            assertThat((double) agree / total).isGreaterThanOrEqualTo(0.995);
        }
    }

    @Test
    void removedRowsAreNeverReturnedAndReplacedRowsMove() {
        Random random = new Random(5);
        try (DescriptorMatrix matrix = gallery(1_000, random)) {
            float[] first = matrix.row(0);
            assertThat(matrix.remove(new UUID(0, 0))).isTrue();
            assertThat(matrix.remove(new UUID(0, 0))).isFalse();
            assertThat(matrix.size()).isEqualTo(999);
            TopK.Hit[] hits = scanner.exact(matrix, new float[][] {first}, 5, -1f)[0];
            assertThat(Arrays.stream(hits).map(h -> matrix.id(h.row()))).doesNotContain(new UUID(0, 0));
            // The last row moved into the hole and is still found by its own vector.
            float[] last = matrix.row(0);
            assertThat(matrix.id(scanner.exact(matrix, new float[][] {last}, 1, -1f)[0][0].row()))
                    .isEqualTo(new UUID(0, 999));
        }
    }

    /** Every row's cosine with every reference in double precision, then the top k by (score desc, row asc). */
    private static int[][] bruteForceAll(DescriptorMatrix matrix, float[][] references, int k) {
        float[][] rows = new float[matrix.size()][];
        for (int row = 0; row < rows.length; row++) {
            rows[row] = matrix.row(row);
        }
        int[][] top = new int[references.length][];
        for (int q = 0; q < references.length; q++) {
            double[] scores = new double[rows.length];
            for (int row = 0; row < rows.length; row++) {
                scores[row] = cosine(rows[row], references[q]);
            }
            top[q] = IntStream.range(0, rows.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer row) -> -scores[row]).thenComparingInt(row -> row))
                    .limit(k).mapToInt(Integer::intValue).toArray();
        }
        return top;
    }

    @Test
    void everyBatchSizeFrom1To70EqualsBruteForceAndTheSingleReferenceScores() {
        // 1,003 rows: one thread, a partly filled last block; every batch size exercises full and
        // partial groups of the four-reference tile and clamped block tiles.
        Random random = new Random(23);
        try (DescriptorMatrix matrix = gallery(1_003, random)) {
            float[][] references = new float[70][];
            for (int q = 0; q < references.length; q++) {
                references[q] = q % 3 == 0 ? near(matrix.row(q * 13), 0.75, random) : unit(random);
            }
            int[][] truth = bruteForceAll(matrix, references, 5);
            TopK.Hit[][] singles = new TopK.Hit[references.length][];
            for (int q = 0; q < references.length; q++) {
                singles[q] = scanner.exact(matrix, new float[][] {references[q]}, 5, -1f)[0];
                assertThat(rows(singles[q])).as("single " + q).containsExactly(truth[q]);
            }
            for (int batch = 1; batch <= references.length; batch++) {
                TopK.Hit[][] hits = scanner.exact(matrix, Arrays.copyOf(references, batch), 5, -1f);
                for (int q = 0; q < batch; q++) {
                    // Same rows and the same float scores, bit for bit, whichever kernel scored them.
                    assertThat(hits[q]).as("batch " + batch + ", reference " + q).containsExactly(singles[q]);
                }
            }
            TopK.Hit[][] quantised = scanner.quantised(matrix, references, 5, -1f, 50);
            for (int q = 0; q < references.length; q++) {
                assertThat(quantised[q]).as("int8 + re-rank, reference " + q).containsExactly(singles[q]);
            }
        }
    }

    @Test
    void twoThreadBatchesOfOddSizesEqualBruteForce() {
        // 40,007 rows: over the parallel threshold, so blocks are handed out in chunks to two
        // threads; the last block holds 7 rows (the unused lanes must never be returned).
        Random random = new Random(29);
        try (DescriptorMatrix matrix = gallery(40_007, random)) {
            float[][] references = new float[70][];
            for (int q = 0; q < references.length; q++) {
                references[q] = q % 2 == 0 ? near(matrix.row(matrix.size() - 1 - q * 571), 0.7, random) : unit(random);
            }
            int[][] truth = bruteForceAll(matrix, references, 10);
            for (int batch : new int[] {1, 2, 3, 5, 16, 17, 64, 70}) {
                TopK.Hit[][] hits = scanner.exact(matrix, Arrays.copyOf(references, batch), 10, -1f);
                for (int q = 0; q < batch; q++) {
                    assertThat(rows(hits[q])).as("batch " + batch + ", reference " + q).containsExactly(truth[q]);
                }
            }
            TopK.Hit[][] quantised = scanner.quantised(matrix, references, 10, -1f, 100);
            int agree = 0;
            for (int q = 0; q < references.length; q++) {
                for (int row : rows(quantised[q])) {
                    int found = row;
                    agree += Arrays.stream(truth[q]).anyMatch(r -> r == found) ? 1 : 0;
                }
                assertThat(quantised[q][0].row()).as("int8 best, reference " + q).isEqualTo(truth[q][0]);
            }
            assertThat(agree / 700.0).as("int8 + re-rank recall@10").isGreaterThanOrEqualTo(0.999);
        }
    }

    @Test
    void identicalRowsTieAndTheLowerRowsWinAcrossBlocksAndThreads() {
        Random random = new Random(31);
        try (DescriptorMatrix matrix = gallery(40_000, random)) {
            float[] twin = unit(random);
            int[] places = {39_999, 5, 33_000, 17, 20_001};
            for (int row : places) {
                matrix.put(matrix.id(row), twin);
            }
            for (int batch : new int[] {1, 6}) {
                float[][] references = new float[batch][];
                Arrays.fill(references, twin);
                for (TopK.Hit[] hits : scanner.exact(matrix, references, 3, -1f)) {
                    assertThat(rows(hits)).containsExactly(5, 17, 20_001);
                    assertThat(hits[0].score()).isEqualTo(hits[2].score());
                }
                for (TopK.Hit[] hits : scanner.quantised(matrix, references, 3, -1f, 100)) {
                    assertThat(rows(hits)).containsExactly(5, 17, 20_001);
                }
            }
        }
    }

    @Test
    void anyDimensionWorksAndRowsSurviveRemovalsAcrossBlocks() {
        // 20 components (not a multiple of a vector) and 50 rows spread over several blocks.
        Random random = new Random(37);
        try (DescriptorMatrix matrix = new DescriptorMatrix(20, 100f)) {
            float[][] values = new float[50][20];
            for (int i = 0; i < values.length; i++) {
                for (int c = 0; c < 20; c++) {
                    values[i][c] = (float) random.nextGaussian();
                }
                matrix.put(new UUID(0, i), values[i]);
            }
            // Remove from the middle (the last row moves into the hole) and the last row itself.
            matrix.remove(new UUID(0, 7));
            matrix.remove(new UUID(0, 48));
            assertThat(matrix.size()).isEqualTo(48);
            for (int row = 0; row < matrix.size(); row++) {
                int original = (int) matrix.id(row).getLeastSignificantBits();
                assertThat(matrix.row(row)).as("row " + row).containsExactly(values[original]);
            }
            assertThat(matrix.id(7)).isEqualTo(new UUID(0, 49));
            float[] reference = values[30];
            TopK.Hit[] hits = scanner.exact(matrix, new float[][] {reference, values[31]}, 48, -1e9f)[0];
            assertThat(hits).hasSize(48);
            assertThat(matrix.id(hits[0].row())).isEqualTo(new UUID(0, 30));
            for (TopK.Hit hit : hits) {
                assertThat((double) hit.score()).isCloseTo(cosine(matrix.row(hit.row()), reference),
                        org.assertj.core.data.Offset.offset(1e-3));
            }
        }
    }

    @Test
    void topKKeepsTheBestAndBreaksTiesByRow() {
        TopK top = new TopK(3, 0.1f);
        float[] scores = {0.5f, 0.05f, 0.9f, 0.5f, 0.7f, 0.2f};
        for (int row = 0; row < scores.length; row++) {
            top.offer(scores[row], row);
        }
        assertThat(rows(top.sorted())).containsExactly(2, 4, 0);
    }
}

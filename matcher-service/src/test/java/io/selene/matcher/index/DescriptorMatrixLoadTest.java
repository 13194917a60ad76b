package io.selene.matcher.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A matrix loaded with a reservation and in batches holds and scans exactly as one grown row by row. */
class DescriptorMatrixLoadTest {

    private static final int D = 512;
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final Scanner scanner = new Scanner(workers, 2);

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    private static void assertSame(DescriptorMatrix loaded, DescriptorMatrix grown) {
        assertThat(loaded.size()).isEqualTo(grown.size());
        for (int row = 0; row < grown.size(); row++) {
            assertThat(loaded.id(row)).as("id of row " + row).isEqualTo(grown.id(row));
            assertThat(loaded.row(row)).as("row " + row).containsExactly(grown.row(row));
        }
        long values = (long) grown.blocks() * DescriptorMatrix.BLOCK * D;
        assertThat(loaded.blocks()).isEqualTo(grown.blocks());
        assertThat(loaded.floats().asSlice(0, values * Float.BYTES).mismatch(grown.floats().asSlice(0, values * Float.BYTES)))
                .as("fp32 blocks, unused lanes included").isEqualTo(-1L);
        assertThat(loaded.codes().asSlice(0, values).mismatch(grown.codes().asSlice(0, values)))
                .as("int8 blocks, unused lanes included").isEqualTo(-1L);
    }

    private static void assertSameScans(Scanner scanner, DescriptorMatrix loaded, DescriptorMatrix grown, Random random) {
        float[][] references = {ScannerTest.near(grown.row(grown.size() / 3), 0.8, random), ScannerTest.unit(random)};
        TopK.Hit[][] a = scanner.exact(loaded, references, 10, -1f);
        TopK.Hit[][] b = scanner.exact(grown, references, 10, -1f);
        TopK.Hit[][] qa = scanner.quantised(loaded, references, 10, -1f, 100);
        TopK.Hit[][] qb = scanner.quantised(grown, references, 10, -1f, 100);
        for (int q = 0; q < references.length; q++) {
            assertThat(a[q]).as("exact hits of reference " + q).containsExactly(b[q]);
            assertThat(qa[q]).as("quantised hits of reference " + q).containsExactly(qb[q]);
        }
    }

    @Test
    void reservedBatchLoadEqualsRowByRowGrowth() {
        Random random = new Random(3);
        int n = 5_003; // several doublings from 1024 and a partial last block
        UUID[] ids = new UUID[n];
        float[][] values = new float[n][];
        for (int i = 0; i < n; i++) {
            ids[i] = new UUID(1, i);
            values[i] = ScannerTest.unit(random);
        }
        try (DescriptorMatrix grown = new DescriptorMatrix(D, 254f);
             DescriptorMatrix loaded = new DescriptorMatrix(D, 254f)) {
            for (int i = 0; i < n; i++) {
                grown.put(ids[i], values[i]);
            }
            loaded.reserve(n);
            // Batches of an odd size, so they start and end inside blocks.
            for (int from = 0; from < n; from += 997) {
                int count = Math.min(997, n - from);
                UUID[] batchIds = new UUID[count];
                float[][] batch = new float[count][];
                System.arraycopy(ids, from, batchIds, 0, count);
                System.arraycopy(values, from, batch, 0, count);
                loaded.putAll(batchIds, batch, count);
            }
            assertSame(loaded, grown);
            assertSameScans(scanner, loaded, grown, random);
        }
    }

    @Test
    void batchesReplaceKnownRowsAndGrowBeyondTheReservation() {
        Random random = new Random(5);
        try (DescriptorMatrix grown = new DescriptorMatrix(D, 254f);
             DescriptorMatrix loaded = new DescriptorMatrix(D, 254f)) {
            loaded.reserve(100);
            for (int round = 0; round < 4; round++) {
                // 700 new ids, then replacements of earlier ids, a repeated id, and a removal in between.
                int count = 1_000;
                UUID[] batchIds = new UUID[count];
                float[][] batch = new float[count][];
                for (int i = 0; i < count; i++) {
                    batchIds[i] = i < 700 ? new UUID(2, round * 700 + i) : new UUID(2, random.nextInt((round + 1) * 700));
                    batch[i] = ScannerTest.unit(random);
                    grown.put(batchIds[i], batch[i]);
                }
                loaded.putAll(batchIds, batch, count);
                UUID removed = new UUID(2, random.nextInt((round + 1) * 700));
                assertThat(loaded.remove(removed)).isEqualTo(grown.remove(removed));
            }
            assertSame(loaded, grown);
            assertSameScans(scanner, loaded, grown, random);
        }
    }

    @Test
    void vectorQuantisationGivesTheScalarCodesAtEveryRoundingEdge() {
        Random random = new Random(11);
        float[] values = new float[DescriptorMatrix.BLOCK * 4096];
        byte[] codes = new byte[values.length];
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < values.length; i++) {
                float half = (random.nextInt(400) - 200 + 0.5f) / 254f; // near a code's rounding edge
                values[i] = switch (random.nextInt(5)) {
                    case 0 -> (float) (random.nextGaussian() / 10);
                    case 1 -> Math.nextUp(half);
                    case 2 -> Math.nextDown(half);
                    case 3 -> half;
                    default -> Float.intBitsToFloat(random.nextInt()); // any float: huge, tiny, infinite, NaN
                };
            }
            values[0] = Float.NaN;
            values[1] = Float.POSITIVE_INFINITY;
            values[2] = -0.5f / 254f;
            DescriptorMatrix.quantise(values, codes, 254f);
            for (int i = 0; i < values.length; i++) {
                assertThat(codes[i]).as("code of " + values[i]).isEqualTo(DescriptorMatrix.quantise(values[i], 254f));
            }
        }
    }

    @Test
    void reserveNeverShrinksAndABatchWithAWrongLengthStoresNothing() {
        Random random = new Random(9);
        try (DescriptorMatrix matrix = new DescriptorMatrix(D, 254f)) {
            UUID[] ids = new UUID[3000];
            float[][] values = new float[3000][];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = new UUID(3, i);
                values[i] = ScannerTest.unit(random);
            }
            matrix.putAll(ids, values, ids.length);
            matrix.reserve(10);
            assertThat(matrix.size()).isEqualTo(3000);
            assertThat(matrix.row(2999)).containsExactly(values[2999]);
            assertThatThrownBy(() -> matrix.putAll(new UUID[] {new UUID(4, 0), new UUID(4, 1)},
                    new float[][] {ScannerTest.unit(random), new float[3]}, 2))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(matrix.size()).isEqualTo(3000);
            assertThat(matrix.contains(new UUID(4, 0))).isFalse();
        }
    }
}

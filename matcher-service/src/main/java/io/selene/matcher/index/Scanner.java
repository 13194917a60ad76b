package io.selene.matcher.index;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Scans a {@link DescriptorMatrix} for the best matches of several references at once.
 *
 * <p>Exact: fp32 dot products with the Vector API. Each row is read from memory once per call and
 * compared with every reference while it sits in cache, so a batch of references costs about one
 * pass over the gallery. Quantised: the same pass over the int8 codes (a quarter of the bytes),
 * keeping more candidates than asked, then an exact fp32 re-rank of those candidates only.
 * Rows are split into contiguous ranges, one per worker; each worker keeps its own top-k per
 * reference and the results are merged.
 */
public final class Scanner {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_64;
    private static final VectorSpecies<Float> FLOATS_8 = FloatVector.SPECIES_256;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    /** References compared per row while it is in registers/L1. */
    private static final int QUERY_GROUP = 4;
    /** Below this many rows a single thread is faster than handing work out. */
    private static final int PARALLEL_THRESHOLD = 32_768;

    private final ExecutorService workers;
    private final int parallelism;

    public Scanner(ExecutorService workers, int parallelism) {
        this.workers = workers;
        this.parallelism = Math.max(1, parallelism);
    }

    /** Exact top-{@code limit} rows by cosine for each reference (unit vectors), scores ≥ threshold. */
    public TopK.Hit[][] exact(DescriptorMatrix matrix, float[][] references, int limit, float threshold) {
        checkDimensions(matrix, references);
        TopK[] merged = run(matrix.size(), references.length, limit, threshold,
                (from, to, tops) -> exactRange(matrix, flatten(references), references.length, from, to, tops));
        return sorted(merged);
    }

    /**
     * int8 scan keeping {@code candidates} per reference, then exact re-rank; returns the same
     * answer as {@link #exact} whenever the true top-{@code limit} is among the int8 candidates.
     */
    public TopK.Hit[][] quantised(DescriptorMatrix matrix, float[][] references, int limit, float threshold,
            int candidates) {
        checkDimensions(matrix, references);
        int keep = Math.max(limit, candidates);
        // The int8 score is scaled; a safety margin keeps rows near the threshold for the exact check.
        float approximateThreshold = threshold - 0.05f;
        float[] scaled = flatten(references);
        TopK[] approximate = run(matrix.size(), references.length, keep, approximateThreshold,
                (from, to, tops) -> int8Range(matrix, scaled, references.length, from, to, tops));
        TopK.Hit[][] result = new TopK.Hit[references.length][];
        for (int q = 0; q < references.length; q++) {
            TopK exact = new TopK(limit, threshold);
            for (TopK.Hit hit : approximate[q].sorted()) {
                exact.offer(dot(matrix.floats(), (long) hit.row() * matrix.dimensions(), references[q]), hit.row());
            }
            result[q] = exact.sorted();
        }
        return result;
    }

    @FunctionalInterface
    private interface RangeScan {
        void scan(int from, int to, TopK[] tops);
    }

    private TopK[] run(int rows, int queries, int limit, float threshold, RangeScan scan) {
        int parts = rows < PARALLEL_THRESHOLD ? 1 : parallelism;
        List<TopK[]> partials = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            partials.add(newTops(queries, limit, threshold));
        }
        if (parts == 1) {
            scan.scan(0, rows, partials.getFirst());
        } else {
            List<Future<?>> futures = new ArrayList<>(parts);
            int chunk = (rows + parts - 1) / parts;
            for (int p = 1; p < parts; p++) {
                int from = p * chunk;
                int to = Math.min(rows, from + chunk);
                TopK[] tops = partials.get(p);
                futures.add(workers.submit(() -> scan.scan(from, to, tops)));
            }
            scan.scan(0, Math.min(rows, chunk), partials.getFirst());
            for (Future<?> future : futures) {
                await(future);
            }
        }
        TopK[] merged = partials.getFirst();
        for (int p = 1; p < parts; p++) {
            for (int q = 0; q < queries; q++) {
                merged[q].addAll(partials.get(p)[q]);
            }
        }
        return merged;
    }

    private static void exactRange(DescriptorMatrix matrix, float[] queries, int queryCount, int from, int to,
            TopK[] tops) {
        MemorySegment floats = matrix.floats();
        int d = matrix.dimensions();
        float[] scores = new float[QUERY_GROUP];
        for (int row = from; row < to; row++) {
            long rowOffset = (long) row * d * Float.BYTES;
            for (int q = 0; q < queryCount; q += QUERY_GROUP) {
                int group = Math.min(QUERY_GROUP, queryCount - q);
                dotGroup(floats, rowOffset, queries, q, group, d, scores);
                for (int g = 0; g < group; g++) {
                    tops[q + g].offer(scores[g], row);
                }
            }
        }
    }

    /** Dot products of one row with up to four references, loading each row chunk once. */
    private static void dotGroup(MemorySegment floats, long rowOffset, float[] queries, int first, int group, int d,
            float[] out) {
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = FloatVector.zero(FLOATS);
        FloatVector a2 = FloatVector.zero(FLOATS);
        FloatVector a3 = FloatVector.zero(FLOATS);
        int step = FLOATS.length();
        int q0 = first * d;
        for (int i = 0; i < d; i += step) {
            FloatVector r = FloatVector.fromMemorySegment(FLOATS, floats, rowOffset + (long) i * Float.BYTES, ORDER);
            a0 = r.fma(FloatVector.fromArray(FLOATS, queries, q0 + i), a0);
            if (group > 1) {
                a1 = r.fma(FloatVector.fromArray(FLOATS, queries, q0 + d + i), a1);
            }
            if (group > 2) {
                a2 = r.fma(FloatVector.fromArray(FLOATS, queries, q0 + 2 * d + i), a2);
            }
            if (group > 3) {
                a3 = r.fma(FloatVector.fromArray(FLOATS, queries, q0 + 3 * d + i), a3);
            }
        }
        out[0] = a0.reduceLanes(VectorOperators.ADD);
        out[1] = a1.reduceLanes(VectorOperators.ADD);
        out[2] = a2.reduceLanes(VectorOperators.ADD);
        out[3] = a3.reduceLanes(VectorOperators.ADD);
    }

    private static void int8Range(DescriptorMatrix matrix, float[] queries, int queryCount, int from, int to,
            TopK[] tops) {
        MemorySegment codes = matrix.codes();
        int d = matrix.dimensions();
        float inverse = 1f / matrix.int8Scale();
        for (int row = from; row < to; row++) {
            long rowOffset = (long) row * d;
            for (int q = 0; q < queryCount; q++) {
                FloatVector acc0 = FloatVector.zero(FLOATS_8);
                FloatVector acc1 = FloatVector.zero(FLOATS_8);
                int base = q * d;
                for (int i = 0; i < d; i += 2 * BYTES.length()) {
                    FloatVector c0 = (FloatVector) ByteVector.fromMemorySegment(BYTES, codes, rowOffset + i, ORDER)
                            .convertShape(VectorOperators.B2F, FLOATS_8, 0);
                    FloatVector c1 = (FloatVector) ByteVector.fromMemorySegment(BYTES, codes,
                            rowOffset + i + BYTES.length(), ORDER).convertShape(VectorOperators.B2F, FLOATS_8, 0);
                    acc0 = c0.fma(FloatVector.fromArray(FLOATS_8, queries, base + i), acc0);
                    acc1 = c1.fma(FloatVector.fromArray(FLOATS_8, queries, base + i + BYTES.length()), acc1);
                }
                tops[q].offer(acc0.add(acc1).reduceLanes(VectorOperators.ADD) * inverse, row);
            }
        }
    }

    static float dot(MemorySegment floats, long rowStart, float[] query) {
        FloatVector acc = FloatVector.zero(FLOATS);
        int step = FLOATS.length();
        long offset = rowStart * Float.BYTES;
        for (int i = 0; i < query.length; i += step) {
            acc = FloatVector.fromMemorySegment(FLOATS, floats, offset + (long) i * Float.BYTES, ORDER)
                    .fma(FloatVector.fromArray(FLOATS, query, i), acc);
        }
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private static float[] flatten(float[][] references) {
        int d = references[0].length;
        float[] flat = new float[references.length * d];
        for (int q = 0; q < references.length; q++) {
            System.arraycopy(references[q], 0, flat, q * d, d);
        }
        return flat;
    }

    private static TopK[] newTops(int queries, int limit, float threshold) {
        TopK[] tops = new TopK[queries];
        for (int q = 0; q < queries; q++) {
            tops[q] = new TopK(limit, threshold);
        }
        return tops;
    }

    private static TopK.Hit[][] sorted(TopK[] tops) {
        TopK.Hit[][] hits = new TopK.Hit[tops.length][];
        for (int q = 0; q < tops.length; q++) {
            hits[q] = tops[q].sorted();
        }
        return hits;
    }

    private static void checkDimensions(DescriptorMatrix matrix, float[][] references) {
        if (references.length == 0) {
            throw new IllegalArgumentException("no references");
        }
        int d = matrix.dimensions();
        if (d % (2 * BYTES.length()) != 0 || d % FLOATS.length() != 0) {
            throw new IllegalArgumentException("dimensions must be a multiple of " + 2 * BYTES.length());
        }
        for (float[] reference : references) {
            if (reference.length != d) {
                throw new IllegalArgumentException("reference has " + reference.length + " values, gallery " + d);
            }
        }
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scan interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("scan failed", e.getCause());
        }
    }
}

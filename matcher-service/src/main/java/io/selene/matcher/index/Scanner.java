package io.selene.matcher.index;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

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
 * Rows are handed to the workers in contiguous chunks; each worker keeps its own top-k per
 * reference and the results are merged. Timings against FAISS: docs/benchmarks-matcher.md.
 */
public final class Scanner {

    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_64;
    private static final VectorSpecies<Float> FLOATS_8 = FloatVector.SPECIES_256;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    /** References scored per kernel call (with two rows: eight accumulators). */
    private static final int QUERY_GROUP = 4;
    /** Rows kept in L1 while every reference group passes over them (8 x 2 KiB fp32). */
    private static final int ROW_BLOCK = 8;
    /** int8 rows per block (32 x 512 B). */
    private static final int CODE_BLOCK = 32;
    /** Below this many rows a single thread is faster than handing work out. */
    private static final int PARALLEL_THRESHOLD = 32_768;
    /** Work chunks per worker thread (see run). */
    private static final int CHUNKS_PER_WORKER = 16;
    private static final int CHUNK_MIN_ROWS = 4_096;

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
            // Rows are handed out in chunks from a shared counter rather than as one fixed half per
            // thread: when a core is busy with something else (a shared machine, GC, the OS), the
            // other thread takes over the remaining chunks instead of waiting at the join.
            int chunk = Math.max(CHUNK_MIN_ROWS, (rows + parts * CHUNKS_PER_WORKER - 1) / (parts * CHUNKS_PER_WORKER));
            int chunkCount = (rows + chunk - 1) / chunk;
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>(parts);
            for (int p = 1; p < parts; p++) {
                TopK[] tops = partials.get(p);
                futures.add(workers.submit(() -> scanChunks(scan, next, chunk, chunkCount, rows, tops)));
            }
            scanChunks(scan, next, chunk, chunkCount, rows, partials.getFirst());
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

    private static void scanChunks(RangeScan scan, AtomicInteger next, int chunk, int chunkCount, int rows,
            TopK[] tops) {
        for (int c = next.getAndIncrement(); c < chunkCount; c = next.getAndIncrement()) {
            int from = c * chunk;
            scan.scan(from, Math.min(rows, from + chunk), tops);
        }
    }

    private static void exactRange(DescriptorMatrix matrix, float[] queries, int queryCount, int from, int to,
            TopK[] tops) {
        MemorySegment floats = matrix.floats();
        int d = matrix.dimensions();
        long rowBytes = (long) d * Float.BYTES;
        if (queryCount == 1) {
            // One reference: the scan is memory-bound, so the kernel only has to keep up with the
            // stream (four independent accumulators hide the FMA latency).
            TopK top = tops[0];
            float[] block = new float[ROW_BLOCK * d];
            float[] out = new float[4];
            for (int first = from; first < to; first += ROW_BLOCK) {
                int end = Math.min(to, first + ROW_BLOCK);
                MemorySegment.copy(floats, ValueLayout.JAVA_FLOAT, first * rowBytes, block, 0, (end - first) * d);
                int row = first;
                for (; row + 4 <= end; row += 4) {
                    dot4x1(block, (row - first) * d, queries, d, out);
                    top.offer(out[0], row);
                    top.offer(out[1], row + 1);
                    top.offer(out[2], row + 2);
                    top.offer(out[3], row + 3);
                }
                for (; row < end; row++) {
                    top.offer(dot(block, (row - first) * d, queries, d), row);
                }
            }
            return;
        }
        // Several references: compute-bound. A block of rows stays in L1 while every group of four
        // references passes over it; the kernel scores two rows x four references (eight independent
        // accumulators, enough to keep both FMA pipes busy) and loads each row and reference chunk once.
        // The block is copied to a small heap array first: a bulk copy is as fast as the stream, and
        // array loads in the kernel let the JIT drop the per-access segment checks.
        float[] padded = padToGroup(queries, queryCount, d);
        float[] out = new float[2 * QUERY_GROUP];
        float[] block = new float[ROW_BLOCK * d];
        for (int first = from; first < to; first += ROW_BLOCK) {
            int end = Math.min(to, first + ROW_BLOCK);
            MemorySegment.copy(floats, ValueLayout.JAVA_FLOAT, first * rowBytes, block, 0, (end - first) * d);
            for (int q = 0; q < queryCount; q += QUERY_GROUP) {
                int group = Math.min(QUERY_GROUP, queryCount - q);
                for (int row = first; row < end; row += 2) {
                    int second = row + 1 < end ? row + 1 : row;
                    dot2x4(block, (row - first) * d, (second - first) * d, padded, q * d, d, out);
                    offer(tops, q, group, out, row, second);
                }
            }
        }
    }

    private static void offer(TopK[] tops, int q, int group, float[] out, int row, int second) {
        for (int g = 0; g < group; g++) {
            TopK top = tops[q + g];
            top.offer(out[g], row);
            if (second != row) {
                top.offer(out[QUERY_GROUP + g], second);
            }
        }
    }

    /** Dot products of two rows with four consecutive references of {@code queries} starting at {@code base}. */
    private static void dot2x4(float[] rows, int row0, int row1, float[] queries, int base, int d, float[] out) {
        FloatVector c00 = FloatVector.zero(FLOATS);
        FloatVector c01 = FloatVector.zero(FLOATS);
        FloatVector c02 = FloatVector.zero(FLOATS);
        FloatVector c03 = FloatVector.zero(FLOATS);
        FloatVector c10 = FloatVector.zero(FLOATS);
        FloatVector c11 = FloatVector.zero(FLOATS);
        FloatVector c12 = FloatVector.zero(FLOATS);
        FloatVector c13 = FloatVector.zero(FLOATS);
        int step = FLOATS.length();
        for (int i = 0; i < d; i += step) {
            FloatVector r0 = FloatVector.fromArray(FLOATS, rows, row0 + i);
            FloatVector r1 = FloatVector.fromArray(FLOATS, rows, row1 + i);
            FloatVector q = FloatVector.fromArray(FLOATS, queries, base + i);
            c00 = r0.fma(q, c00);
            c10 = r1.fma(q, c10);
            q = FloatVector.fromArray(FLOATS, queries, base + d + i);
            c01 = r0.fma(q, c01);
            c11 = r1.fma(q, c11);
            q = FloatVector.fromArray(FLOATS, queries, base + 2 * d + i);
            c02 = r0.fma(q, c02);
            c12 = r1.fma(q, c12);
            q = FloatVector.fromArray(FLOATS, queries, base + 3 * d + i);
            c03 = r0.fma(q, c03);
            c13 = r1.fma(q, c13);
        }
        out[0] = c00.reduceLanes(VectorOperators.ADD);
        out[1] = c01.reduceLanes(VectorOperators.ADD);
        out[2] = c02.reduceLanes(VectorOperators.ADD);
        out[3] = c03.reduceLanes(VectorOperators.ADD);
        out[4] = c10.reduceLanes(VectorOperators.ADD);
        out[5] = c11.reduceLanes(VectorOperators.ADD);
        out[6] = c12.reduceLanes(VectorOperators.ADD);
        out[7] = c13.reduceLanes(VectorOperators.ADD);
    }

    private static void int8Range(DescriptorMatrix matrix, float[] queries, int queryCount, int from, int to,
            TopK[] tops) {
        MemorySegment codes = matrix.codes();
        int d = matrix.dimensions();
        float inverse = 1f / matrix.int8Scale();
        // Blocks of codes are copied to a heap array (see exactRange) that stays in L1.
        byte[] block = new byte[CODE_BLOCK * d];
        if (queryCount == 1) {
            TopK top = tops[0];
            for (int first = from; first < to; first += CODE_BLOCK) {
                int end = Math.min(to, first + CODE_BLOCK);
                MemorySegment.copy(codes, ValueLayout.JAVA_BYTE, (long) first * d, block, 0, (end - first) * d);
                for (int row = first; row < end; row++) {
                    top.offer(int8Dot(block, (row - first) * d, queries, d) * inverse, row);
                }
            }
            return;
        }
        // As exactRange: blocks of rows x groups of four references; each int8 chunk is widened to
        // floats once and used for four references.
        float[] padded = padToGroup(queries, queryCount, d);
        float[] out = new float[2 * QUERY_GROUP];
        for (int first = from; first < to; first += CODE_BLOCK) {
            int end = Math.min(to, first + CODE_BLOCK);
            MemorySegment.copy(codes, ValueLayout.JAVA_BYTE, (long) first * d, block, 0, (end - first) * d);
            for (int q = 0; q < queryCount; q += QUERY_GROUP) {
                int group = Math.min(QUERY_GROUP, queryCount - q);
                for (int row = first; row < end; row += 2) {
                    int second = row + 1 < end ? row + 1 : row;
                    int8Dot2x4(block, (row - first) * d, (second - first) * d, padded, q * d, d, out);
                    for (int g = 0; g < 2 * QUERY_GROUP; g++) {
                        out[g] *= inverse;
                    }
                    offer(tops, q, group, out, row, second);
                }
            }
        }
    }

    /** int8 row . fp32 reference, unscaled; four accumulators over 32 codes per step. */
    private static float int8Dot(byte[] codes, int row, float[] query, int d) {
        FloatVector a0 = FloatVector.zero(FLOATS_8);
        FloatVector a1 = FloatVector.zero(FLOATS_8);
        FloatVector a2 = FloatVector.zero(FLOATS_8);
        FloatVector a3 = FloatVector.zero(FLOATS_8);
        int step = BYTES.length();
        int i = 0;
        for (; i <= d - 4 * step; i += 4 * step) {
            a0 = widen(codes, row + i).fma(FloatVector.fromArray(FLOATS_8, query, i), a0);
            a1 = widen(codes, row + i + step).fma(FloatVector.fromArray(FLOATS_8, query, i + step), a1);
            a2 = widen(codes, row + i + 2 * step).fma(FloatVector.fromArray(FLOATS_8, query, i + 2 * step), a2);
            a3 = widen(codes, row + i + 3 * step).fma(FloatVector.fromArray(FLOATS_8, query, i + 3 * step), a3);
        }
        for (; i < d; i += step) {
            a0 = widen(codes, row + i).fma(FloatVector.fromArray(FLOATS_8, query, i), a0);
        }
        return a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    }

    private static void int8Dot2x4(byte[] codes, int row0, int row1, float[] queries, int base, int d, float[] out) {
        FloatVector c00 = FloatVector.zero(FLOATS_8);
        FloatVector c01 = FloatVector.zero(FLOATS_8);
        FloatVector c02 = FloatVector.zero(FLOATS_8);
        FloatVector c03 = FloatVector.zero(FLOATS_8);
        FloatVector c10 = FloatVector.zero(FLOATS_8);
        FloatVector c11 = FloatVector.zero(FLOATS_8);
        FloatVector c12 = FloatVector.zero(FLOATS_8);
        FloatVector c13 = FloatVector.zero(FLOATS_8);
        int step = BYTES.length();
        for (int i = 0; i < d; i += step) {
            FloatVector r0 = widen(codes, row0 + i);
            FloatVector r1 = widen(codes, row1 + i);
            FloatVector q = FloatVector.fromArray(FLOATS_8, queries, base + i);
            c00 = r0.fma(q, c00);
            c10 = r1.fma(q, c10);
            q = FloatVector.fromArray(FLOATS_8, queries, base + d + i);
            c01 = r0.fma(q, c01);
            c11 = r1.fma(q, c11);
            q = FloatVector.fromArray(FLOATS_8, queries, base + 2 * d + i);
            c02 = r0.fma(q, c02);
            c12 = r1.fma(q, c12);
            q = FloatVector.fromArray(FLOATS_8, queries, base + 3 * d + i);
            c03 = r0.fma(q, c03);
            c13 = r1.fma(q, c13);
        }
        out[0] = c00.reduceLanes(VectorOperators.ADD);
        out[1] = c01.reduceLanes(VectorOperators.ADD);
        out[2] = c02.reduceLanes(VectorOperators.ADD);
        out[3] = c03.reduceLanes(VectorOperators.ADD);
        out[4] = c10.reduceLanes(VectorOperators.ADD);
        out[5] = c11.reduceLanes(VectorOperators.ADD);
        out[6] = c12.reduceLanes(VectorOperators.ADD);
        out[7] = c13.reduceLanes(VectorOperators.ADD);
    }

    /** Eight int8 codes as eight floats (vpmovsxbd + vcvtdq2ps). */
    private static FloatVector widen(byte[] codes, int offset) {
        return (FloatVector) ByteVector.fromArray(BYTES, codes, offset)
                .convertShape(VectorOperators.B2F, FLOATS_8, 0);
    }

    /** The references, flat, with zero rows appended up to a multiple of the kernel's group. */
    private static float[] padToGroup(float[] queries, int queryCount, int d) {
        int groups = (queryCount + QUERY_GROUP - 1) / QUERY_GROUP;
        return queries.length == groups * QUERY_GROUP * d ? queries : Arrays.copyOf(queries, groups * QUERY_GROUP * d);
    }

    static float dot(MemorySegment floats, long rowStart, float[] query) {
        return dot(floats, rowStart * Float.BYTES, query, 0, query.length);
    }

    /** Four consecutive rows of a heap block . one reference: one accumulator per row, the reference chunk loaded once. */
    private static void dot4x1(float[] rows, int row, float[] query, int d, float[] out) {
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = FloatVector.zero(FLOATS);
        FloatVector a2 = FloatVector.zero(FLOATS);
        FloatVector a3 = FloatVector.zero(FLOATS);
        FloatVector b0 = FloatVector.zero(FLOATS);
        FloatVector b1 = FloatVector.zero(FLOATS);
        FloatVector b2 = FloatVector.zero(FLOATS);
        FloatVector b3 = FloatVector.zero(FLOATS);
        int step = FLOATS.length();
        for (int i = 0; i < d; i += 2 * step) {
            FloatVector q = FloatVector.fromArray(FLOATS, query, i);
            FloatVector p = FloatVector.fromArray(FLOATS, query, i + step);
            a0 = FloatVector.fromArray(FLOATS, rows, row + i).fma(q, a0);
            a1 = FloatVector.fromArray(FLOATS, rows, row + d + i).fma(q, a1);
            a2 = FloatVector.fromArray(FLOATS, rows, row + 2 * d + i).fma(q, a2);
            a3 = FloatVector.fromArray(FLOATS, rows, row + 3 * d + i).fma(q, a3);
            b0 = FloatVector.fromArray(FLOATS, rows, row + i + step).fma(p, b0);
            b1 = FloatVector.fromArray(FLOATS, rows, row + d + i + step).fma(p, b1);
            b2 = FloatVector.fromArray(FLOATS, rows, row + 2 * d + i + step).fma(p, b2);
            b3 = FloatVector.fromArray(FLOATS, rows, row + 3 * d + i + step).fma(p, b3);
        }
        out[0] = a0.add(b0).reduceLanes(VectorOperators.ADD);
        out[1] = a1.add(b1).reduceLanes(VectorOperators.ADD);
        out[2] = a2.add(b2).reduceLanes(VectorOperators.ADD);
        out[3] = a3.add(b3).reduceLanes(VectorOperators.ADD);
    }

    /** fp32 row at {@code row} of a heap block . reference; four independent accumulators. */
    private static float dot(float[] rows, int row, float[] query, int d) {
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = FloatVector.zero(FLOATS);
        FloatVector a2 = FloatVector.zero(FLOATS);
        FloatVector a3 = FloatVector.zero(FLOATS);
        int step = FLOATS.length();
        int i = 0;
        for (; i <= d - 4 * step; i += 4 * step) {
            a0 = FloatVector.fromArray(FLOATS, rows, row + i).fma(FloatVector.fromArray(FLOATS, query, i), a0);
            a1 = FloatVector.fromArray(FLOATS, rows, row + i + step)
                    .fma(FloatVector.fromArray(FLOATS, query, i + step), a1);
            a2 = FloatVector.fromArray(FLOATS, rows, row + i + 2 * step)
                    .fma(FloatVector.fromArray(FLOATS, query, i + 2 * step), a2);
            a3 = FloatVector.fromArray(FLOATS, rows, row + i + 3 * step)
                    .fma(FloatVector.fromArray(FLOATS, query, i + 3 * step), a3);
        }
        for (; i < d; i += step) {
            a0 = FloatVector.fromArray(FLOATS, rows, row + i).fma(FloatVector.fromArray(FLOATS, query, i), a0);
        }
        return a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
    }

    /** fp32 row (byte offset) . reference at {@code base}; four independent accumulators. */
    private static float dot(MemorySegment floats, long rowBytes, float[] queries, int base, int d) {
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = FloatVector.zero(FLOATS);
        FloatVector a2 = FloatVector.zero(FLOATS);
        FloatVector a3 = FloatVector.zero(FLOATS);
        int step = FLOATS.length();
        int i = 0;
        for (; i <= d - 4 * step; i += 4 * step) {
            long offset = rowBytes + (long) i * Float.BYTES;
            a0 = FloatVector.fromMemorySegment(FLOATS, floats, offset, ORDER)
                    .fma(FloatVector.fromArray(FLOATS, queries, base + i), a0);
            a1 = FloatVector.fromMemorySegment(FLOATS, floats, offset + (long) step * Float.BYTES, ORDER)
                    .fma(FloatVector.fromArray(FLOATS, queries, base + i + step), a1);
            a2 = FloatVector.fromMemorySegment(FLOATS, floats, offset + 2L * step * Float.BYTES, ORDER)
                    .fma(FloatVector.fromArray(FLOATS, queries, base + i + 2 * step), a2);
            a3 = FloatVector.fromMemorySegment(FLOATS, floats, offset + 3L * step * Float.BYTES, ORDER)
                    .fma(FloatVector.fromArray(FLOATS, queries, base + i + 3 * step), a3);
        }
        for (; i < d; i += step) {
            a0 = FloatVector.fromMemorySegment(FLOATS, floats, rowBytes + (long) i * Float.BYTES, ORDER)
                    .fma(FloatVector.fromArray(FLOATS, queries, base + i), a0);
        }
        return a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
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

package io.selene.matcher.index;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Scans a {@link DescriptorMatrix} for the best matches of several references at once.
 *
 * <p>Exact: fp32 dot products with the Vector API over the matrix's blocked layout (a vector holds
 * one component of {@code BLOCK} rows), so an accumulator yields {@code BLOCK} scores with no
 * horizontal sums and one vector compare against the top-k floor tells whether any of them enters.
 * One reference: eight blocks per pass (eight independent accumulators). Several references: tiles
 * of four references x four blocks (sixteen accumulators), each block read from memory once per
 * call while every group of references passes over it, so a batch costs about one pass over the
 * gallery. Quantised: the same kernels over the int8 codes (a quarter of the bytes; batches in tiles
 * of eight references x two blocks), keeping more candidates than asked, then an exact fp32 re-rank
 * of those candidates only. Blocks are handed to
 * the workers in contiguous chunks; each worker keeps its own top-k per reference and the results
 * are merged. Timings against FAISS: docs/benchmarks.md (Matcher section).
 */
public final class Scanner {

    private static final VectorSpecies<Float> FLOATS = DescriptorMatrix.FLOATS;
    private static final int BLOCK = DescriptorMatrix.BLOCK;
    /** BLOCK int8 codes (one block component), widened to {@link #FLOATS}. */
    private static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(BLOCK * 8));
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    /** Blocks per single-reference tile. */
    private static final int SINGLE_TILE = 8;
    /** Blocks x references per batch tile. */
    private static final int BATCH_TILE = 4;
    private static final int QUERY_GROUP = 4;
    /** Blocks x references per int8 batch tile. */
    private static final int INT8_TILE = 2;
    private static final int INT8_QUERY_GROUP = 8;
    /** Components per pass of a batch tile: 4 blocks x 128 x 64 B = 32 KiB of fp32 stays in L1. */
    private static final int COMPONENT_CHUNK = 128;
    /** Below this many rows a single thread is faster than handing work out. */
    private static final int PARALLEL_THRESHOLD = 32_768;
    /** Work chunks per worker thread (see run). */
    private static final int CHUNKS_PER_WORKER = 16;
    /** Smallest chunk, in blocks (a multiple of both tiles, so only the last chunk has a short tile). */
    private static final int CHUNK_MIN_BLOCKS = 256;

    /** Time of one scan, tagged {@code kind} exact|quantised, for the dashboards. */
    public static final String SCAN_TIMER = "selene.matcher.scan";

    private final ExecutorService workers;
    private final int parallelism;
    private final MeterRegistry meters;

    public Scanner(ExecutorService workers, int parallelism) {
        this(workers, parallelism, null);
    }

    public Scanner(ExecutorService workers, int parallelism, MeterRegistry meters) {
        this.workers = workers;
        this.parallelism = Math.max(1, parallelism);
        this.meters = meters;
    }

    private void timed(String kind, long started) {
        if (meters != null) {
            Timer.builder(SCAN_TIMER).tag("kind", kind).register(meters)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /** Exact top-{@code limit} rows by cosine for each reference (unit vectors), scores ≥ threshold. */
    public TopK.Hit[][] exact(DescriptorMatrix matrix, float[][] references, int limit, float threshold) {
        long started = System.nanoTime();
        checkDimensions(matrix, references);
        float[] flat = flatten(references);
        TopK[] merged = run(matrix, references.length, limit, threshold,
                (from, to, tops) -> exactRange(matrix, flat, references.length, from, to, tops));
        TopK.Hit[][] sorted = sorted(merged);
        timed("exact", started);
        return sorted;
    }

    /**
     * int8 scan keeping {@code candidates} per reference, then exact re-rank; returns the same
     * answer as {@link #exact} (same scores, bit for bit) whenever the true top-{@code limit} is
     * among the int8 candidates.
     */
    public TopK.Hit[][] quantised(DescriptorMatrix matrix, float[][] references, int limit, float threshold,
            int candidates) {
        long started = System.nanoTime();
        checkDimensions(matrix, references);
        int keep = Math.max(limit, candidates);
        // The int8 score is scaled; a safety margin keeps rows near the threshold for the exact check.
        float approximateThreshold = threshold - 0.05f;
        float[] flat = flatten(references);
        TopK[] approximate = run(matrix, references.length, keep, approximateThreshold,
                (from, to, tops) -> int8Range(matrix, flat, references.length, from, to, tops));
        TopK.Hit[][] result = new TopK.Hit[references.length][];
        for (int q = 0; q < references.length; q++) {
            TopK exact = new TopK(limit, threshold);
            for (TopK.Hit hit : approximate[q].sorted()) {
                exact.offer(matrix.dot(hit.row(), references[q]), hit.row());
            }
            result[q] = exact.sorted();
        }
        timed("quantised", started);
        return result;
    }

    /** Scans blocks [from, to) into one worker's tops. */
    @FunctionalInterface
    private interface RangeScan {
        void scan(int from, int to, TopK[] tops);
    }

    /** Runs {@code scan} over the matrix's blocks, split across the workers, and merges their tops. */
    private TopK[] run(DescriptorMatrix matrix, int queries, int limit, float threshold, RangeScan scan) {
        int blocks = matrix.blocks();
        int parts = matrix.size() < PARALLEL_THRESHOLD ? 1 : parallelism;
        List<TopK[]> partials = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            partials.add(newTops(queries, limit, threshold));
        }
        if (parts == 1) {
            scan.scan(0, blocks, partials.getFirst());
        } else {
            // Rows are handed out in chunks from a shared counter rather than as one fixed half per
            // thread: when a core is busy with something else (a shared machine, GC, the OS), the
            // other thread takes over the remaining chunks instead of waiting at the join.
            int even = Math.max(CHUNK_MIN_BLOCKS, (blocks + parts * CHUNKS_PER_WORKER - 1) / (parts * CHUNKS_PER_WORKER));
            int chunk = (even + SINGLE_TILE - 1) / SINGLE_TILE * SINGLE_TILE;
            int chunkCount = (blocks + chunk - 1) / chunk;
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>(parts);
            for (int p = 1; p < parts; p++) {
                TopK[] tops = partials.get(p);
                futures.add(workers.submit(() -> scanChunks(scan, next, chunk, chunkCount, blocks, tops)));
            }
            scanChunks(scan, next, chunk, chunkCount, blocks, partials.getFirst());
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

    private static void scanChunks(RangeScan scan, AtomicInteger next, int chunk, int chunkCount, int blocks,
            TopK[] tops) {
        for (int c = next.getAndIncrement(); c < chunkCount; c = next.getAndIncrement()) {
            int from = c * chunk;
            scan.scan(from, Math.min(blocks, from + chunk), tops);
        }
    }

    private static void exactRange(DescriptorMatrix matrix, float[] queries, int queryCount, int from, int to,
            TopK[] tops) {
        MemorySegment floats = matrix.floats();
        int d = matrix.dimensions();
        int size = matrix.size();
        if (queryCount == 1) {
            for (int b = from; b < to; b += SINGLE_TILE) {
                exactTile1x8(floats, queries, d, b, to, size, tops[0]);
            }
            return;
        }
        // Several references: compute-bound. Tiles of four references x four blocks; the components
        // are taken in chunks so that a chunk of the four blocks (32 KiB) stays in L1 while every
        // group of references passes over it, the accumulators being parked in a small array between
        // chunks (same summation order as without chunks).
        float[] padded = padToGroup(queries, queryCount, d, QUERY_GROUP);
        float[] parked = new float[padded.length / d * BATCH_TILE * BLOCK];
        for (int b = from; b < to; b += BATCH_TILE) {
            Arrays.fill(parked, 0f);
            for (int c = 0; c < d; c += COMPONENT_CHUNK) {
                int end = Math.min(d, c + COMPONENT_CHUNK);
                for (int q = 0; q < queryCount; q += QUERY_GROUP) {
                    exactTile4x4(floats, padded, q, d, b, to, c, end, parked);
                }
            }
            offerParked(parked, BATCH_TILE, 1f, queryCount, b, to, size, tops);
        }
    }

    private static void int8Range(DescriptorMatrix matrix, float[] queries, int queryCount, int from, int to,
            TopK[] tops) {
        MemorySegment codes = matrix.codes();
        int d = matrix.dimensions();
        int size = matrix.size();
        float inverse = 1f / matrix.int8Scale();
        if (queryCount == 1) {
            for (int b = from; b < to; b += SINGLE_TILE) {
                int8Tile1x8(codes, queries, d, b, to, size, inverse, tops[0]);
            }
            return;
        }
        // Several references: tiles of eight references x two blocks, so each widened code vector
        // (B2F, the extra cost of int8) serves eight FMAs; two blocks of codes stay in L1 for a whole pass.
        float[] padded = padToGroup(queries, queryCount, d, INT8_QUERY_GROUP);
        float[] parked = new float[padded.length / d * INT8_TILE * BLOCK];
        for (int b = from; b < to; b += INT8_TILE) {
            for (int q = 0; q < queryCount; q += INT8_QUERY_GROUP) {
                int8Tile8x2(codes, padded, q, d, b, to, parked);
            }
            offerParked(parked, INT8_TILE, inverse, queryCount, b, to, size, tops);
        }
    }

    /** Offers the scores parked by the tiles: reference q, block b + k at (q * tile + k) * BLOCK. */
    private static void offerParked(float[] parked, int tile, float scale, int queryCount, int b, int to, int size,
            TopK[] tops) {
        for (int q = 0; q < queryCount; q++) {
            for (int k = 0; k < tile; k++) {
                offer(tops[q], FloatVector.fromArray(FLOATS, parked, (q * tile + k) * BLOCK).mul(scale), b + k, to,
                        size);
            }
        }
    }

    /*
     * The kernels. Block b's component i is one vector (DescriptorMatrix's layout), so a tile is
     * "for each component: load a vector of each block, broadcast the reference component, FMA":
     * every accumulator is BLOCK scores, summed in component order (the re-rank's order too).
     * Blocks past the end of the range are clamped to its last block (computed twice, not offered),
     * so a tile needs no tail loop.
     */

    /** One reference x eight blocks: eight independent accumulators hide the FMA latency. */
    private static void exactTile1x8(MemorySegment floats, float[] query, int d, int b, int to, int size, TopK top) {
        long stride = (long) BLOCK * Float.BYTES;
        long blockBytes = stride * d;
        long p0 = b * blockBytes;
        long p1 = Math.min(b + 1, to - 1) * blockBytes;
        long p2 = Math.min(b + 2, to - 1) * blockBytes;
        long p3 = Math.min(b + 3, to - 1) * blockBytes;
        long p4 = Math.min(b + 4, to - 1) * blockBytes;
        long p5 = Math.min(b + 5, to - 1) * blockBytes;
        long p6 = Math.min(b + 6, to - 1) * blockBytes;
        long p7 = Math.min(b + 7, to - 1) * blockBytes;
        FloatVector s0 = FloatVector.zero(FLOATS);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        FloatVector s4 = s0;
        FloatVector s5 = s0;
        FloatVector s6 = s0;
        FloatVector s7 = s0;
        for (int i = 0; i < d; i++) {
            long o = i * stride;
            FloatVector x = FloatVector.broadcast(FLOATS, query[i]);
            s0 = FloatVector.fromMemorySegment(FLOATS, floats, p0 + o, ORDER).fma(x, s0);
            s1 = FloatVector.fromMemorySegment(FLOATS, floats, p1 + o, ORDER).fma(x, s1);
            s2 = FloatVector.fromMemorySegment(FLOATS, floats, p2 + o, ORDER).fma(x, s2);
            s3 = FloatVector.fromMemorySegment(FLOATS, floats, p3 + o, ORDER).fma(x, s3);
            s4 = FloatVector.fromMemorySegment(FLOATS, floats, p4 + o, ORDER).fma(x, s4);
            s5 = FloatVector.fromMemorySegment(FLOATS, floats, p5 + o, ORDER).fma(x, s5);
            s6 = FloatVector.fromMemorySegment(FLOATS, floats, p6 + o, ORDER).fma(x, s6);
            s7 = FloatVector.fromMemorySegment(FLOATS, floats, p7 + o, ORDER).fma(x, s7);
        }
        offer(top, s0, b, to, size);
        offer(top, s1, b + 1, to, size);
        offer(top, s2, b + 2, to, size);
        offer(top, s3, b + 3, to, size);
        offer(top, s4, b + 4, to, size);
        offer(top, s5, b + 5, to, size);
        offer(top, s6, b + 6, to, size);
        offer(top, s7, b + 7, to, size);
    }

    /**
     * Four references x four blocks: sixteen accumulators; per component four block loads and four
     * broadcasts feed sixteen FMAs, so the kernel is bound by the FMA units, not by loads.
     */
    private static void exactTile4x4(MemorySegment floats, float[] queries, int q, int d, int b, int to,
            int c0, int c1, float[] parked) {
        long stride = (long) BLOCK * Float.BYTES;
        long blockBytes = stride * d;
        long p0 = b * blockBytes;
        long p1 = Math.min(b + 1, to - 1) * blockBytes;
        long p2 = Math.min(b + 2, to - 1) * blockBytes;
        long p3 = Math.min(b + 3, to - 1) * blockBytes;
        int r0 = q * d;
        int r1 = r0 + d;
        int r2 = r1 + d;
        int r3 = r2 + d;
        int a = q * BATCH_TILE * BLOCK;
        FloatVector s00 = FloatVector.fromArray(FLOATS, parked, a);
        FloatVector s01 = FloatVector.fromArray(FLOATS, parked, a + 1 * BLOCK);
        FloatVector s02 = FloatVector.fromArray(FLOATS, parked, a + 2 * BLOCK);
        FloatVector s03 = FloatVector.fromArray(FLOATS, parked, a + 3 * BLOCK);
        FloatVector s10 = FloatVector.fromArray(FLOATS, parked, a + 4 * BLOCK);
        FloatVector s11 = FloatVector.fromArray(FLOATS, parked, a + 5 * BLOCK);
        FloatVector s12 = FloatVector.fromArray(FLOATS, parked, a + 6 * BLOCK);
        FloatVector s13 = FloatVector.fromArray(FLOATS, parked, a + 7 * BLOCK);
        FloatVector s20 = FloatVector.fromArray(FLOATS, parked, a + 8 * BLOCK);
        FloatVector s21 = FloatVector.fromArray(FLOATS, parked, a + 9 * BLOCK);
        FloatVector s22 = FloatVector.fromArray(FLOATS, parked, a + 10 * BLOCK);
        FloatVector s23 = FloatVector.fromArray(FLOATS, parked, a + 11 * BLOCK);
        FloatVector s30 = FloatVector.fromArray(FLOATS, parked, a + 12 * BLOCK);
        FloatVector s31 = FloatVector.fromArray(FLOATS, parked, a + 13 * BLOCK);
        FloatVector s32 = FloatVector.fromArray(FLOATS, parked, a + 14 * BLOCK);
        FloatVector s33 = FloatVector.fromArray(FLOATS, parked, a + 15 * BLOCK);
        for (int i = c0; i < c1; i++) {
            long o = i * stride;
            FloatVector v0 = FloatVector.fromMemorySegment(FLOATS, floats, p0 + o, ORDER);
            FloatVector v1 = FloatVector.fromMemorySegment(FLOATS, floats, p1 + o, ORDER);
            FloatVector v2 = FloatVector.fromMemorySegment(FLOATS, floats, p2 + o, ORDER);
            FloatVector v3 = FloatVector.fromMemorySegment(FLOATS, floats, p3 + o, ORDER);
            FloatVector x = FloatVector.broadcast(FLOATS, queries[r0 + i]);
            s00 = v0.fma(x, s00);
            s01 = v1.fma(x, s01);
            s02 = v2.fma(x, s02);
            s03 = v3.fma(x, s03);
            x = FloatVector.broadcast(FLOATS, queries[r1 + i]);
            s10 = v0.fma(x, s10);
            s11 = v1.fma(x, s11);
            s12 = v2.fma(x, s12);
            s13 = v3.fma(x, s13);
            x = FloatVector.broadcast(FLOATS, queries[r2 + i]);
            s20 = v0.fma(x, s20);
            s21 = v1.fma(x, s21);
            s22 = v2.fma(x, s22);
            s23 = v3.fma(x, s23);
            x = FloatVector.broadcast(FLOATS, queries[r3 + i]);
            s30 = v0.fma(x, s30);
            s31 = v1.fma(x, s31);
            s32 = v2.fma(x, s32);
            s33 = v3.fma(x, s33);
        }
        s00.intoArray(parked, a);
        s01.intoArray(parked, a + 1 * BLOCK);
        s02.intoArray(parked, a + 2 * BLOCK);
        s03.intoArray(parked, a + 3 * BLOCK);
        s10.intoArray(parked, a + 4 * BLOCK);
        s11.intoArray(parked, a + 5 * BLOCK);
        s12.intoArray(parked, a + 6 * BLOCK);
        s13.intoArray(parked, a + 7 * BLOCK);
        s20.intoArray(parked, a + 8 * BLOCK);
        s21.intoArray(parked, a + 9 * BLOCK);
        s22.intoArray(parked, a + 10 * BLOCK);
        s23.intoArray(parked, a + 11 * BLOCK);
        s30.intoArray(parked, a + 12 * BLOCK);
        s31.intoArray(parked, a + 13 * BLOCK);
        s32.intoArray(parked, a + 14 * BLOCK);
        s33.intoArray(parked, a + 15 * BLOCK);
    }

    /** As exactTile1x8 over the int8 codes: each code vector is widened to floats (B2F) before the FMA. */
    private static void int8Tile1x8(MemorySegment codes, float[] query, int d, int b, int to, int size,
            float inverse, TopK top) {
        long blockBytes = (long) BLOCK * d;
        long p0 = b * blockBytes;
        long p1 = Math.min(b + 1, to - 1) * blockBytes;
        long p2 = Math.min(b + 2, to - 1) * blockBytes;
        long p3 = Math.min(b + 3, to - 1) * blockBytes;
        long p4 = Math.min(b + 4, to - 1) * blockBytes;
        long p5 = Math.min(b + 5, to - 1) * blockBytes;
        long p6 = Math.min(b + 6, to - 1) * blockBytes;
        long p7 = Math.min(b + 7, to - 1) * blockBytes;
        FloatVector s0 = FloatVector.zero(FLOATS);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        FloatVector s4 = s0;
        FloatVector s5 = s0;
        FloatVector s6 = s0;
        FloatVector s7 = s0;
        for (int i = 0; i < d; i++) {
            long o = (long) i * BLOCK;
            FloatVector x = FloatVector.broadcast(FLOATS, query[i]);
            s0 = widen(codes, p0 + o).fma(x, s0);
            s1 = widen(codes, p1 + o).fma(x, s1);
            s2 = widen(codes, p2 + o).fma(x, s2);
            s3 = widen(codes, p3 + o).fma(x, s3);
            s4 = widen(codes, p4 + o).fma(x, s4);
            s5 = widen(codes, p5 + o).fma(x, s5);
            s6 = widen(codes, p6 + o).fma(x, s6);
            s7 = widen(codes, p7 + o).fma(x, s7);
        }
        offer(top, s0.mul(inverse), b, to, size);
        offer(top, s1.mul(inverse), b + 1, to, size);
        offer(top, s2.mul(inverse), b + 2, to, size);
        offer(top, s3.mul(inverse), b + 3, to, size);
        offer(top, s4.mul(inverse), b + 4, to, size);
        offer(top, s5.mul(inverse), b + 5, to, size);
        offer(top, s6.mul(inverse), b + 6, to, size);
        offer(top, s7.mul(inverse), b + 7, to, size);
    }

    /** int8, eight references x two blocks (sixteen accumulators); writes the scores to {@code parked}. */
    private static void int8Tile8x2(MemorySegment codes, float[] queries, int q, int d, int b, int to, float[] parked) {
        long blockBytes = (long) BLOCK * d;
        long p0 = b * blockBytes;
        long p1 = Math.min(b + 1, to - 1) * blockBytes;
        int r = q * d;
        FloatVector s00 = FloatVector.zero(FLOATS);
        FloatVector s01 = s00;
        FloatVector s10 = s00;
        FloatVector s11 = s00;
        FloatVector s20 = s00;
        FloatVector s21 = s00;
        FloatVector s30 = s00;
        FloatVector s31 = s00;
        FloatVector s40 = s00;
        FloatVector s41 = s00;
        FloatVector s50 = s00;
        FloatVector s51 = s00;
        FloatVector s60 = s00;
        FloatVector s61 = s00;
        FloatVector s70 = s00;
        FloatVector s71 = s00;
        for (int i = 0; i < d; i++) {
            long o = (long) i * BLOCK;
            FloatVector v0 = widen(codes, p0 + o);
            FloatVector v1 = widen(codes, p1 + o);
            FloatVector x = FloatVector.broadcast(FLOATS, queries[r + i]);
            s00 = v0.fma(x, s00);
            s01 = v1.fma(x, s01);
            x = FloatVector.broadcast(FLOATS, queries[r + 1 * d + i]);
            s10 = v0.fma(x, s10);
            s11 = v1.fma(x, s11);
            x = FloatVector.broadcast(FLOATS, queries[r + 2 * d + i]);
            s20 = v0.fma(x, s20);
            s21 = v1.fma(x, s21);
            x = FloatVector.broadcast(FLOATS, queries[r + 3 * d + i]);
            s30 = v0.fma(x, s30);
            s31 = v1.fma(x, s31);
            x = FloatVector.broadcast(FLOATS, queries[r + 4 * d + i]);
            s40 = v0.fma(x, s40);
            s41 = v1.fma(x, s41);
            x = FloatVector.broadcast(FLOATS, queries[r + 5 * d + i]);
            s50 = v0.fma(x, s50);
            s51 = v1.fma(x, s51);
            x = FloatVector.broadcast(FLOATS, queries[r + 6 * d + i]);
            s60 = v0.fma(x, s60);
            s61 = v1.fma(x, s61);
            x = FloatVector.broadcast(FLOATS, queries[r + 7 * d + i]);
            s70 = v0.fma(x, s70);
            s71 = v1.fma(x, s71);
        }
        int a = q * INT8_TILE * BLOCK;
        s00.intoArray(parked, a);
        s01.intoArray(parked, a + 1 * BLOCK);
        s10.intoArray(parked, a + 2 * BLOCK);
        s11.intoArray(parked, a + 3 * BLOCK);
        s20.intoArray(parked, a + 4 * BLOCK);
        s21.intoArray(parked, a + 5 * BLOCK);
        s30.intoArray(parked, a + 6 * BLOCK);
        s31.intoArray(parked, a + 7 * BLOCK);
        s40.intoArray(parked, a + 8 * BLOCK);
        s41.intoArray(parked, a + 9 * BLOCK);
        s50.intoArray(parked, a + 10 * BLOCK);
        s51.intoArray(parked, a + 11 * BLOCK);
        s60.intoArray(parked, a + 12 * BLOCK);
        s61.intoArray(parked, a + 13 * BLOCK);
        s70.intoArray(parked, a + 14 * BLOCK);
        s71.intoArray(parked, a + 15 * BLOCK);
    }

    /** BLOCK int8 codes as BLOCK floats (vpmovsxbd + vcvtdq2ps). */
    private static FloatVector widen(MemorySegment codes, long offset) {
        return (FloatVector) ByteVector.fromMemorySegment(BYTES, codes, offset, ORDER)
                .convertShape(VectorOperators.B2F, FLOATS, 0);
    }

    /**
     * Offers the scores of block {@code b} (skipped when the tile clamped it past {@code to}); one
     * vector compare against the heap's floor decides whether any lane is worth a look, which after
     * the first few blocks is almost never.
     */
    private static void offer(TopK top, FloatVector scores, int b, int to, int size) {
        if (b >= to || !scores.compare(VectorOperators.GE, top.floor()).anyTrue()) {
            return;
        }
        float[] lanes = scores.toArray();
        int first = b * BLOCK;
        for (int lane = 0; lane < BLOCK && first + lane < size; lane++) {
            top.offer(lanes[lane], first + lane);
        }
    }

    /** The references, flat, with zero rows appended up to a multiple of the kernel's group. */
    private static float[] padToGroup(float[] queries, int queryCount, int d, int group) {
        int groups = (queryCount + group - 1) / group;
        return queries.length == groups * group * d ? queries : Arrays.copyOf(queries, groups * group * d);
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

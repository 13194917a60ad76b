package io.selene.matcher.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.selene.matcher.index.DescriptorMatrix;
import io.selene.matcher.index.Scanner;
import io.selene.matcher.index.TopK;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Benchmark of the matcher's scan (not a test; run by {@code bench/matcher}). Generates N seeded
 * random unit descriptors into a file (shared with the FAISS run of the script), then times, in
 * one process: the memory-bandwidth floor (a plain read of the fp32 gallery), the exact fp32 scan
 * and the int8 scan + exact re-rank at 1 and 2 threads, for one reference and batches of 16 and
 * 64. Prints descriptors/s, p50 latency per query, recall@10 of int8 against exact, and the
 * ratio to the bandwidth floor.
 *
 * <p>Usage: {@code MatcherBench <file> [n] [repeats]}.
 */
public final class MatcherBench {

    private static final int D = 512;
    private static final int K = 10;
    /** Keeps the bandwidth loop's result alive so the JIT cannot drop the reads. */
    private static volatile float sink;

    private MatcherBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        if (!Files.exists(file) || Files.size(file) != 8L + (long) n * D * Float.BYTES) {
            generate(file, n, 42);
        }
        DescriptorMatrix matrix = load(file, n);
        float[][] queries = queries(matrix, 64, 7);
        writeQueries(Path.of(file + ".queries"), queries);
        System.out.printf("gallery: %,d x %d fp32 (+int8 copy), %d bytes per descriptor held%n", n, D,
                matrix.bytesPerDescriptor());

        double floorSeconds = bandwidthFloor(matrix, n, repeats);
        System.out.printf("bandwidth floor (read all fp32 once, 2 threads): %.1f ms, %.1f GB/s%n",
                floorSeconds * 1e3, (double) n * D * Float.BYTES / floorSeconds / 1e9);

        for (int threads : new int[] {1, 2}) {
            ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, threads - 1));
            Scanner scanner = new Scanner(workers, threads);
            for (int batch : new int[] {1, 16, 64}) {
                float[][] refs = Arrays.copyOf(queries, batch);
                double exact = median(repeats, () -> scanner.exact(matrix, refs, K, -1f)) / batch;
                double int8 = median(repeats, () -> scanner.quantised(matrix, refs, K, -1f, 100)) / batch;
                double recall = recall(scanner, matrix, refs);
                System.out.printf(
                        "threads=%d batch=%-3d exact: %7.2f ms/query %8.1f M desc/s (%.2fx floor) | int8+rerank: %7.2f "
                                + "ms/query recall@10=%.4f%n",
                        threads, batch, exact * 1e3, n / exact / 1e6, exact / floorSeconds, int8 * 1e3, recall);
            }
            workers.shutdownNow();
        }
        matrix.close();
    }

    private static double recall(Scanner scanner, DescriptorMatrix matrix, float[][] refs) {
        TopK.Hit[][] exact = scanner.exact(matrix, refs, K, -1f);
        TopK.Hit[][] approx = scanner.quantised(matrix, refs, K, -1f, 100);
        int found = 0;
        for (int q = 0; q < refs.length; q++) {
            for (TopK.Hit hit : approx[q]) {
                for (TopK.Hit truth : exact[q]) {
                    if (truth.row() == hit.row()) {
                        found++;
                        break;
                    }
                }
            }
        }
        return (double) found / (refs.length * K);
    }

    private static double median(int repeats, Runnable work) {
        work.run(); // warm-up
        double[] seconds = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            work.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[repeats / 2];
    }

    /** A plain vectorised read of every fp32 value, split over 2 threads: what no scan can beat. */
    private static double bandwidthFloor(DescriptorMatrix matrix, int n, int repeats) throws Exception {
        VectorSpecies<Float> species = FloatVector.SPECIES_PREFERRED;
        MemorySegment segment;
        try (Arena arena = Arena.ofShared()) {
            segment = arena.allocate((long) n * D * Float.BYTES, 64);
            for (int row = 0; row < n; row++) {
                MemorySegment.copy(matrix.row(row), 0, segment, ValueLayout.JAVA_FLOAT,
                        (long) row * D * Float.BYTES, D);
            }
            MemorySegment data = segment.asReadOnly();
            ExecutorService pool = Executors.newFixedThreadPool(1);
            double result = median(repeats, () -> {
                long half = (long) n * D / 2;
                var other = pool.submit(() -> sum(data, half, (long) n * D, species));
                float mine = sum(data, 0, half, species);
                try {
                    sink += mine + other.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            pool.shutdownNow();
            return result;
        }
    }

    private static float sum(MemorySegment data, long from, long to, VectorSpecies<Float> species) {
        FloatVector a = FloatVector.zero(species);
        FloatVector b = FloatVector.zero(species);
        int step = species.length();
        for (long i = from; i < to; i += 2L * step) {
            a = a.add(FloatVector.fromMemorySegment(species, data, i * Float.BYTES, ByteOrder.LITTLE_ENDIAN));
            b = b.add(FloatVector.fromMemorySegment(species, data, (i + step) * Float.BYTES, ByteOrder.LITTLE_ENDIAN));
        }
        return a.add(b).reduceLanes(VectorOperators.ADD);
    }

    /** File: int32 n, int32 d (little-endian), then n*d float32 little-endian. Read by the FAISS script too. */
    static void generate(Path file, int n, long seed) throws IOException {
        Random random = new Random(seed);
        ByteBuffer row = ByteBuffer.allocate(D * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(n).putInt(D);
            out.write(header.array());
            float[] v = new float[D];
            for (int i = 0; i < n; i++) {
                unit(random, v);
                row.clear();
                row.asFloatBuffer().put(v);
                out.write(row.array());
            }
        }
    }

    private static void writeQueries(Path file, float[][] queries) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8 + queries.length * D * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(queries.length).putInt(D);
        for (float[] query : queries) {
            for (float value : query) {
                buffer.putFloat(value);
            }
        }
        Files.write(file, buffer.array());
    }

    private static DescriptorMatrix load(Path file, int n) throws IOException {
        DescriptorMatrix matrix = new DescriptorMatrix(D, 254f);
        byte[] bytes = new byte[D * Float.BYTES];
        float[] v = new float[D];
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            in.readNBytes(8);
            for (int i = 0; i < n; i++) {
                in.readNBytes(bytes, 0, bytes.length);
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
                matrix.put(new UUID(0, i), v);
            }
        }
        return matrix;
    }

    /** Random unit references (seeded; the FAISS script uses the same generator output file for its queries). */
    static float[][] queries(DescriptorMatrix matrix, int count, long seed) {
        Random random = new Random(seed);
        float[][] queries = new float[count][D];
        for (int q = 0; q < count; q++) {
            unit(random, queries[q]);
        }
        return queries;
    }

    private static void unit(Random random, float[] v) {
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            norm += (double) v[i] * v[i];
        }
        float inverse = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inverse;
        }
    }
}

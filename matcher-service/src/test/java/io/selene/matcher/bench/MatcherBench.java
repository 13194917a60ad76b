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
import java.util.LinkedHashMap;
import java.util.Map;
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
    /** int8 candidates kept per reference for the exact re-rank. */
    private static final int CANDIDATES = 100;
    /** Keeps the bandwidth loop's result alive so the JIT cannot drop the reads. */
    private static volatile float sink;

    private MatcherBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("generate")) {
            Path file = Path.of(args[1]);
            int n = Integer.parseInt(args[2]);
            ensureData(file, n);
            return;
        }
        if (args.length > 0 && args[0].equals("report")) {
            // report <file.selene.txt> <other key=value files...>: the summary over all runs of bench/matcher.
            Map<String, String> all = readResults(Arrays.copyOfRange(args, 1, args.length));
            report(all);
            return;
        }
        Path file = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        // Optional 4th argument: where to write Selene's figures as key=value lines (for "report").
        Path resultsFile = args.length > 3 ? Path.of(args[3]) : null;
        Map<String, String> external = readResults(Arrays.copyOfRange(args, Math.min(args.length, 4), args.length));
        ensureData(file, n);
        DescriptorMatrix matrix = load(file, n);
        float[][] queries = readQueries(Path.of(file + ".queries"));
        System.out.printf("gallery: %,d x %d fp32 (+int8 copy); bytes per descriptor: fp32 %d, int8 %d, held %d%n", n, D,
                D * Float.BYTES, D, matrix.bytesPerDescriptor());

        double floor1 = bandwidthFloor(matrix, n, repeats, 1);
        double floor2 = bandwidthFloor(matrix, n, repeats, 2);
        long fp32Bytes = (long) n * D * Float.BYTES;
        System.out.printf("bandwidth floor, Java read loop (fp32 gallery once): 1 thread %.1f ms %.1f GB/s | 2 threads %.1f "
                + "ms %.1f GB/s | int8 floor (2 threads) %.1f ms%n", floor1 * 1e3, fp32Bytes / floor1 / 1e9, floor2 * 1e3,
                fp32Bytes / floor2 / 1e9, floor2 * 1e3 / Float.BYTES);
        if (external.containsKey("readbw_t2_ms")) {
            System.out.printf("bandwidth floor, C read loop (AVX2): 1 thread %s ms %s GB/s | 2 threads %s ms %s GB/s%n",
                    external.get("readbw_t1_ms"), external.get("readbw_t1_gbs"), external.get("readbw_t2_ms"),
                    external.get("readbw_t2_gbs"));
            // The floor is the best read time any loop achieved on this machine.
            floor1 = Math.min(floor1, Double.parseDouble(external.get("readbw_t1_ms")) / 1e3);
            floor2 = Math.min(floor2, Double.parseDouble(external.get("readbw_t2_ms")) / 1e3);
        }
        double[] floors = {0, floor1, floor2};

        int[][] faissIds = readIds(Path.of(file + ".faiss-ids"));
        Map<String, Double> selene = new LinkedHashMap<>();
        double recallInt8Single = 0;
        double recallInt8Batch = 0;
        double recallVsFaiss = -1;
        double exactVsFaiss = -1;
        double[] adjacentFloors = new double[3];
        for (int threads : new int[] {1, 2}) {
            ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, threads - 1));
            Scanner scanner = new Scanner(workers, threads);
            for (int batch : new int[] {1, 16, 64}) {
                float[][] refs = Arrays.copyOf(queries, batch);
                double exact;
                double int8;
                if (batch == 1) {
                    // Single references are memory-bound: the read loop runs interleaved with them (read,
                    // exact, int8, read, ...) so that the floor they are held to saw the same machine load.
                    double[] p50 = interleaved(repeats, floorRead(matrix, n, threads),
                            () -> scanner.exact(matrix, refs, K, -1f),
                            () -> scanner.quantised(matrix, refs, K, -1f, CANDIDATES));
                    adjacentFloors[threads] = p50[0];
                    exact = p50[1];
                    int8 = p50[2];
                    System.out.printf("bandwidth floor, Java read loop interleaved with the single-reference scans: %d "
                            + "thread(s) %.1f ms %.1f GB/s%n", threads, p50[0] * 1e3, fp32Bytes / p50[0] / 1e9);
                } else {
                    exact = median(repeats, () -> scanner.exact(matrix, refs, K, -1f)) / batch;
                    int8 = median(repeats, () -> scanner.quantised(matrix, refs, K, -1f, CANDIDATES)) / batch;
                }
                selene.put("exact." + threads + "." + batch, exact);
                selene.put("int8." + threads + "." + batch, int8);
                System.out.printf("selene threads=%d batch=%-3d exact: %7.2f ms/query %7.1f M desc/s (%.2fx floor) | "
                        + "int8+rerank: %7.2f ms/query %7.1f M desc/s (%.2fx int8 floor)%n", threads, batch, exact * 1e3,
                        n / exact / 1e6, exact / floors[threads], int8 * 1e3, n / int8 / 1e6,
                        int8 / (floors[threads] / Float.BYTES));
            }
            if (threads == 2) {
                // Recall over all 64 queries: one at a time (single-reference kernels) and as one batch.
                TopK.Hit[][] exact = scanner.exact(matrix, queries, K, -1f);
                TopK.Hit[][] single = new TopK.Hit[queries.length][];
                for (int q = 0; q < queries.length; q++) {
                    single[q] = scanner.quantised(matrix, new float[][] {queries[q]}, K, -1f, CANDIDATES)[0];
                }
                TopK.Hit[][] batched = scanner.quantised(matrix, queries, K, -1f, CANDIDATES);
                recallInt8Single = recall(single, rows(exact));
                recallInt8Batch = recall(batched, rows(exact));
                if (faissIds != null) {
                    recallVsFaiss = recall(single, faissIds);
                    exactVsFaiss = recall(exact, faissIds);
                }
            }
            workers.shutdownNow();
        }
        matrix.close();

        System.out.printf("recall@10 int8+rerank (%d candidates) vs Selene exact, 64 queries: single %.4f, batch %.4f%n",
                CANDIDATES, recallInt8Single, recallInt8Batch);
        if (faissIds != null) {
            System.out.printf("recall@10 vs FAISS IndexFlatIP exact ids, 64 queries: Selene int8+rerank %.4f, Selene exact "
                    + "%.4f%n", recallVsFaiss, exactVsFaiss);
        }
        StringBuilder results = new StringBuilder();
        results.append("selene_n=").append(n).append('\n');
        results.append("selene_floor1_ms=").append(floor1 * 1e3).append('\n');
        results.append("selene_floor2_ms=").append(floor2 * 1e3).append('\n');
        results.append("selene_floor1_adjacent_ms=").append(adjacentFloors[1] * 1e3).append('\n');
        results.append("selene_floor2_adjacent_ms=").append(adjacentFloors[2] * 1e3).append('\n');
        results.append("selene_recall_int8=").append(recallInt8Single).append('\n');
        results.append("selene_recall_int8_batch=").append(recallInt8Batch).append('\n');
        results.append("selene_recall_int8_vs_faiss=").append(recallVsFaiss).append('\n');
        selene.forEach((key, seconds) -> results.append("selene_").append(key).append("_ms=").append(seconds * 1e3)
                .append('\n'));
        if (resultsFile != null) {
            Files.writeString(resultsFile, results);
        }
    }

    private static Map<String, String> readResults(String[] files) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : files) {
            Path results = Path.of(name);
            if (Files.exists(results)) {
                for (String line : Files.readAllLines(results)) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                    }
                }
            }
        }
        return values;
    }

    private static double ms(Map<String, String> values, String key) {
        String value = values.get(key);
        return value == null ? Double.POSITIVE_INFINITY : Double.parseDouble(value) / 1e3;
    }

    /** The summary: FAISS's figures, ratios and goals, from the key=value files of one bench/matcher run. */
    private static void report(Map<String, String> external) {
        double floor1 = Math.min(ms(external, "selene_floor1_ms"),
                Math.min(ms(external, "readbw_t1_ms"), ms(external, "readbw2_t1_ms")));
        double floor2 = Math.min(ms(external, "selene_floor2_ms"),
                Math.min(ms(external, "readbw_t2_ms"), ms(external, "readbw2_t2_ms")));
        // The floor the single-reference goal is held to: the read loop run interleaved with those scans
        // (same machine load); the best read of the whole run is printed as well.
        double[] floors = {0, Math.min(floor1, ms(external, "selene_floor1_adjacent_ms")),
            Math.min(floor2, ms(external, "selene_floor2_adjacent_ms"))};
        double[] adjacent = {0, ms(external, "selene_floor1_adjacent_ms"), ms(external, "selene_floor2_adjacent_ms")};
        double recall = Double.parseDouble(external.get("selene_recall_int8"));
        Map<String, Double> selene = new LinkedHashMap<>();
        for (String path : new String[] {"exact", "int8"}) {
            for (int threads : new int[] {1, 2}) {
                for (int batch : new int[] {1, 16, 64}) {
                    String key = path + "." + threads + "." + batch;
                    selene.put(key, ms(external, "selene_" + key + "_ms"));
                }
            }
        }
        System.out.println("== summary ==");
        System.out.printf("bandwidth floor (best of the Java loop and the C loop run before and after Selene): 1 thread "
                + "%.1f ms (%.1f GB/s), 2 threads %.1f ms (%.1f GB/s); C loop runs: %s / %s ms (1 thread), %s / %s ms (2 "
                + "threads)%n", floor1 * 1e3, 2048.0 * Integer.parseInt(external.get("selene_n")) / floor1 / 1e9,
                floor2 * 1e3, 2048.0 * Integer.parseInt(external.get("selene_n")) / floor2 / 1e9,
                external.get("readbw_t1_ms"), external.get("readbw2_t1_ms"), external.get("readbw_t2_ms"),
                external.get("readbw2_t2_ms"));
        System.out.printf("bandwidth floor, Java read loop interleaved with the single-reference scans: 1 thread %.1f ms, "
                + "2 threads %.1f ms%n", adjacent[1] * 1e3, adjacent[2] * 1e3);
        System.out.printf("bytes per descriptor scanned: exact fp32 %d, int8 %d (+ 100 fp32 rows re-ranked per query); "
                + "held in memory: %d%n", D * Float.BYTES, D, D * (Float.BYTES + 1));
        if (external.containsKey("generic_single_ms")) {
            System.out.printf("FAISS Debian python3-faiss %s (generic build): single %s ms | batch16 %s ms/query | batch64 "
                    + "%s ms/query%n", external.get("generic_faiss_version"), external.get("generic_single_ms"),
                    external.get("generic_batch16_ms_per_query"), external.get("generic_batch64_ms_per_query"));
        }
        System.out.printf("recall@10 of int8+rerank (64 queries): vs Selene exact %.4f (single), %s (batch of 64); vs "
                + "FAISS IndexFlatIP ids %s%n", recall, external.get("selene_recall_int8_batch"),
                external.get("selene_recall_int8_vs_faiss"));
        if (!external.containsKey("faiss_single_ms")) {
            System.out.println("FAISS AVX2: no results (see the script's output)");
            return;
        }
        System.out.printf("FAISS AVX2 IndexFlatIP (omp threads %s, OpenBLAS core %s, OPENBLAS_CORETYPE %s, OpenBLAS threads "
                + "default): single %s ms | batch16 %s ms/query | batch64 %s ms/query%n", external.get("faiss_threads"),
                external.get("faiss_openblas_core"), external.get("faiss_openblas_coretype_env"),
                external.get("faiss_single_ms"), external.get("faiss_batch16_ms_per_query"),
                external.get("faiss_batch64_ms_per_query"));
        if (external.containsKey("faiss1t_single_ms")) {
            System.out.printf("FAISS AVX2 IndexFlatIP, OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 (OpenBLAS core %s): single %s ms | batch16 %s "
                    + "ms/query | batch64 %s ms/query%n", external.get("faiss1t_openblas_core"),
                    external.get("faiss1t_single_ms"), external.get("faiss1t_batch16_ms_per_query"),
                    external.get("faiss1t_batch64_ms_per_query"));
        }
        // The reference is FAISS's best figure of the two runs (the harder target for Selene).
        double[] faiss = {best(external, "single_ms"), best(external, "batch16_ms_per_query"),
            best(external, "batch64_ms_per_query")};
        System.out.printf("FAISS AVX2 reference (best of the runs above): single %.2f ms | batch16 %.2f ms/query | batch64 "
                + "%.2f ms/query%n", faiss[0] * 1e3, faiss[1] * 1e3, faiss[2] * 1e3);
        int[] batches = {1, 16, 64};
        System.out.println("ratios (time per query, lower is better):");
        System.out.println("  path          threads batch   Selene ms  FAISS-AVX2 ms  Selene/FAISS  Selene/fp32-floor");
        for (String path : new String[] {"exact", "int8"}) {
            for (int threads : new int[] {1, 2}) {
                for (int b = 0; b < 3; b++) {
                    double t = selene.get(path + "." + threads + "." + batches[b]);
                    System.out.printf("  %-13s %7d %5d %11.2f %14.2f %13.2f %13.2f%n", path.equals("int8") ? "int8+rerank"
                            : "exact fp32", threads, batches[b], t * 1e3, faiss[b] * 1e3, t / faiss[b],
                            t / floors[threads]);
                }
            }
        }
        double exactSingle = selene.get("exact.2.1");
        double int8Single = selene.get("int8.2.1");
        double best16 = Math.min(selene.get("exact.2.16"), selene.get("int8.2.16"));
        double best64 = Math.min(selene.get("exact.2.64"), selene.get("int8.2.64"));
        System.out.println("goals (2 threads, same run):");
        goal("exact fp32 single <= 0.6x FAISS-AVX2", exactSingle / faiss[0], 0.6);
        goal("exact fp32 single <= 1.2x bandwidth floor (read loop interleaved)", exactSingle / adjacent[2], 1.2);
        System.out.printf("  (exact fp32 single / best read of the whole run, %.1f ms: %.3f)%n", floors[2] * 1e3,
                exactSingle / floors[2]);
        goal(String.format("int8+rerank single <= 0.25x FAISS-AVX2 (recall@10 %.4f >= 0.999)", recall),
                recall >= 0.999 ? int8Single / faiss[0] : Double.POSITIVE_INFINITY, 0.25);
        goal("batch 16 (best path) <= 0.2x FAISS-AVX2 per query", best16 / faiss[1], 0.2);
        goal("batch 64 (best path) <= 0.9x FAISS-AVX2 per query", best64 / faiss[2], 0.9);
    }

    private static double best(Map<String, String> external, String key) {
        double best = Double.parseDouble(external.get("faiss_" + key));
        if (external.containsKey("faiss1t_" + key)) {
            best = Math.min(best, Double.parseDouble(external.get("faiss1t_" + key)));
        }
        return best / 1e3;
    }

    private static void goal(String what, double ratio, double target) {
        System.out.printf("  %-62s %6.3f  %s%n", what, ratio, ratio <= target ? "MET" : "NOT MET");
    }

    private static int[][] rows(TopK.Hit[][] hits) {
        int[][] rows = new int[hits.length][];
        for (int q = 0; q < hits.length; q++) {
            rows[q] = Arrays.stream(hits[q]).mapToInt(TopK.Hit::row).toArray();
        }
        return rows;
    }

    private static double recall(TopK.Hit[][] found, int[][] truth) {
        int hits = 0;
        for (int q = 0; q < found.length; q++) {
            for (TopK.Hit hit : found[q]) {
                for (int row : truth[q]) {
                    if (row == hit.row()) {
                        hits++;
                        break;
                    }
                }
            }
        }
        return (double) hits / (found.length * K);
    }

    /** FAISS's exact ids (int32 nq, int32 k, nq*k int64 LE), or null when the FAISS run did not happen. */
    private static int[][] readIds(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int nq = buffer.getInt();
        int k = buffer.getInt();
        int[][] ids = new int[nq][k];
        for (int q = 0; q < nq; q++) {
            for (int i = 0; i < k; i++) {
                ids[q][i] = (int) buffer.getLong();
            }
        }
        return ids;
    }

    private static float[][] readQueries(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int count = buffer.getInt();
        int d = buffer.getInt();
        float[][] queries = new float[count][d];
        for (float[] query : queries) {
            buffer.asFloatBuffer().get(query);
            buffer.position(buffer.position() + d * Float.BYTES);
        }
        return queries;
    }

    /** Writes the gallery (seed 42) and the 64 queries (seed 7) unless they are there with the right size. */
    private static void ensureData(Path file, int n) throws IOException {
        if (!Files.exists(file) || Files.size(file) != 8L + (long) n * D * Float.BYTES) {
            generate(file, n, 42);
        }
        Path queries = Path.of(file + ".queries");
        if (!Files.exists(queries) || Files.size(queries) != 8L + 64L * D * Float.BYTES) {
            writeQueries(queries, queries(64, 7));
        }
    }

    private static double median(int repeats, Runnable work) {
        // Warm-up: the first passes run the kernels interpreted / OSR-compiled; after two full passes
        // (millions of kernel calls) C2 has compiled them.
        work.run();
        work.run();
        double[] seconds = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            work.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[repeats / 2];
    }

    /** p50 of each task, the tasks run in turn {@code repeats} times after two warm-up rounds. */
    private static double[] interleaved(int repeats, Runnable... tasks) {
        double[][] seconds = new double[tasks.length][repeats];
        for (int r = -2; r < repeats; r++) {
            for (int t = 0; t < tasks.length; t++) {
                long start = System.nanoTime();
                tasks[t].run();
                if (r >= 0) {
                    seconds[t][r] = (System.nanoTime() - start) / 1e9;
                }
            }
        }
        double[] p50 = new double[tasks.length];
        for (int t = 0; t < tasks.length; t++) {
            Arrays.sort(seconds[t]);
            p50[t] = seconds[t][repeats / 2];
        }
        return p50;
    }

    private static final ExecutorService FLOOR_POOL = Executors.newFixedThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "floor-read");
        thread.setDaemon(true);
        return thread;
    });

    /** One plain read of the fp32 gallery's size, split over {@code threads} (see bandwidthFloor). */
    private static Runnable floorRead(DescriptorMatrix matrix, int n, int threads) {
        MemorySegment data = floorCopy(matrix, n).asReadOnly();
        long all = (long) n * D;
        return () -> {
            if (threads == 1) {
                sink += sum(data, 0, all);
                return;
            }
            long half = all / 2 / (2L * SPECIES.length()) * (2L * SPECIES.length());
            var other = FLOOR_POOL.submit(() -> sum(data, half, all));
            float mine = sum(data, 0, half);
            try {
                sink += mine + other.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static MemorySegment floorCopy(DescriptorMatrix matrix, int n) {
        if (floorCopy == null) {
            floorCopy = Arena.ofAuto().allocate((long) n * D * Float.BYTES, 64);
            for (int row = 0; row < n; row++) {
                MemorySegment.copy(matrix.row(row), 0, floorCopy, ValueLayout.JAVA_FLOAT, (long) row * D * Float.BYTES,
                        D);
            }
        }
        return floorCopy;
    }

    private static MemorySegment floorCopy;

    /** A plain vectorised read of every fp32 value, split over {@code threads}: what no scan can beat. */
    private static double bandwidthFloor(DescriptorMatrix matrix, int n, int repeats, int threads) throws Exception {
        if (floorCopy == null) {
            floorCopy = Arena.ofAuto().allocate((long) n * D * Float.BYTES, 64);
            for (int row = 0; row < n; row++) {
                MemorySegment.copy(matrix.row(row), 0, floorCopy, ValueLayout.JAVA_FLOAT, (long) row * D * Float.BYTES,
                        D);
            }
        }
        MemorySegment data = floorCopy.asReadOnly();
        ExecutorService pool = Executors.newFixedThreadPool(1);
        double result = median(repeats, () -> {
            long all = (long) n * D;
            if (threads == 1) {
                sink += sum(data, 0, all);
                return;
            }
            long half = all / 2 / (2L * SPECIES.length()) * (2L * SPECIES.length());
            var other = pool.submit(() -> sum(data, half, all));
            float mine = sum(data, 0, half);
            try {
                sink += mine + other.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        pool.shutdownNow();
        return result;
    }

    /** The species is a constant here: passed as a parameter, the Vector API would not be intrinsified. */
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private static float sum(MemorySegment data, long from, long to) {
        FloatVector a = FloatVector.zero(SPECIES);
        FloatVector b = FloatVector.zero(SPECIES);
        FloatVector c = FloatVector.zero(SPECIES);
        FloatVector e = FloatVector.zero(SPECIES);
        long step = SPECIES.length() * (long) Float.BYTES;
        for (long i = from * Float.BYTES, end = to * Float.BYTES; i < end; i += 4 * step) {
            a = a.add(FloatVector.fromMemorySegment(SPECIES, data, i, ByteOrder.LITTLE_ENDIAN));
            b = b.add(FloatVector.fromMemorySegment(SPECIES, data, i + step, ByteOrder.LITTLE_ENDIAN));
            c = c.add(FloatVector.fromMemorySegment(SPECIES, data, i + 2 * step, ByteOrder.LITTLE_ENDIAN));
            e = e.add(FloatVector.fromMemorySegment(SPECIES, data, i + 3 * step, ByteOrder.LITTLE_ENDIAN));
        }
        return a.add(b).add(c.add(e)).reduceLanes(VectorOperators.ADD);
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
    static float[][] queries(int count, long seed) {
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

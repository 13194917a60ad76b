package io.selene.tasks.types;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The all-pairs scoring kernel of the analytics tasks (clustering, cross_match): rows of one block of unit
 * descriptors against rows of another, 2 × 4 rows per step with 8 vector accumulators, so each loaded vector
 * is used four or two times. Only pairs at or above a threshold leave the kernel, through a {@link PairSink};
 * which pairs count (a triangle, a row that is itself) is the sink's business.
 */
public final class PairKernel {

    /** At least 8 lanes: a 128-bit species would leave half of AVX2 unused. */
    public static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED.length() >= 8
            ? FloatVector.SPECIES_PREFERRED : FloatVector.SPECIES_256;

    private PairKernel() {
    }

    /** Receives the pairs at or above the threshold. */
    @FunctionalInterface
    public interface PairSink {

        void accept(int row, int column, float score);
    }

    /**
     * Scores rows {@code [r0, r1)} of {@code x} against rows {@code [c0, c1)} of {@code y} (row length {@code d},
     * a multiple of {@link #FLOATS}' length) and hands every pair scoring at least {@code min} to {@code sink}.
     */
    public static void score(float[] x, int r0, int r1, float[] y, int c0, int c1, int d, float min,
            PairSink sink) {
        int step = FLOATS.length();
        for (int r = r0; r < r1; r += 2) {
            boolean two = r + 1 < r1;
            int a0 = r * d;
            int a1 = two ? a0 + d : a0;
            int c = c0;
            for (; c + 3 < c1; c += 4) {
                int b0 = c * d;
                int b1 = b0 + d;
                int b2 = b1 + d;
                int b3 = b2 + d;
                FloatVector s00 = FloatVector.zero(FLOATS);
                FloatVector s01 = FloatVector.zero(FLOATS);
                FloatVector s02 = FloatVector.zero(FLOATS);
                FloatVector s03 = FloatVector.zero(FLOATS);
                FloatVector s10 = FloatVector.zero(FLOATS);
                FloatVector s11 = FloatVector.zero(FLOATS);
                FloatVector s12 = FloatVector.zero(FLOATS);
                FloatVector s13 = FloatVector.zero(FLOATS);
                for (int k = 0; k < d; k += step) {
                    FloatVector x0 = FloatVector.fromArray(FLOATS, x, a0 + k);
                    FloatVector x1 = FloatVector.fromArray(FLOATS, x, a1 + k);
                    FloatVector y0 = FloatVector.fromArray(FLOATS, y, b0 + k);
                    FloatVector y1 = FloatVector.fromArray(FLOATS, y, b1 + k);
                    FloatVector y2 = FloatVector.fromArray(FLOATS, y, b2 + k);
                    FloatVector y3 = FloatVector.fromArray(FLOATS, y, b3 + k);
                    s00 = x0.fma(y0, s00);
                    s01 = x0.fma(y1, s01);
                    s02 = x0.fma(y2, s02);
                    s03 = x0.fma(y3, s03);
                    s10 = x1.fma(y0, s10);
                    s11 = x1.fma(y1, s11);
                    s12 = x1.fma(y2, s12);
                    s13 = x1.fma(y3, s13);
                }
                pass(sink, r, c, s00, min);
                pass(sink, r, c + 1, s01, min);
                pass(sink, r, c + 2, s02, min);
                pass(sink, r, c + 3, s03, min);
                if (two) {
                    pass(sink, r + 1, c, s10, min);
                    pass(sink, r + 1, c + 1, s11, min);
                    pass(sink, r + 1, c + 2, s12, min);
                    pass(sink, r + 1, c + 3, s13, min);
                }
            }
            for (; c < c1; c++) {
                pass(sink, r, c, dot(x, a0, y, c * d, d), min);
                if (two) {
                    pass(sink, r + 1, c, dot(x, a1, y, c * d, d), min);
                }
            }
        }
    }

    /**
     * Runs batches {@code 0..count-1} on {@code threads} platform threads named {@code name}, each batch handed out
     * once to whichever thread is free; {@code worker} is called once per thread for that thread's own batch runner
     * (so it can keep per-thread state). Returns when every batch is done; a batch's exception is rethrown.
     */
    public static void inParallel(int count, int threads, String name, Supplier<IntConsumer> worker) {
        int size = Math.max(1, threads);
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(size, Thread.ofPlatform().name(name, 0).daemon().factory());
        try {
            List<Future<?>> runs = new ArrayList<>(size);
            for (int t = 0; t < size; t++) {
                runs.add(pool.submit(() -> {
                    IntConsumer batch = worker.get();
                    for (int at = next.getAndIncrement(); at < count; at = next.getAndIncrement()) {
                        batch.accept(at);
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code x[a..a+d) · y[b..b+d)} with the same vector arithmetic as {@link #score}. */
    public static float dot(float[] x, int a, float[] y, int b, int d) {
        FloatVector sum = FloatVector.zero(FLOATS);
        for (int k = 0; k < d; k += FLOATS.length()) {
            sum = FloatVector.fromArray(FLOATS, x, a + k).fma(FloatVector.fromArray(FLOATS, y, b + k), sum);
        }
        return sum.reduceLanes(VectorOperators.ADD);
    }

    private static void pass(PairSink sink, int row, int column, FloatVector sum, float min) {
        pass(sink, row, column, sum.reduceLanes(VectorOperators.ADD), min);
    }

    private static void pass(PairSink sink, int row, int column, float score, float min) {
        if (score >= min) {
            sink.accept(row, column, score);
        }
    }
}

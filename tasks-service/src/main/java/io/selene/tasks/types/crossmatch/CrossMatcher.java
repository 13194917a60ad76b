package io.selene.tasks.types.crossmatch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Top-N candidates of every reference, all pairs scored with the same blocked SIMD kernel as clustering
 * (2 references × 4 candidates per step, tiles of candidates that stay in cache). Scores are cosines; a
 * candidate enters a reference's list when its score is at least {@code minCosine}.
 */
final class CrossMatcher {

    static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED.length() >= 8
            ? FloatVector.SPECIES_PREFERRED : FloatVector.SPECIES_256;
    private static final int TILE = 128;
    private static final int REFERENCES_PER_TASK = 64;

    private CrossMatcher() {
    }

    /** The best candidates of one reference, best first. */
    record Top(int[] rows, float[] scores) {
    }

    /** A reference's running top list (scores descending). */
    private static final class Best {

        final int[] rows;
        final float[] scores;
        int size;

        Best(int limit) {
            rows = new int[limit];
            scores = new float[limit];
        }

        void offer(int row, float score) {
            if (size == rows.length && score <= scores[size - 1]) {
                return;
            }
            int at = size == rows.length ? size - 1 : size++;
            while (at > 0 && scores[at - 1] < score) {
                scores[at] = scores[at - 1];
                rows[at] = rows[at - 1];
                at--;
            }
            scores[at] = score;
            rows[at] = row;
        }

        Top top() {
            return new Top(java.util.Arrays.copyOf(rows, size), java.util.Arrays.copyOf(scores, size));
        }
    }

    /**
     * @param same   {@code same[r]} is the candidate row that is reference {@code r} itself (skipped), or -1
     * @param check  called between batches (e.g. throws when the task was cancelled)
     */
    static List<Top> match(float[] refs, int nRefs, float[] cands, int nCands, int d, int limit, float minCosine,
            int[] same, int threads, Runnable check) {
        Best[] best = new Best[nRefs];
        for (int r = 0; r < nRefs; r++) {
            best[r] = new Best(limit);
        }
        AtomicInteger next = new AtomicInteger();
        int batches = (nRefs + REFERENCES_PER_TASK - 1) / REFERENCES_PER_TASK;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads),
                Thread.ofPlatform().name("cross-match-", 0).daemon().factory());
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < Math.max(1, threads); t++) {
                runs.add(pool.submit(() -> {
                    for (int b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                        check.run();
                        int from = b * REFERENCES_PER_TASK;
                        int to = Math.min(nRefs, from + REFERENCES_PER_TASK);
                        for (int c0 = 0; c0 < nCands; c0 += TILE) {
                            score(refs, from, to, cands, c0, Math.min(nCands, c0 + TILE), d, minCosine, same, best);
                        }
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
        List<Top> tops = new ArrayList<>(nRefs);
        for (Best b : best) {
            tops.add(b.top());
        }
        return tops;
    }

    private static void score(float[] refs, int r0, int r1, float[] cands, int c0, int c1, int d, float min,
            int[] same, Best[] best) {
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
                    FloatVector x0 = FloatVector.fromArray(FLOATS, refs, a0 + k);
                    FloatVector x1 = FloatVector.fromArray(FLOATS, refs, a1 + k);
                    FloatVector y0 = FloatVector.fromArray(FLOATS, cands, b0 + k);
                    FloatVector y1 = FloatVector.fromArray(FLOATS, cands, b1 + k);
                    FloatVector y2 = FloatVector.fromArray(FLOATS, cands, b2 + k);
                    FloatVector y3 = FloatVector.fromArray(FLOATS, cands, b3 + k);
                    s00 = x0.fma(y0, s00);
                    s01 = x0.fma(y1, s01);
                    s02 = x0.fma(y2, s02);
                    s03 = x0.fma(y3, s03);
                    s10 = x1.fma(y0, s10);
                    s11 = x1.fma(y1, s11);
                    s12 = x1.fma(y2, s12);
                    s13 = x1.fma(y3, s13);
                }
                offer(best, same, r, c, s00, min);
                offer(best, same, r, c + 1, s01, min);
                offer(best, same, r, c + 2, s02, min);
                offer(best, same, r, c + 3, s03, min);
                if (two) {
                    offer(best, same, r + 1, c, s10, min);
                    offer(best, same, r + 1, c + 1, s11, min);
                    offer(best, same, r + 1, c + 2, s12, min);
                    offer(best, same, r + 1, c + 3, s13, min);
                }
            }
            for (; c < c1; c++) {
                offer(best, same, r, c, dot(refs, a0, cands, c * d, d), min);
                if (two) {
                    offer(best, same, r + 1, c, dot(refs, a1, cands, c * d, d), min);
                }
            }
        }
    }

    private static void offer(Best[] best, int[] same, int r, int c, FloatVector sum, float min) {
        offer(best, same, r, c, sum.reduceLanes(VectorOperators.ADD), min);
    }

    private static void offer(Best[] best, int[] same, int r, int c, float score, float min) {
        if (score >= min && same[r] != c) {
            best[r].offer(c, score);
        }
    }

    private static float dot(float[] x, int a, float[] y, int b, int d) {
        FloatVector sum = FloatVector.zero(FLOATS);
        for (int k = 0; k < d; k += FLOATS.length()) {
            sum = FloatVector.fromArray(FLOATS, x, a + k).fma(FloatVector.fromArray(FLOATS, y, b + k), sum);
        }
        return sum.reduceLanes(VectorOperators.ADD);
    }
}

package io.selene.tasks.types.crossmatch;

import java.util.ArrayList;
import java.util.List;

import io.selene.tasks.types.PairKernel;

/**
 * Top-N candidates of every reference, all pairs scored with the analytics' {@link PairKernel} over tiles of
 * candidates that stay in cache. Scores are cosines; a
 * candidate enters a reference's list when its score is at least {@code minCosine}.
 */
final class CrossMatcher {

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
        int batches = (nRefs + REFERENCES_PER_TASK - 1) / REFERENCES_PER_TASK;
        PairKernel.inParallel(batches, threads, "cross-match-", () -> b -> {
            check.run();
            int from = b * REFERENCES_PER_TASK;
            int to = Math.min(nRefs, from + REFERENCES_PER_TASK);
            for (int c0 = 0; c0 < nCands; c0 += TILE) {
                score(refs, from, to, cands, c0, Math.min(nCands, c0 + TILE), d, minCosine, same, best);
            }
        });
        List<Top> tops = new ArrayList<>(nRefs);
        for (Best b : best) {
            tops.add(b.top());
        }
        return tops;
    }

    private static void score(float[] refs, int r0, int r1, float[] cands, int c0, int c1, int d, float min,
            int[] same, Best[] best) {
        PairKernel.score(refs, r0, r1, cands, c0, c1, d, min, (r, c, score) -> {
            if (same[r] != c) {
                best[r].offer(c, score);
            }
        });
    }
}

package io.selene.tasks.types.crossmatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The batch kernel's top-N per reference against a plain sort of every pair. */
class CrossMatcherTest {

    private static final int D = 512;

    private static float[] units(int n, Random random) {
        float[] data = new float[n * D];
        for (int i = 0; i < n; i++) {
            double squares = 0;
            for (int k = 0; k < D; k++) {
                float v = (float) random.nextGaussian();
                data[i * D + k] = v;
                squares += (double) v * v;
            }
            for (int k = 0; k < D; k++) {
                data[i * D + k] /= (float) Math.sqrt(squares);
            }
        }
        return data;
    }

    @Test
    void topCandidatesOfEveryReferenceAreThoseOfAPlainSort() {
        Random random = new Random(3);
        int nRefs = 67;
        int nCands = 1031;
        float[] refs = units(nRefs, random);
        float[] cands = units(nCands, random);
        // reference 5 is candidate 100 itself: never its own candidate
        System.arraycopy(cands, 100 * D, refs, 5 * D, D);
        int[] same = new int[nRefs];
        java.util.Arrays.fill(same, -1);
        same[5] = 100;
        float min = 0.05f;
        List<CrossMatcher.Top> tops = CrossMatcher.match(refs, nRefs, cands, nCands, D, 5, min, same, 2, () -> { });
        for (int r = 0; r < nRefs; r++) {
            List<float[]> scored = new ArrayList<>();
            for (int c = 0; c < nCands; c++) {
                double s = 0;
                for (int k = 0; k < D; k++) {
                    s += (double) refs[r * D + k] * cands[c * D + k];
                }
                if (s >= min && same[r] != c) {
                    scored.add(new float[] {c, (float) s});
                }
            }
            scored.sort(Comparator.comparingDouble((float[] x) -> -x[1]));
            CrossMatcher.Top top = tops.get(r);
            assertThat(top.rows()).hasSize(Math.min(5, scored.size()));
            for (int i = 0; i < top.rows().length; i++) {
                assertThat(top.scores()[i]).isCloseTo(scored.get(i)[1], org.assertj.core.data.Offset.offset(1e-4f));
                assertThat(top.rows()[i]).as("reference %d rank %d", r, i).isEqualTo((int) scored.get(i)[0]);
            }
            for (int row : top.rows()) {
                assertThat(r == 5 && row == 100).isFalse();
            }
        }
    }
}

package io.selene.commons.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SimilarityTest {

    @Test
    void mapsCosineMonotonicallyIntoZeroOne() {
        double previous = -1;
        for (double cosine = -1; cosine <= 1.0001; cosine += 0.01) {
            double similarity = Similarity.fromCosine(cosine);
            assertThat(similarity).isBetween(0.0, 1.0).isGreaterThan(previous);
            previous = similarity;
        }
        assertThat(Similarity.fromCosine(0.40)).isCloseTo(0.5, within(1e-12));
        assertThat(Similarity.fromCosine(0.69)).isGreaterThan(0.95);
        assertThat(Similarity.fromCosine(0.0)).isLessThan(0.01);
    }

    @Test
    void thresholdsConvertBackToCosine() {
        for (double cosine : new double[] {-0.5, 0.1, 0.4, 0.6, 0.9}) {
            assertThat(Similarity.toCosine(Similarity.fromCosine(cosine))).isCloseTo(cosine, within(1e-9));
        }
        assertThat(Similarity.toCosine(0)).isEqualTo(-1.0);
        assertThat(Similarity.toCosine(1)).isEqualTo(1.0);
    }
}

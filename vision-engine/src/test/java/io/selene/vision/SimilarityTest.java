package io.selene.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;

import io.selene.vision.image.Geometry;
import org.junit.jupiter.api.Test;

class SimilarityTest {

    @Test
    void aggregationIsTheRenormalisedMean() {
        float[] a = {1, 0, 0};
        float[] b = {0, 1, 0};
        float[] mean = Similarity.aggregate(List.of(a, b));
        assertThat(mean[0]).isCloseTo((float) Math.sqrt(0.5), offset(1e-6f));
        assertThat(mean[1]).isCloseTo((float) Math.sqrt(0.5), offset(1e-6f));
        assertThat(Similarity.cosine(mean, mean)).isCloseTo(1.0, offset(1e-6));
    }

    @Test
    void umeyamaRecoversAKnownSimilarity() {
        Geometry.Similarity truth = new Geometry.Similarity(0.8, 0.3, 12, -7);
        Geometry.Point[] from = FaceEngine.ARCFACE_112;
        Geometry.Point[] to = new Geometry.Point[from.length];
        for (int i = 0; i < from.length; i++) {
            to[i] = truth.apply(from[i]);
        }
        Geometry.Similarity fitted = Geometry.Similarity.fit(from, to);
        assertThat(fitted.a()).isCloseTo(0.8, offset(1e-9));
        assertThat(fitted.b()).isCloseTo(0.3, offset(1e-9));
        assertThat(fitted.tx()).isCloseTo(12, offset(1e-9));
        Geometry.Point back = fitted.inverse().apply(fitted.apply(new Geometry.Point(3, 4)));
        assertThat(back.x()).isCloseTo(3, offset(1e-9));
        assertThat(back.y()).isCloseTo(4, offset(1e-9));
    }
}

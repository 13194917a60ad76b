package io.selene.matcher.faces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.selene.matcher.candidates.Hits;
import io.selene.matcher.index.Scanner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A list at or above {@code quantised-from} is scanned over its int8 codes and re-ranked exactly; on a
 * seeded gallery the answers (ids, order and scores) equal those of the exact scan.
 */
class QuantisedListScanTest {

    private static final int D = 512;
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final Scanner scanner = new Scanner(workers, 2);

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    private static FaceIndexSettings settings(int quantisedFrom) {
        return new FaceIndexSettings(false, Duration.ofMillis(200), Duration.ofSeconds(5), quantisedFrom, 200,
                Duration.ofSeconds(5), org.springframework.util.unit.DataSize.ofGigabytes(3));
    }

    private static float[] gaussian(Random random) {
        float[] v = new float[D];
        for (int i = 0; i < D; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    /** {@code base} plus noise: the smaller {@code noise}, the closer. */
    private static float[] near(float[] base, float noise, Random random) {
        float[] other = gaussian(random);
        float[] v = new float[D];
        for (int i = 0; i < D; i++) {
            v[i] = base[i] + noise * other[i];
        }
        return v;
    }

    @Test
    void largeListsTakeTheInt8PathAndAnswerExactlyAsTheExactScan() {
        Random random = new Random(8);
        UUID account = UUID.randomUUID();
        UUID list = UUID.randomUUID();
        ListGalleries quantised = new ListGalleries(settings(20_000));
        ListGalleries exact = new ListGalleries(settings(Integer.MAX_VALUE));
        float[][] references = new float[16][];
        for (int q = 0; q < references.length; q++) {
            references[q] = gaussian(random);
        }
        for (int i = 0; i < 30_000; i++) {
            // every 1000th face is another photo of one of the references, at varying distance
            float[] descriptor = i % 1000 == 0 ? near(references[(i / 1000) % references.length], 0.3f + (i % 7) * 0.1f,
                    random) : gaussian(random);
            UUID face = new UUID(7, i);
            quantised.put(account, list, face, descriptor);
            exact.put(account, list, face, descriptor);
        }
        assertThat(quantised.quantised(quantised.size(list))).isTrue();
        assertThat(exact.quantised(exact.size(list))).isFalse();

        for (int limit : new int[] {1, 5, 50}) {
            for (float minCosine : new float[] {-1f, 0.3f}) {
                Hits[] approximate = quantised.scan(list, references, limit, minCosine, scanner).orElseThrow();
                Hits[] truth = exact.scan(list, references, limit, minCosine, scanner).orElseThrow();
                for (int q = 0; q < references.length; q++) {
                    assertThat(approximate[q].ids()).as("limit %d, cosine ≥ %s, reference %d", limit, minCosine, q)
                            .containsExactly(truth[q].ids());
                    for (int i = 0; i < truth[q].size(); i++) {
                        assertThat(approximate[q].cosines()[i]).isCloseTo(truth[q].cosines()[i],
                                offset(1e-6f));
                    }
                }
                if (minCosine > 0) {
                    // the planted photos are found: at least the nearest one per reference
                    assertThat(truth[0].size()).isPositive();
                }
            }
        }
    }
}

package io.selene.matcher.candidates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.selene.matcher.Vectors;
import io.selene.matcher.index.DescriptorMatrix;
import io.selene.matcher.index.Scanner;
import io.selene.matcher.index.TopK;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scanning a stream chunk by chunk answers exactly as scanning all of it at once. */
class StreamedScanTest {

    private static final int D = 512;
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final Scanner scanner = new Scanner(workers, 2);

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    private static float[] gaussian(Random random) {
        float[] v = new float[D];
        for (int i = 0; i < D; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    @Test
    void chunkedScanEqualsOneScanOfEveryRow() {
        Random random = new Random(11);
        float[][] rows = new float[7_000][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = gaussian(random);
        }
        float[][] references = new float[5][];
        for (int q = 0; q < references.length; q++) {
            references[q] = Vectors.unit(rows[q * 1_301]); // each reference is also a row: cosine 1
        }
        try (DescriptorMatrix all = new DescriptorMatrix(D, 254f)) {
            for (int i = 0; i < rows.length; i++) {
                all.put(new UUID(3, i), Vectors.unit(rows[i]));
            }
            for (int chunkRows : new int[] {1_000, 2_333, 10_000}) {
                for (float minCosine : new float[] {-1f, 0.1f}) {
                    TopK.Hit[][] truth = scanner.exact(all, references, 20, minCosine);
                    Hits[] streamed;
                    try (StreamedScan scan = new StreamedScan(scanner, references, 20, minCosine, chunkRows)) {
                        scan.add(new UUID(9, 9), new float[D]); // no direction: skipped
                        for (int i = 0; i < rows.length; i++) {
                            scan.add(new UUID(3, i), rows[i]);
                        }
                        streamed = scan.finish();
                    }
                    for (int q = 0; q < references.length; q++) {
                        assertThat(streamed[q].size()).isEqualTo(truth[q].length);
                        for (int i = 0; i < truth[q].length; i++) {
                            assertThat(streamed[q].ids()[i]).as("chunk %d rank %d", chunkRows, i)
                                    .isEqualTo(all.id(truth[q][i].row()));
                            assertThat(streamed[q].cosines()[i]).isCloseTo(truth[q][i].score(), offset(1e-6f));
                        }
                        assertThat(streamed[q].ids()[0]).isEqualTo(new UUID(3, q * 1_301));
                    }
                }
            }
        }
    }
}

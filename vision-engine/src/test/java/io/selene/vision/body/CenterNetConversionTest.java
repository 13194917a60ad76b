package io.selene.vision.body;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.selene.vision.TestPhotos;
import io.selene.vision.TfjsReference;
import io.selene.vision.image.RgbImage;

/**
 * The converted ONNX CenterNet (tools/tfjs-import) against the original TF.js graph model run
 * by TF.js itself (tfjs-core/-converter/-backend-cpu 4.22.0 on Node.js, pure-JS fp32 kernels), on
 * the same input tensors: real photos as BodyDetector letterboxes them, plus random noise.
 *
 * <p>Needs {@code node}, {@code bin/fetch-body-model} (the ONNX model and its TF.js source) and
 * {@code tools/tfjs-import/install-reference} (the node modules, outside git; {@link TfjsReference});
 * anything missing fails with the command to run.
 */
class CenterNetConversionTest {

    private static final int S = 512;
    private static final int GRID = 128;
    private static final int CLASSES = 80;
    /** The bar for the heatmap (probabilities 0..1). */
    private static final double HEATMAP_TOLERANCE = 1e-4;
    /**
     * wh is in input pixels (values up to a few hundred), so fp32 summation-order error is larger in
     * absolute terms (measured ≤ 8e-3). 0.05 input px is under 0.2 px on a 1920-pixel photo.
     */
    private static final double WH_TOLERANCE = 0.05;

    @TempDir
    Path work;

    @Test
    void theOnnxModelGivesTheOutputsOfTheTfjsModel() throws Exception {
        Path tfjsModel = BodyTestSupport.tfjsModel();

        try (BodyDetector detector = new BodyDetector(BodyTestSupport.modelPath())) {
            Map<String, float[]> inputs = new LinkedHashMap<>();
            inputs.put("person.jpg", letterboxed(detector, BodyTestSupport.decode(BodyTestSupport.darknet("person.jpg"))));
            inputs.put("kite.jpg", letterboxed(detector, BodyTestSupport.decode(BodyTestSupport.darknet("kite.jpg"))));
            inputs.put("sample1.jpg", letterboxed(detector, BodyTestSupport.decode(TestPhotos.sample(1))));
            float[] noise = new float[S * S * 3];
            java.util.Random random = new java.util.Random(7);
            for (int i = 0; i < noise.length; i++) {
                noise[i] = random.nextFloat() * 255f;
            }
            inputs.put("noise", noise);

            Map<String, Map<String, float[]>> reference = TfjsReference.run(tfjsModel, "tower_0/images",
                    new int[] {1, S, S, 3}, List.of("tower_0/keypoints", "tower_0/wh"), inputs, work);

            for (var entry : inputs.entrySet()) {
                String name = entry.getKey();
                BodyDetector.Outputs onnx = detector.run(entry.getValue(), detector.letterbox(S, S));
                float[] keypoints = reference.get(name).get("tower_0/keypoints");
                float[] wh = reference.get(name).get("tower_0/wh");
                assertThat(keypoints).hasSize(GRID * GRID * CLASSES);
                assertThat(wh).hasSize(GRID * GRID * 4);
                double heatDiff = maxAbsDiffNhwcVsNchw(keypoints, onnx.heatmap(), CLASSES);
                double whDiff = maxAbsDiffNhwcVsNchw(wh, onnx.wh(), 4);
                System.out.printf("CenterNet ONNX vs TF.js on %s: heatmap max |diff| %.3g, wh max |diff| %.3g%n",
                        name, heatDiff, whDiff);
                assertThat(heatDiff).as("heatmap max abs difference on " + name).isLessThanOrEqualTo(HEATMAP_TOLERANCE);
                assertThat(whDiff).as("wh max abs difference on " + name).isLessThanOrEqualTo(WH_TOLERANCE);
                assertThat(max(keypoints)).as("the reference heatmap is not all zero on " + name).isGreaterThan(0.01f);
            }
        }
    }

    private static float[] letterboxed(BodyDetector detector, RgbImage image) {
        return detector.input(image, detector.letterbox(image.width(), image.height()));
    }

    private static double maxAbsDiffNhwcVsNchw(float[] nhwc, float[] nchw, int channels) {
        assertThat(nchw).hasSize(nhwc.length);
        int plane = nhwc.length / channels;
        double max = 0;
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < channels; c++) {
                max = Math.max(max, Math.abs(nhwc[p * channels + c] - nchw[c * plane + p]));
            }
        }
        return max;
    }

    private static float max(float[] values) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}

package io.selene.vision.body;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.selene.vision.TestPhotos;
import io.selene.vision.VisionSettings;
import io.selene.vision.image.RgbImage;

/**
 * The converted ONNX CenterNet (tools/tfjs-import) against the original TF.js graph model run
 * by TF.js itself (tfjs-core/-converter/-backend-cpu 4.22.0 on Node.js, pure-JS fp32 kernels), on
 * the same input tensors: real photos as BodyDetector letterboxes them, plus random noise.
 *
 * <p>Needs {@code node}, {@code bin/fetch-body-model} (the ONNX model and its TF.js source) and
 * {@code tools/tfjs-import/install-reference} (the node modules, outside git); anything
 * missing fails with the command to run.
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
        Path nodeModules = nodeModules();
        Path script = VisionSettings.findUpwards(Path.of("tools", "tfjs-import", "reference")).resolve("reference.js");
        assertThat(script).as("tools/tfjs-import/reference/reference.js").isRegularFile();

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

            List<String> command = new ArrayList<>(List.of(node(), script.toString(), tfjsModel.toString(),
                    "tower_0/images", "1,512,512,3", "tower_0/keypoints,tower_0/wh"));
            Map<String, Path> files = new LinkedHashMap<>();
            for (var entry : inputs.entrySet()) {
                Path file = work.resolve(entry.getKey() + ".f32");
                write(file, entry.getValue());
                files.put(entry.getKey(), file);
                command.add(file.toString());
            }
            runReference(command, nodeModules);

            for (var entry : inputs.entrySet()) {
                String name = entry.getKey();
                BodyDetector.Outputs onnx = detector.run(entry.getValue(), detector.letterbox(S, S));
                float[] keypoints = read(Path.of(files.get(name) + ".keypoints.f32"), GRID * GRID * CLASSES);
                float[] wh = read(Path.of(files.get(name) + ".wh.f32"), GRID * GRID * 4);
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

    private static void runReference(List<String> command, Path nodeModules) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("NODE_PATH", nodeModules.toString());
        Path log = Files.createTempFile("centernet-reference", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        assertThat(finished && process.exitValue() == 0)
                .as("the TF.js reference (" + String.join(" ", command) + ") failed:\n" + output)
                .isTrue();
    }

    private static String node() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "node");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("Node.js (node) is not on the PATH; the CenterNet conversion test runs "
                + "TF.js on it — install nodejs");
    }

    private static Path nodeModules() {
        String configured = System.getenv("SELENE_CACHE_DIR");
        Path cache = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "selene");
        Path modules = cache.resolve("tfjs-reference").resolve("node_modules");
        for (String module : List.of("tfjs-core", "tfjs-converter", "tfjs-backend-cpu")) {
            if (!Files.isRegularFile(modules.resolve("@tensorflow").resolve(module).resolve("package.json"))) {
                throw new IllegalStateException("TF.js reference modules missing in " + modules + " (@tensorflow/"
                        + module + ") — run tools/tfjs-import/install-reference");
            }
        }
        return modules;
    }

    private static void write(Path file, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        Files.write(file, buffer.array());
    }

    private static float[] read(Path file, int count) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).as(file.toString()).hasSize(count * 4);
        float[] out = new float[count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}

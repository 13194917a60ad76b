package io.selene.vision;

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

import io.selene.vision.image.Geometry.Box;
import io.selene.vision.image.RgbImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LivenessEstimator} against the package's own JavaScript: {@code lib/fr_liveness.js} of
 * faceplugin-face-recognition-js@0.0.1 run in Node by tools/liveness-reference/reference.js, with the
 * package's OpenCV.js and onnxruntime-web, on the same decoded pixels and the same detector boxes.
 * Every face of the six test photos (their detector boxes), the mirrored photos, plus boxes that
 * reach past the image's edges, one too large for the image and one whose crop is exactly 256 pixels
 * (OpenCV's 2× area path). The crop and the model input must be identical; the score within 1e-4.
 *
 * <p>Needs {@code node} and {@code tools/liveness-reference/install-reference} (the package's files and
 * the node modules, outside git); anything missing fails with the command to run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LivenessReferenceTest {

    /** The bar for the score (a probability 0..1). */
    private static final double SCORE_TOLERANCE = 1e-4;

    private FaceEngine engine;

    @TempDir
    Path work;

    @BeforeAll
    void engine() {
        engine = new FaceEngine(VisionSettings.defaults(VisionSettings.modelsFromEnvironment()));
    }

    @AfterAll
    void close() {
        engine.close();
    }

    private record Case(String name, RgbImage image, List<Box> boxes) {
    }

    @Test
    void theEstimatorGivesThePackagesCropInputAndScore() throws Exception {
        List<Case> cases = new ArrayList<>();
        int faces = 0;
        for (int n = 1; n <= 6; n++) {
            RgbImage image = engine.decoder().decode(TestPhotos.sample(n)).image();
            List<Box> boxes = detectorBoxes(image);
            faces += boxes.size();
            cases.add(new Case("sample" + n, image, boxes));
            if (n == 1) {
                RgbImage mirrored = image.mirrored();
                cases.add(new Case("sample1-mirrored", mirrored, detectorBoxes(mirrored)));
                int w = image.width();
                int h = image.height();
                cases.add(new Case("sample1-edges", image, List.of(
                        new Box(-12.7, -30.2, 80.4, 70.9),                  // past the top-left corner
                        new Box(w - 60.5, h - 75.25, w + 10.0, h + 4.5),     // past the bottom-right corner
                        new Box(10, 10, w - 10, h - 10),                     // 2.7× is larger than the image
                        new Box(300.2, 200.9, 395.6, 295.3),                 // 95×95 → a 256×256 crop: 2× area
                        new Box(120.0, 90.0, 121.5, 91.9))));                // a tiny box
            }
        }
        assertThat(faces).as("faces found on the test photos").isGreaterThanOrEqualTo(20);

        List<String> command = new ArrayList<>(List.of(node(), script().toString(), packageDir().toString()));
        Map<Case, Path> inputs = new LinkedHashMap<>();
        for (Case c : cases) {
            Path rgba = work.resolve(c.name() + ".rgba");
            Files.write(rgba, rgba(c.image()));
            String boxes = String.join(", ", c.boxes().stream().map(b -> "[" + b.x1() + ", " + b.y1() + ", " + b.x2()
                    + ", " + b.y2() + "]").toList());
            Path input = work.resolve(c.name() + ".json");
            Files.writeString(input, "{\"rgba\": \"" + rgba.getFileName() + "\", \"width\": " + c.image().width()
                    + ", \"height\": " + c.image().height() + ", \"boxes\": [" + boxes + "]}");
            inputs.put(c, input);
            command.add(input.toString());
        }
        runReference(command);

        double worst = 0;
        int compared = 0;
        for (Case c : cases) {
            List<String[]> out = Files.readAllLines(Path.of(inputs.get(c) + ".out.txt")).stream()
                    .map(line -> line.split(" ")).toList();
            assertThat(out).as(c.name()).hasSize(c.boxes().size());
            for (int i = 0; i < c.boxes().size(); i++) {
                Box box = c.boxes().get(i);
                String what = c.name() + " box " + i + " " + box;
                byte[] jsCrop = Files.readAllBytes(work.resolve(out.get(i)[1]));
                int[] rect = LivenessEstimator.cropRect(c.image().width(), c.image().height(), box);
                byte[] crop = LivenessEstimator.crop(c.image(), box);
                assertThat(rgb(jsCrop)).as("the 128x128 crop of " + what + " (rect " + java.util.Arrays.toString(rect)
                        + ")").isEqualTo(crop);
                float[] jsInput = floats(Files.readAllBytes(work.resolve(out.get(i)[2])));
                assertThat(LivenessEstimator.input(c.image(), box)).as("the model input of " + what)
                        .isEqualTo(jsInput);
                double jsScore = Double.parseDouble(out.get(i)[0]);
                double score = engine.liveness(c.image(), box);
                System.out.printf("%s box %d: JS %.6f, Java %.6f%n", c.name(), i, jsScore, score);
                worst = Math.max(worst, Math.abs(score - jsScore));
                compared++;
                assertThat(score).as("the liveness score of " + what).isCloseTo(jsScore,
                        org.assertj.core.data.Offset.offset(SCORE_TOLERANCE));
            }
        }
        System.out.printf("Liveness: %d faces and boxes, crops and inputs identical to the package's JavaScript, "
                + "score max |diff| %.3g%n", compared, worst);
    }

    /** The detector boxes (not squared) of the faces found on an image. */
    private List<Box> detectorBoxes(RgbImage image) throws Exception {
        return engine.detect(image, VisionSettings.DEFAULT_DETECTION_THRESHOLD).stream()
                .map(FaceEngine.Detection::detectorBox).toList();
    }

    private static byte[] rgba(RgbImage image) {
        byte[] rgb = image.rgb();
        byte[] out = new byte[image.width() * image.height() * 4];
        for (int p = 0, q = 0; p < rgb.length; p += 3, q += 4) {
            out[q] = rgb[p];
            out[q + 1] = rgb[p + 1];
            out[q + 2] = rgb[p + 2];
            out[q + 3] = (byte) 255;
        }
        return out;
    }

    private static byte[] rgb(byte[] rgba) {
        byte[] out = new byte[rgba.length / 4 * 3];
        for (int p = 0, q = 0; q < rgba.length; p += 3, q += 4) {
            out[p] = rgba[q];
            out[p + 1] = rgba[q + 1];
            out[p + 2] = rgba[q + 2];
        }
        return out;
    }

    private static float[] floats(byte[] bytes) {
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    private static Path script() {
        Path script = VisionSettings.findUpwards(Path.of("tools", "liveness-reference")).resolve("reference.js");
        assertThat(script).as("tools/liveness-reference/reference.js").isRegularFile();
        return script;
    }

    private static Path cache() {
        String configured = System.getenv("SELENE_CACHE_DIR");
        Path cache = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "selene");
        return cache.resolve("liveness-reference");
    }

    private static Path packageDir() {
        Path dir = cache().resolve("faceplugin");
        if (!Files.isRegularFile(dir.resolve("lib").resolve("fr_liveness.js"))
                || !Files.isRegularFile(dir.resolve("js").resolve("opencv_js.wasm"))) {
            throw new IllegalStateException("The package's liveness JavaScript is missing in " + dir
                    + " — run tools/liveness-reference/install-reference");
        }
        return dir;
    }

    private static Path nodeModules() {
        Path modules = cache().resolve("node_modules");
        for (String module : List.of("onnxruntime-web", "ndarray", "ndarray-ops")) {
            if (!Files.isRegularFile(modules.resolve(module).resolve("package.json"))) {
                throw new IllegalStateException("Reference module " + module + " missing in " + modules
                        + " — run tools/liveness-reference/install-reference");
            }
        }
        return modules;
    }

    private static void runReference(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("NODE_PATH", nodeModules().toString());
        Path log = Files.createTempFile("liveness-reference", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        Files.deleteIfExists(log);
        assertThat(finished && process.exitValue() == 0)
                .as("the liveness reference (" + String.join(" ", command) + ") failed:\n" + output).isTrue();
    }

    private static String node() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "node");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("Node.js (node) is not on the PATH; the liveness reference test runs the "
                + "package's JavaScript on it — install nodejs");
    }
}

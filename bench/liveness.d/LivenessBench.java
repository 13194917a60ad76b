import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.selene.vision.Estimation;
import io.selene.vision.FaceAnalysis;
import io.selene.vision.FaceEngine;
import io.selene.vision.FaceOptions;
import io.selene.vision.VisionSettings;

/** See bench/liveness. Args: photos dir, rounds. */
public class LivenessBench {

    private static final FaceOptions BASE = FaceOptions.DETECT_ONLY;
    private static final FaceOptions DESCRIPTOR = BASE.withDescriptor();
    private static final FaceOptions LIVENESS = DESCRIPTOR.with(Estimation.LIVENESS);

    public static void main(String[] args) throws Exception {
        Path photos = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        List<byte[]> images = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            images.add(Files.readAllBytes(photos.resolve("sample" + n + ".jpg")));
        }
        List<Double> base = new ArrayList<>();
        List<Double> descriptor = new ArrayList<>();
        List<Double> liveness = new ArrayList<>();
        List<Double> stage = new ArrayList<>();
        int faces = 0;
        try (FaceEngine engine = new FaceEngine(VisionSettings.defaults(VisionSettings.modelsFromEnvironment()))) {
            for (int round = -3; round < rounds; round++) { // three warm-up rounds
                for (byte[] image : images) {
                    // the three option sets back to back on each image, in a rotating order
                    FaceOptions[] order = switch (Math.floorMod(round, 3)) {
                        case 0 -> new FaceOptions[] {BASE, DESCRIPTOR, LIVENESS};
                        case 1 -> new FaceOptions[] {LIVENESS, BASE, DESCRIPTOR};
                        default -> new FaceOptions[] {DESCRIPTOR, LIVENESS, BASE};
                    };
                    for (FaceOptions options : order) {
                        long t0 = System.nanoTime();
                        FaceAnalysis analysis = engine.analyze(image, options);
                        double ms = (System.nanoTime() - t0) / 1e6;
                        if (round < 0) {
                            continue;
                        }
                        int n = analysis.faces().size();
                        if (options == BASE) {
                            base.add(ms);
                            faces += n;
                        } else if (options == DESCRIPTOR) {
                            descriptor.add(ms);
                        } else {
                            liveness.add(ms);
                            stage.add(analysis.stageNanos().getOrDefault("liveness", 0L) / 1e6 / Math.max(1, n));
                        }
                    }
                }
            }
        }
        double facesPerImage = (double) faces / base.size();
        double b = median(base);
        double d = median(descriptor);
        double l = median(liveness);
        System.out.printf("images: %d (%d rounds of the 6 photos), %.2f faces per image%n", base.size(), rounds,
                facesPerImage);
        System.out.printf("median per image: base %.1f ms, + descriptor %.1f ms, + descriptor + liveness %.1f ms%n",
                b, d, l);
        System.out.printf("liveness stage alone (engine timer): median %.2f ms per face, p90 %.2f ms%n",
                median(stage), percentile(stage, 0.9));
        System.out.printf("added by liveness: %.2f ms per image = %.2f ms per face; %.1f %% of the descriptor "
                + "pipeline (%.2f ms per face)%n", l - d, (l - d) / facesPerImage, 100 * (l - d) / d,
                d / facesPerImage);
    }

    private static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }
}

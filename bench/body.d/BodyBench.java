import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.selene.vision.body.BodyDetector;
import io.selene.vision.image.ImageDecoder;
import io.selene.vision.image.RgbImage;

/** See bench/body. Args: model path, photos dir, iterations. */
public class BodyBench {

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        Path photos = Path.of(args[1]);
        int iterations = Integer.parseInt(args[2]);
        List<Path> files = new ArrayList<>();
        for (String name : List.of("person.jpg", "kite.jpg", "dog.jpg")) {
            files.add(photos.resolve("darknet").resolve(name));
        }
        for (int n = 1; n <= 6; n++) {
            files.add(photos.resolve("sample" + n + ".jpg"));
        }
        ImageDecoder decoder = new ImageDecoder(ImageDecoder.Limits.DEFAULT);
        try (BodyDetector detector = new BodyDetector(model)) {
            // warm-up: ONNX Runtime allocates its arenas on the first runs
            RgbImage warm = decoder.decode(Files.readAllBytes(files.getFirst())).image();
            for (int i = 0; i < 5; i++) {
                detector.detect(warm, BodyDetector.DEFAULT_SCORE_THRESHOLD);
            }
            System.out.printf("%-12s %10s %7s %9s %10s %9s %7s %6s%n", "photo", "size", "decode", "letterbox",
                    "inference", "peaks+nms", "total", "people");
            List<Double> allInference = new ArrayList<>();
            for (Path file : files) {
                byte[] bytes = Files.readAllBytes(file);
                double[] dec = new double[iterations], box = new double[iterations], inf = new double[iterations],
                        peaks = new double[iterations], total = new double[iterations];
                int people = 0;
                RgbImage image = null;
                for (int i = 0; i < iterations; i++) {
                    long t0 = System.nanoTime();
                    image = decoder.decode(bytes).image();
                    long t1 = System.nanoTime();
                    BodyDetector.Letterbox lb = detector.letterbox(image.width(), image.height());
                    float[] input = detector.input(image, lb);
                    long t2 = System.nanoTime();
                    BodyDetector.Outputs out = detector.run(input, lb);
                    long t3 = System.nanoTime();
                    people = detector.decode(out, BodyDetector.DEFAULT_SCORE_THRESHOLD, BodyDetector.DEFAULT_NMS_IOU).size();
                    long t4 = System.nanoTime();
                    dec[i] = (t1 - t0) / 1e6;
                    box[i] = (t2 - t1) / 1e6;
                    inf[i] = (t3 - t2) / 1e6;
                    peaks[i] = (t4 - t3) / 1e6;
                    total[i] = (t4 - t0) / 1e6;
                    allInference.add(inf[i]);
                }
                System.out.printf("%-12s %10s %7.1f %9.1f %10.1f %9.2f %7.1f %6d%n", file.getFileName(),
                        image.width() + "x" + image.height(), median(dec), median(box), median(inf), median(peaks),
                        median(total), people);
            }
            System.out.printf("inference over all photos: median %.1f ms, p90 %.1f ms (%d runs, %d iterations per photo)%n",
                    median(allInference.stream().mapToDouble(d -> d).toArray()),
                    percentile(allInference.stream().mapToDouble(d -> d).toArray(), 0.9), allInference.size(), iterations);
        }
    }

    static double median(double[] v) {
        return percentile(v, 0.5);
    }

    static double percentile(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.floor(p * s.length))];
    }
}

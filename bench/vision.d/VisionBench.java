import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.vision.FaceAnalysis;
import io.selene.vision.FaceEngine;
import io.selene.vision.FaceOptions;
import io.selene.vision.VisionSettings;
import io.selene.vision.image.ImageDecoder;

/** See bench/vision. Args: photos dir, handlers-service base URL, internal secret, iterations. */
public class VisionBench {

    public static void main(String[] args) throws Exception {
        Path photos = Path.of(args[0]);
        String base = args[1];
        String secret = args[2];
        int iterations = Integer.parseInt(args[3]);
        List<byte[]> images = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            images.add(Files.readAllBytes(photos.resolve("sample" + n + ".jpg")));
        }
        FaceOptions options = FaceOptions.DETECT_ONLY.withDescriptor();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String account = UUID.randomUUID().toString();

        Map<String, List<Double>> stages = new LinkedHashMap<>();
        List<Double> bare = new ArrayList<>();
        List<Double> overHttp = new ArrayList<>();
        List<Double> full = new ArrayList<>();
        List<Double> sub2 = new ArrayList<>();
        List<Double> sub4 = new ArrayList<>();
        int faces = 0;
        try (FaceEngine engine = new FaceEngine(VisionSettings.defaults(VisionSettings.modelsFromEnvironment()))) {
            ImageDecoder decoder = engine.decoder();
            for (int round = -2; round < iterations; round++) { // two warm-up rounds
                boolean measure = round >= 0;
                for (byte[] image : images) {
                    long t0 = System.nanoTime();
                    FaceAnalysis analysis = engine.analyze(image, options);
                    long t1 = System.nanoTime();
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/1/sdk?estimate_face_descriptor=1"))
                            .header("Content-Type", "image/jpeg")
                            .header("X-Selene-Internal-Secret", secret)
                            .header("X-Selene-Account-Id", account)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build();
                    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    long t2 = System.nanoTime();
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("/1/sdk answered " + response.statusCode() + " "
                                + new String(response.body()));
                    }
                    long t3 = System.nanoTime();
                    decoder.decode(image, 1);
                    long t4 = System.nanoTime();
                    decoder.decode(image, 2);
                    long t5 = System.nanoTime();
                    decoder.decode(image, 4);
                    long t6 = System.nanoTime();
                    if (measure) {
                        faces += analysis.faces().size();
                        bare.add((t1 - t0) / 1e6);
                        overHttp.add((t2 - t1) / 1e6);
                        full.add((t4 - t3) / 1e6);
                        sub2.add((t5 - t4) / 1e6);
                        sub4.add((t6 - t5) / 1e6);
                        analysis.stageNanos().forEach((stage, nanos) ->
                                stages.computeIfAbsent(stage, s -> new ArrayList<>()).add(nanos / 1e6));
                    }
                }
            }
        }
        int runs = bare.size();
        System.out.printf("photos: 6 (1920 px wide, 2.5-3.0 MP), %d faces per round, %d measured runs per mode%n",
                faces / iterations, runs);
        System.out.println();
        System.out.println("(a) bare pipeline, per image (ms, median over all runs):");
        double stageSum = 0;
        for (Map.Entry<String, List<Double>> e : stages.entrySet()) {
            // stages missing in a run (no face) count as 0
            List<Double> values = new ArrayList<>(e.getValue());
            while (values.size() < runs) {
                values.add(0.0);
            }
            double m = median(values);
            stageSum += m;
            System.out.printf("  %-12s %8.1f%n", e.getKey(), m);
        }
        double a = median(bare);
        double b = median(overHttp);
        double decode = median(stages.get("decode"));
        System.out.printf("  %-12s %8.1f   (sum of stage medians %.1f)%n", "total", a, stageSum);
        System.out.println();
        System.out.printf("(b) POST /1/sdk?estimate_face_descriptor=1 over HTTP, per image: median %.1f ms%n", b);
        System.out.printf("ratio b/a = %.3f   (goal <= 1.15)%n", b / a);
        System.out.printf("decode share of (a) = %.1f %%   (goal <= 25 %%)%n", 100 * decode / a);
        System.out.println();
        System.out.println("JPEG decode options (ms, median):");
        System.out.printf("  full resolution       %8.1f%n", median(full));
        System.out.printf("  subsampled 1/2        %8.1f%n", median(sub2));
        System.out.printf("  subsampled 1/4        %8.1f%n", median(sub4));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

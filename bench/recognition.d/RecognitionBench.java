import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Recognition accuracy through /6 (bench/recognition; not a test) on a folder {@code DIR/<identity>/<images>}.
 *
 * <ul>
 * <li>every image: {@code POST /6/sdk?estimate_face_descriptor=1} (timed: latency per image), the
 *     biggest face kept; an image without a face counts as "no face";</li>
 * <li>verification: every pair of descriptors through {@code POST /6/matcher/raw} (the platform's
 *     similarity); genuine = same identity, impostor = different; TAR at FAR 1e-2/1e-3/1e-4 with the
 *     similarity threshold, EER;</li>
 * <li>identification, rank 1, through face lists and {@code POST /6/matcher/faces}: each identity
 *     enrols its first K = ceil(n/2) images, the others are probes (identities with one image are
 *     distractors). Three galleries: the first image only (LUNA's face list), every one of the K
 *     images as its own face (a person matched by the best of its descriptors) and one face from
 *     {@code /6/extractor?aggregate_attributes=1} over the K samples (a person matched by the mean).</li>
 * </ul>
 *
 *   java -cp <jackson> RecognitionBench.java <api-url> <login> <password> <DIR> <versions, e.g. 201>
 */
public final class RecognitionBench {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final double[] FARS = {1e-2, 1e-3, 1e-4};
    private static final int REFERENCES_PER_REQUEST = 100;
    private static final int CANDIDATES_PER_REQUEST = 1000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String api;
    private final String auth;

    private RecognitionBench(String api, String login, String password) {
        this.api = api;
        this.auth = "Basic " + Base64.getEncoder().encodeToString((login + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    record Image(String identity, int index, Path path) {
    }

    /** One image's face: its descriptor (sdk base64), and its stored sample when it is enrolled. */
    record Probe(Image image, String sdkDescriptor, double millis) {
    }

    public static void main(String[] args) throws Exception {
        RecognitionBench bench = new RecognitionBench(args[0], args[1], args[2]);
        if (args[3].equals("--make-test-set")) {
            bench.makeTestSet(Path.of(args[4]), Path.of(args[5]));
            return;
        }
        Path dir = Path.of(args[3]);
        List<Integer> versions = Arrays.stream(args[4].split(",")).map(String::trim).map(Integer::valueOf).toList();
        Map<String, List<Image>> identities = identities(dir);
        int images = identities.values().stream().mapToInt(List::size).sum();
        System.out.printf("%s: %d identities, %d images%n", dir, identities.size(), images);
        Map<Integer, Map<String, String>> columns = new LinkedHashMap<>();
        for (int version : versions) {
            columns.put(version, bench.measure(identities, version));
        }
        System.out.println();
        StringBuilder header = new StringBuilder("| descriptor version |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int version : versions) {
            header.append(' ').append(version).append(" |");
            rule.append("---|");
        }
        System.out.println(header);
        System.out.println(rule);
        for (String row : columns.values().iterator().next().keySet()) {
            StringBuilder line = new StringBuilder("| ").append(row).append(" |");
            for (Map<String, String> column : columns.values()) {
                line.append(' ').append(column.get(row)).append(" |");
            }
            System.out.println(line);
        }
    }

    /**
     * An identity folder from photos whose people are all different (the six test photos): each face
     * found by {@code /6/sdk} is an identity, and its images are five variants of one shot: a crop of
     * twice its box, the crop mirrored, at 60 %, as a quality-25 JPEG and a tight crop (1.3× the box).
     * Variants of one photo are far easier than different photos of a person: a smoke test of the
     * tool and of robustness, not an accuracy figure.
     */
    private void makeTestSet(Path photos, Path out) throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(photos)) {
            files = list.filter(p -> "image/jpeg".equals(contentType(p))).sorted().toList();
        }
        int identities = 0;
        int dropped = 0;
        for (Path file : files) {
            java.awt.image.BufferedImage photo = javax.imageio.ImageIO.read(file.toFile());
            JsonNode sdk = send("POST", "/6/sdk", "image/jpeg", Files.readAllBytes(file));
            int n = 0;
            for (JsonNode estimation : sdk.get("images_estimations").get(0).get("estimations")) {
                JsonNode rect = estimation.get("face").get("detection").get("rect");
                double cx = rect.get("x").asDouble() + rect.get("width").asDouble() / 2;
                double cy = rect.get("y").asDouble() + rect.get("height").asDouble() / 2;
                double side = Math.max(rect.get("width").asDouble(), rect.get("height").asDouble());
                Path folder = out.resolve(file.getFileName().toString().replaceFirst("\\.[^.]+$", "") + "-face" + ++n);
                Files.createDirectories(folder);
                java.awt.image.BufferedImage wide = crop(photo, cx, cy, side * 2);
                write(wide, folder.resolve("1-crop.jpg"), 0.9f);
                java.awt.image.BufferedImage mirrored = new java.awt.image.BufferedImage(wide.getWidth(),
                        wide.getHeight(), java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
                mirrored.createGraphics().drawImage(wide, wide.getWidth(), 0, -wide.getWidth(), wide.getHeight(), null);
                write(mirrored, folder.resolve("2-mirrored.jpg"), 0.9f);
                java.awt.image.BufferedImage small = new java.awt.image.BufferedImage((int) (wide.getWidth() * 0.6),
                        (int) (wide.getHeight() * 0.6), java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
                java.awt.Graphics2D g = small.createGraphics();
                g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                        java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(wide, 0, 0, small.getWidth(), small.getHeight(), null);
                write(small, folder.resolve("3-small.jpg"), 0.9f);
                write(wide, folder.resolve("4-jpeg25.jpg"), 0.25f);
                write(crop(photo, cx, cy, side * 1.3), folder.resolve("5-tight.jpg"), 0.9f);
                dropped += dropOffCentre(folder);
                identities++;
            }
        }
        System.out.printf("%s: %d identities x 5 variants from %d photos; %d variants dropped (their biggest face"
                + " is not the one at the centre)%n", out, identities, files.size(), dropped);
    }

    /**
     * Deletes the variants whose biggest face (the one the measurement takes) is not the face at their
     * centre: a crop around one face may hold a neighbour, and a label on the wrong face is an error of
     * the data set, not of the platform. Returns how many it deleted.
     */
    private int dropOffCentre(Path folder) throws Exception {
        int dropped = 0;
        List<Path> variants;
        try (Stream<Path> list = Files.list(folder)) {
            variants = list.sorted().toList();
        }
        for (Path variant : variants) {
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(variant.toFile());
            JsonNode biggest = biggest(send("POST", "/6/sdk", "image/jpeg", Files.readAllBytes(variant))
                    .get("images_estimations").get(0).get("estimations"), "face");
            boolean centred = false;
            if (biggest != null) {
                JsonNode rect = biggest.get("face").get("detection").get("rect");
                double dx = rect.get("x").asDouble() + rect.get("width").asDouble() / 2 - image.getWidth() / 2.0;
                double dy = rect.get("y").asDouble() + rect.get("height").asDouble() / 2 - image.getHeight() / 2.0;
                centred = Math.hypot(dx, dy) < 0.25 * Math.min(image.getWidth(), image.getHeight());
            }
            if (!centred) {
                System.out.println("dropped " + variant + (biggest == null ? " (no face)" : " (a neighbour is biggest)"));
                Files.delete(variant);
                dropped++;
            }
        }
        return dropped;
    }

    private static java.awt.image.BufferedImage crop(java.awt.image.BufferedImage photo, double cx, double cy,
            double side) {
        int x1 = (int) Math.max(0, Math.round(cx - side / 2));
        int y1 = (int) Math.max(0, Math.round(cy - side / 2));
        int x2 = (int) Math.min(photo.getWidth(), Math.round(cx + side / 2));
        int y2 = (int) Math.min(photo.getHeight(), Math.round(cy + side / 2));
        java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(x2 - x1, y2 - y1,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        out.createGraphics().drawImage(photo.getSubimage(x1, y1, x2 - x1, y2 - y1), 0, 0, null);
        return out;
    }

    private static void write(java.awt.image.BufferedImage image, Path file, float quality) throws Exception {
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
        try (javax.imageio.stream.ImageOutputStream stream = javax.imageio.ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(stream);
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static Map<String, List<Image>> identities(Path dir) throws Exception {
        Map<String, List<Image>> identities = new LinkedHashMap<>();
        try (Stream<Path> folders = Files.list(dir)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(folder)) {
                    List<Path> paths = files.filter(p -> contentType(p) != null).sorted().toList();
                    List<Image> list = new ArrayList<>();
                    for (Path p : paths) {
                        list.add(new Image(folder.getFileName().toString(), list.size(), p));
                    }
                    if (!list.isEmpty()) {
                        identities.put(folder.getFileName().toString(), list);
                    }
                }
            }
        }
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("no DIR/<identity>/<images> in " + dir);
        }
        return identities;
    }

    private Map<String, String> measure(Map<String, List<Image>> identities, int version) throws Exception {
        Map<String, String> rows = new LinkedHashMap<>();
        List<Probe> faces = new ArrayList<>();
        List<Double> latencies = new ArrayList<>();
        int noFace = 0;
        int images = 0;
        for (List<Image> list : identities.values()) {
            for (Image image : list) {
                images++;
                long start = System.nanoTime();
                JsonNode sdk = send("POST", "/6/sdk?estimate_face_descriptor=1&descriptor_version=" + version,
                        contentType(image.path()), Files.readAllBytes(image.path()));
                double millis = (System.nanoTime() - start) / 1e6;
                latencies.add(millis);
                JsonNode biggest = biggest(sdk.get("images_estimations").get(0).get("estimations"), "face");
                if (biggest == null) {
                    noFace++;
                    continue;
                }
                String descriptor = biggest.get("face").get("attributes").get("descriptor").get("sdk_descriptor")
                        .asString();
                faces.add(new Probe(image, descriptor, millis));
            }
        }
        rows.put("identities / images", identities.size() + " / " + images);
        rows.put("no face", noFace + " of " + images);
        latencies.sort(null);
        rows.put("latency per image, POST /6/sdk p50 / p95 ms", "%.0f / %.0f".formatted(
                percentile(latencies, 0.50), percentile(latencies, 0.95)));

        // verification: every pair through /6/matcher/raw
        List<Double> genuine = new ArrayList<>();
        List<Double> impostor = new ArrayList<>();
        // the three most similar impostor pairs and the three least similar genuine pairs, to see labelling slips
        List<Pair> highImpostors = new ArrayList<>();
        List<Pair> lowGenuines = new ArrayList<>();
        for (int from = 0; from < faces.size(); from += REFERENCES_PER_REQUEST) {
            List<Probe> references = faces.subList(from, Math.min(faces.size(), from + REFERENCES_PER_REQUEST));
            for (int c = 0; c < faces.size(); c += CANDIDATES_PER_REQUEST) {
                List<Probe> candidates = faces.subList(c, Math.min(faces.size(), c + CANDIDATES_PER_REQUEST));
                ObjectNode body = JSON.createObjectNode();
                body.put("limit", candidates.size());
                ArrayNode refs = body.putArray("references");
                for (int i = 0; i < references.size(); i++) {
                    refs.addObject().put("id", Integer.toString(from + i)).put("type", "sdk_descriptor")
                            .put("data", references.get(i).sdkDescriptor());
                }
                ArrayNode cands = body.putArray("candidates");
                for (int j = 0; j < candidates.size(); j++) {
                    cands.addObject().put("id", Integer.toString(c + j)).put("type", "sdk_descriptor")
                            .put("data", candidates.get(j).sdkDescriptor());
                }
                JsonNode answer = send("POST", "/6/matcher/raw", "application/json", JSON.writeValueAsBytes(body));
                for (JsonNode reference : answer.get("matches")) {
                    int i = Integer.parseInt(reference.get("reference_id").asString());
                    for (JsonNode match : reference.get("matches")) {
                        int j = Integer.parseInt(match.get("candidate_id").asString());
                        if (j > i) {
                            boolean same = faces.get(i).image().identity().equals(faces.get(j).image().identity());
                            double similarity = match.get("similarity").asDouble();
                            (same ? genuine : impostor).add(similarity);
                            Pair pair = new Pair(similarity, faces.get(i).image().path(), faces.get(j).image().path());
                            keep(same ? lowGenuines : highImpostors, pair, same ? 1 : -1);
                        }
                    }
                }
            }
        }
        rows.put("genuine / impostor pairs", genuine.size() + " / " + impostor.size());
        System.out.printf("version %d, most similar impostor pairs:%n", version);
        highImpostors.forEach(p -> System.out.printf("  %.4f %s %s%n", p.similarity(), p.a(), p.b()));
        System.out.printf("version %d, least similar genuine pairs:%n", version);
        lowGenuines.forEach(p -> System.out.printf("  %.4f %s %s%n", p.similarity(), p.a(), p.b()));
        impostor.sort(null);
        genuine.sort(null);
        for (double far : FARS) {
            String name = "TAR at FAR " + (far == 1e-2 ? "1e-2" : far == 1e-3 ? "1e-3" : "1e-4") + " (threshold)";
            if (impostor.size() * far < 1 || genuine.isEmpty()) {
                rows.put(name, "n/a (needs " + (int) Math.ceil(1 / far) + "+ impostor pairs)");
                continue;
            }
            // the smallest threshold with at most far · impostors above it
            int allowed = (int) Math.floor(far * impostor.size());
            double threshold = impostor.get(impostor.size() - 1 - allowed);
            long accepted = genuine.stream().filter(s -> s > threshold).count();
            rows.put(name, "%.1f %% (%.4f)".formatted(100.0 * accepted / genuine.size(), threshold));
        }
        rows.put("EER (threshold)", genuine.isEmpty() || impostor.isEmpty() ? "n/a" : eer(genuine, impostor));

        // identification through face lists: the matcher's galleries hold version-201 descriptors only
        if (version != 201) {
            for (String row : List.of("probes (images after the first ceil(n/2) of each identity)",
                    "rank-1, face list (first image enrolled)",
                    "rank-1, person best-of (first ceil(n/2) images, one face each)",
                    "rank-1, person mean (aggregate_attributes over the same images)")) {
                rows.put(row, "n/a (face lists match version 201)");
            }
            return rows;
        }
        String single = list("recognition-bench single " + version);
        String bestOf = list("recognition-bench best-of " + version);
        String mean = list("recognition-bench mean " + version);
        int enrolledSingle = 0;
        int enrolledBestOf = 0;
        int enrolledMean = 0;
        List<Probe> probes = new ArrayList<>();
        for (List<Image> list : identities.values()) {
            int k = (list.size() + 1) / 2;
            List<String> samples = new ArrayList<>();
            for (Image image : list.subList(0, k)) {
                String sample = sample(image);
                if (sample == null) {
                    continue;
                }
                samples.add(sample);
                String attribute = extract(List.of(sample), version, false);
                face(attribute, image.identity(), bestOf);
                enrolledBestOf++;
                if (samples.size() == 1) {
                    face(attribute, image.identity(), single);
                    enrolledSingle++;
                }
            }
            if (!samples.isEmpty()) {
                face(extract(samples, version, true), list.getFirst().identity(), mean);
                enrolledMean++;
            }
            for (Probe probe : faces) {
                if (probe.image().identity().equals(list.getFirst().identity()) && probe.image().index() >= k
                        && !samples.isEmpty()) {
                    probes.add(probe);
                }
            }
        }
        awaitIndexed(single, enrolledSingle, faces.getFirst());
        awaitIndexed(bestOf, enrolledBestOf, faces.getFirst());
        awaitIndexed(mean, enrolledMean, faces.getFirst());
        rows.put("probes (images after the first ceil(n/2) of each identity)", Integer.toString(probes.size()));
        rows.put("rank-1, face list (first image enrolled)", rank1(single, probes, enrolledSingle + " faces"));
        rows.put("rank-1, person best-of (first ceil(n/2) images, one face each)",
                rank1(bestOf, probes, enrolledBestOf + " faces"));
        rows.put("rank-1, person mean (aggregate_attributes over the same images)",
                rank1(mean, probes, enrolledMean + " faces"));
        for (String list : List.of(single, bestOf, mean)) {
            send("DELETE", "/6/lists/" + list + "?with_faces=1", null, null);
        }
        return rows;
    }

    record Pair(double similarity, Path a, Path b) {
    }

    /** Keeps the three pairs first in {@code order} (1: ascending similarity, −1: descending). */
    private static void keep(List<Pair> kept, Pair pair, int order) {
        kept.add(pair);
        kept.sort((x, y) -> order * Double.compare(x.similarity(), y.similarity()));
        if (kept.size() > 3) {
            kept.removeLast();
        }
    }

    private String rank1(String list, List<Probe> probes, String gallery) throws Exception {
        if (probes.isEmpty()) {
            return "n/a (no identity has 2+ images)";
        }
        int right = 0;
        for (Probe probe : probes) {
            JsonNode best = match(list, probe, 1);
            if (best.size() > 0 && probe.image().identity().equals(best.get(0).get("face").get("external_id").asString())) {
                right++;
            }
        }
        return "%d / %d = %.1f %% (%s)".formatted(right, probes.size(), 100.0 * right / probes.size(), gallery);
    }

    private JsonNode match(String list, Probe probe, int limit) throws Exception {
        String body = "{\"references\":[{\"type\":\"sdk_descriptor\",\"id\":\"probe\",\"data\":\""
                + probe.sdkDescriptor() + "\"}],\"candidates\":[{\"filters\":{\"origin\":\"faces\",\"list_id\":\""
                + list + "\"},\"limit\":" + limit + ",\"targets\":[\"face_id\",\"external_id\",\"similarity\"]}]}";
        return send("POST", "/6/matcher/faces", "application/json", body.getBytes(StandardCharsets.UTF_8))
                .get(0).get("matches").get(0).get("candidates");
    }

    /** The matcher follows Faces' changes asynchronously: waits until it sees every face of the list. */
    private void awaitIndexed(String list, int count, Probe any) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (match(list, any, Math.min(count, 1000)).size() < Math.min(count, 1000)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the matcher does not see the " + count + " faces of list " + list);
            }
            Thread.sleep(100);
        }
    }

    private String list(String userData) throws Exception {
        return send("POST", "/6/lists", "application/json",
                JSON.writeValueAsBytes(Map.of("user_data", userData))).get("list_id").asString();
    }

    /** The stored sample of the image's biggest face, or null when it has none. */
    private String sample(Image image) throws Exception {
        JsonNode detected = send("POST", "/6/detector", contentType(image.path()), Files.readAllBytes(image.path()));
        JsonNode biggest = biggest(detected.get("images").get(0).get("detections").get("samples"), "face");
        return biggest == null ? null : biggest.get("face").get("sample_id").asString();
    }

    private String extract(List<String> samples, int version, boolean aggregate) throws Exception {
        JsonNode answer = send("POST", "/6/extractor?extract_descriptor=1&descriptor_version=" + version
                + (aggregate ? "&aggregate_attributes=1" : ""), "application/json", JSON.writeValueAsBytes(samples));
        return answer.get(0).get("attribute_id").asString();
    }

    private void face(String attribute, String identity, String list) throws Exception {
        send("POST", "/6/faces", "application/json", JSON.writeValueAsBytes(Map.of("attribute_id", attribute,
                "external_id", identity, "lists", List.of(list))));
    }

    /** The entry whose {@code key}.detection.rect is biggest, or null for none. */
    private static JsonNode biggest(JsonNode entries, String key) {
        JsonNode best = null;
        double bestArea = -1;
        if (entries == null) {
            return null;
        }
        for (JsonNode entry : entries) {
            JsonNode rect = entry.path(key).path("detection").path("rect");
            double area = rect.path("width").asDouble() * rect.path("height").asDouble();
            if (entry.has(key) && area > bestArea) {
                bestArea = area;
                best = entry;
            }
        }
        return best;
    }

    /** EER: where the false reject and false accept rates cross, over the observed similarities. */
    private static String eer(List<Double> genuine, List<Double> impostor) {
        double bestGap = Double.MAX_VALUE;
        String best = "n/a";
        List<Double> thresholds = new ArrayList<>(genuine);
        thresholds.addAll(impostor);
        thresholds.sort(null);
        for (double t : thresholds) {
            double frr = genuine.stream().filter(s -> s < t).count() / (double) genuine.size();
            double far = impostor.stream().filter(s -> s >= t).count() / (double) impostor.size();
            if (Math.abs(frr - far) < bestGap) {
                bestGap = Math.abs(frr - far);
                best = "%.2f %% (%.4f)".formatted(100 * (frr + far) / 2, t);
            }
        }
        return best;
    }

    private static double percentile(List<Double> sorted, double q) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }

    private static String contentType(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".bmp")) {
            return "image/bmp";
        }
        return null;
    }

    private JsonNode send(String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", auth)
                .timeout(Duration.ofMinutes(5));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}

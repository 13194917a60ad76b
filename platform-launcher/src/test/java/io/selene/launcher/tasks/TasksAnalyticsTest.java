package io.selene.launcher.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.imageio.ImageIO;

import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.launcher.TestPlatform;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.ServiceConventionsTest;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * clustering, cross_match, roc and schedules through {@code /6} with real models and photos. Every face of
 * the six test photos is an identity; each is stored three times as a face of the account: from the photo,
 * from the mirrored photo and from the photo at 60 % (descriptors by {@code POST /6/sdk}), the originals in
 * list A and the variants in list B, so the right clusters and matches are known.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasksAnalyticsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestPlatform platform;
    private HttpProbe api;
    private String listA;
    private String listB;
    /** face id → identity ("s<photo>f<face>"). */
    private final Map<String, String> identity = new LinkedHashMap<>();
    /** identity → face id in list A (the original photo). */
    private final Map<String, String> original = new LinkedHashMap<>();
    /** face id → its unit descriptor (what the platform stored). */
    private final Map<String, float[]> descriptors = new HashMap<>();
    /** face id → its raw descriptor (base64), to store copies of a face. */
    private final Map<String, String> raw = new HashMap<>();

    @BeforeAll
    void faces() {
        platform = TestPlatform.shared();
        api = platform.newAccount().api();
        listA = created(api.post("/6/lists", "{\"user_data\": \"originals\"}"), "list_id");
        listB = created(api.post("/6/lists", "{\"user_data\": \"variants\"}"), "list_id");
        for (int photo = 1; photo <= 6; photo++) {
            byte[] jpeg = TestPhotos.sample(photo);
            BufferedImage image = read(jpeg);
            List<JsonNode> faces = detect(jpeg);
            assertThat(faces).as("faces on sample" + photo).hasSize(TestPhotos.FACES.get(photo - 1));
            List<double[]> centres = new ArrayList<>();
            for (int f = 0; f < faces.size(); f++) {
                String who = "s" + photo + "f" + f;
                centres.add(centre(faces.get(f)));
                String id = face(faces.get(f), listA);
                identity.put(id, who);
                original.put(who, id);
            }
            // the same faces on the mirrored photo and on the photo at 60 %, matched by position
            storeVariant(mirrored(image), photo, centres, c -> new double[] {image.getWidth() - c[0], c[1]});
            storeVariant(scaled(image, 0.6), photo, centres, c -> new double[] {c[0] * 0.6, c[1] * 0.6});
        }
    }

    private void storeVariant(byte[] jpeg, int photo, List<double[]> centres,
            java.util.function.UnaryOperator<double[]> moved) {
        List<JsonNode> faces = detect(jpeg);
        assertThat(faces).as("faces on a variant of sample" + photo).hasSize(centres.size());
        Set<Integer> taken = new HashSet<>();
        for (JsonNode face : faces) {
            double[] at = centre(face);
            int nearest = -1;
            double distance = Double.MAX_VALUE;
            for (int f = 0; f < centres.size(); f++) {
                double[] expected = moved.apply(centres.get(f));
                double dd = Math.hypot(expected[0] - at[0], expected[1] - at[1]);
                if (dd < distance) {
                    distance = dd;
                    nearest = f;
                }
            }
            assertThat(taken.add(nearest)).as("one variant face per original face").isTrue();
            identity.put(face(face, listB), "s" + photo + "f" + nearest);
        }
    }

    private List<JsonNode> detect(byte[] jpeg) {
        HttpProbe.Answer answer = api.post("/6/sdk?estimate_face_descriptor=1", "image/jpeg", jpeg);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<JsonNode> faces = new ArrayList<>();
        answer.json().get("images_estimations").get(0).get("estimations").forEach(e -> faces.add(e.get("face")));
        return faces;
    }

    private static double[] centre(JsonNode face) {
        JsonNode rect = face.get("detection").get("rect");
        return new double[] {rect.get("x").asDouble() + rect.get("width").asDouble() / 2,
                rect.get("y").asDouble() + rect.get("height").asDouble() / 2};
    }

    private String face(JsonNode face, String list) {
        DescriptorCodec.Descriptor descriptor = DescriptorCodec.fromSdkBase64(face.get("attributes").get("descriptor")
                .get("sdk_descriptor").asString());
        String id = created(api.post("/6/faces", "{\"descriptors\": [{\"version\": 201, \"data\": \""
                + descriptor.rawBase64() + "\"}], \"lists\": [\"" + list + "\"]}"), "face_id");
        float[] unit = descriptor.values().clone();
        double squares = 0;
        for (float v : unit) {
            squares += (double) v * v;
        }
        for (int k = 0; k < unit.length; k++) {
            unit[k] /= (float) Math.sqrt(squares);
        }
        descriptors.put(id, unit);
        raw.put(id, descriptor.rawBase64());
        return id;
    }

    private static String created(HttpProbe.Answer answer, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().get(field).asString();
    }

    private static BufferedImage read(byte[] jpeg) {
        try {
            return ImageIO.read(new ByteArrayInputStream(jpeg));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] jpeg(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpeg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] mirrored(BufferedImage image) {
        BufferedImage flipped = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = flipped.createGraphics();
        g.drawImage(image, image.getWidth(), 0, -image.getWidth(), image.getHeight(), null);
        g.dispose();
        return jpeg(flipped);
    }

    private static byte[] scaled(BufferedImage image, double scale) {
        int w = (int) Math.round(image.getWidth() * scale);
        int h = (int) Math.round(image.getHeight() * scale);
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return jpeg(small);
    }

    private JsonNode done(long task) {
        JsonNode view = TaskProbes.await(api, task, Duration.ofMinutes(3));
        assertThat(view.get("task_status").asInt()).as(view + " errors: " + api.get("/6/tasks/" + task + "/errors")
                .text()).isEqualTo(5);
        return view;
    }

    private JsonNode resultJson(long task) {
        HttpProbe.Answer result = api.get("/6/tasks/" + task + "/result");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        return result.json();
    }

    @Test
    void anotherAccountsFacesAreNeverClusteredMatchedOrScored() {
        HttpProbe other = platform.newAccount().api();
        // B names A's lists: nothing of A is selected, so no A face id reaches B's results
        List<String> bodies = List.of(
                "clustering", "{\"content\": {\"objects_type\": \"faces\", \"filters\": {\"list_id\": \"" + listB + "\"}}}",
                "cross_match", "{\"content\": {\"references\": {\"objects_type\": \"faces\", \"filters\": {\"list_id\": \""
                        + listA + "\"}}, \"candidates\": {\"objects_type\": \"faces\", \"filters\": {\"list_id\": \"" + listB
                        + "\"}}, \"limit\": 2, \"threshold\": 0.5}}");
        for (int i = 0; i < bodies.size(); i += 2) {
            HttpProbe.Answer created = other.post("/6/tasks/" + bodies.get(i), bodies.get(i + 1));
            StringBuilder seen = new StringBuilder(created.text());
            if (created.status() == 201) {
                long task = created.json().get("task_id").asLong();
                JsonNode view = TaskProbes.await(other, task, Duration.ofMinutes(3));
                seen.append(view).append(other.get("/6/tasks/" + task + "/errors").text())
                        .append(other.get("/6/tasks/" + task + "/result").text());
            } else {
                // refused at once as a list that does not exist (for B)
                ServiceConventionsTest.assertLunaError(created, 22003);
                assertThat(created.status()).as(created.toString()).isEqualTo(404);
            }
            for (String faceOfA : identity.keySet()) {
                assertThat(seen.toString()).as(bodies.get(i) + " of B over A's lists").doesNotContain(faceOfA);
            }
        }
        // B scores pairs of A's faces: they have no descriptor for B, so no similarity is answered
        String pairsOfA = "{\"content\": {\"markup\": {\"pairs\": [{\"id1\": \""
                + original.get("s1f0") + "\", \"id2\": \"" + original.get("s2f0") + "\", \"same\": 0}, {\"id1\": \""
                + original.get("s1f0") + "\", \"id2\": \"" + original.get("s1f1") + "\", \"same\": 1}]}}}";
        long roc = TaskProbes.create(other, "roc", pairsOfA);
        JsonNode view = TaskProbes.await(other, roc, Duration.ofMinutes(2));
        assertThat(view.get("task_status").asInt()).as(view.toString()).isEqualTo(3);
        List<Integer> codes = new ArrayList<>();
        other.get("/6/tasks/" + roc + "/errors").json().get("errors").forEach(e -> codes.add(e.get("error_code").asInt()));
        assertThat(codes).contains(28121);
        assertThat(other.get("/6/tasks/" + roc + "/result").status()).isEqualTo(404);
        // and A's own tasks are not B's to read
        assertThat(other.get("/6/tasks/" + TaskProbes.create(api, "roc", pairsOfA)).status()).isEqualTo(404);
    }

    @Test
    void clusteringOfRealPhotosGroupsEachPersonsFacesAtTheDefaultThreshold() {
        long task = TaskProbes.create(api, "clustering", "{\"content\": {\"objects_type\": \"faces\", \"filters\": "
                + "{\"list_id\": \"" + listB + "\"}}}");
        JsonNode view = done(task);
        assertThat(view.get("task_type").asInt()).isZero();
        assertThat(view.get("content").get("threshold").asDouble()).isEqualTo(0.9);
        // list B: the mirrored and scaled face of every identity
        JsonNode result = resultJson(task);
        assertThat(result.get("objects_count").asInt()).isEqualTo(44);
        Map<String, Integer> clusterOf = new HashMap<>();
        List<Set<String>> people = new ArrayList<>();
        for (JsonNode cluster : result.get("clusters")) {
            Set<String> who = new HashSet<>();
            List<String> members = new ArrayList<>();
            cluster.get("members").forEach(m -> members.add(m.asString()));
            assertThat(cluster.get("size").asInt()).isEqualTo(members.size());
            assertThat(members).contains(cluster.get("representative").asString());
            for (String member : members) {
                who.add(identity.get(member));
                assertThat(clusterOf.put(member, cluster.get("cluster_id").asInt())).isNull();
            }
            people.add(who);
        }
        assertThat(clusterOf).hasSize(44);
        // exact: the clusters are the connected components of "similarity >= 0.9" over the stored descriptors
        List<String> faces = new ArrayList<>(clusterOf.keySet());
        for (int i = 0; i < faces.size(); i++) {
            for (int j = i + 1; j < faces.size(); j++) {
                if (similarity(faces.get(i), faces.get(j)) >= 0.9) {
                    assertThat(clusterOf.get(faces.get(j))).as("an edge joins " + faces.get(i) + " and "
                            + faces.get(j)).isEqualTo(clusterOf.get(faces.get(i)));
                }
            }
        }
        // and they are the people: each identity's two variants together, except where the model itself scores
        // them below the threshold (the full profile on sample2: mirrored and scaled it aligns differently)
        Map<String, Set<Integer>> clustersOfIdentity = new HashMap<>();
        clusterOf.forEach((face, cluster) -> clustersOfIdentity.computeIfAbsent(identity.get(face),
                k -> new HashSet<>()).add(cluster));
        List<String> split = clustersOfIdentity.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .map(Map.Entry::getKey).toList();
        assertThat(split).as("identities split").isSubsetOf(List.of("s2f1"));
        // people are not merged, except at most the look-alike pair the benchmark names (sample1 / sample3)
        List<Set<String>> merged = people.stream().filter(p -> p.size() > 1).toList();
        assertThat(merged).as("clusters holding several identities").allSatisfy(p -> assertThat(p).hasSize(2));
        assertThat(merged.size()).as("merged: " + merged).isLessThanOrEqualTo(1);
        assertThat(people).hasSize(22 + split.size() - merged.size());
    }

    private double similarity(String a, String b) {
        float[] x = descriptors.get(a);
        float[] y = descriptors.get(b);
        double dot = 0;
        for (int k = 0; k < x.length; k++) {
            dot += (double) x[k] * y[k];
        }
        return io.selene.commons.descriptor.Similarity.fromCosine(dot);
    }

    private String copy(String face, String list) {
        return created(api.post("/6/faces", "{\"descriptors\": [{\"version\": 201, \"data\": \"" + raw.get(face)
                + "\"}], \"lists\": [\"" + list + "\"]}"), "face_id");
    }

    private static Set<Set<String>> partition(JsonNode result) {
        Set<Set<String>> out = new HashSet<>();
        for (JsonNode cluster : result.get("clusters")) {
            Set<String> members = new HashSet<>();
            cluster.get("members").forEach(m -> members.add(m.asString()));
            out.add(members);
        }
        return out;
    }

    @Test
    void incrementalClusteringAddsNewFacesAndDropsDeletedOnesLikeAFullRun() {
        String list = created(api.post("/6/lists", "{\"user_data\": \"incremental\"}"), "list_id");
        String variant = identity.entrySet().stream().filter(e -> e.getValue().equals("s4f0")
                && !e.getKey().equals(original.get("s4f0"))).findFirst().orElseThrow().getKey();
        copy(original.get("s4f0"), list);
        copy(original.get("s5f0"), list);
        String gone = copy(original.get("s6f0"), list);
        String filters = "\"objects_type\": \"faces\", \"filters\": {\"list_id\": \"" + list + "\"}";
        long first = TaskProbes.create(api, "clustering", "{\"content\": {" + filters + "}}");
        done(first);
        assertThat(resultJson(first).get("objects_count").asInt()).isEqualTo(3);

        String added = copy(variant, list);
        assertThat(api.send("DELETE", "/6/faces/" + gone).status()).isEqualTo(204);
        long next = TaskProbes.create(api, "clustering", "{\"content\": {" + filters + ", \"previous_task_id\": "
                + first + "}}");
        done(next);
        JsonNode result = resultJson(next);
        assertThat(result.get("objects_count").asInt()).isEqualTo(3);
        JsonNode incremental = result.get("incremental");
        assertThat(incremental.get("previous_task_id").asLong()).isEqualTo(first);
        assertThat(incremental.get("new_objects").asInt()).isEqualTo(1);
        assertThat(incremental.get("removed_objects").asInt()).isEqualTo(1);
        assertThat(incremental.get("splits")).isEmpty();
        assertThat(partition(result).stream().flatMap(Set::stream)).contains(added).doesNotContain(gone);
        // the same partition as clustering the list from scratch
        long full = TaskProbes.create(api, "clustering", "{\"content\": {" + filters + "}}");
        done(full);
        assertThat(partition(result)).isEqualTo(partition(resultJson(full)));

        // continuing needs the same threshold and the account's own task
        HttpProbe.Answer other = api.post("/6/tasks/clustering", "{\"content\": {" + filters
                + ", \"threshold\": 0.8, \"previous_task_id\": " + first + "}}");
        assertThat(other.status()).as(other.toString()).isEqualTo(400);
        ServiceConventionsTest.assertLunaError(other, 28127);
        HttpProbe.Answer foreign = platform.newAccount().api().post("/6/tasks/clustering", "{\"content\": {"
                + "\"objects_type\": \"faces\", \"previous_task_id\": " + first + "}}");
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(400);
        ServiceConventionsTest.assertLunaError(foreign, 28127);
        assertThat(foreign.json().get("detail").asString()).contains("not found");
    }

    @Test
    void averageLinkageAtAStricterThreshold() {
        long task = TaskProbes.create(api, "clustering", "{\"content\": {\"objects_type\": \"faces\", \"filters\": "
                + "{\"list_id\": \"" + listA + "\"}, \"threshold\": 0.999, \"linkage\": \"average\"}}");
        done(task);
        JsonNode result = resultJson(task);
        // the originals are 22 different faces: at 0.999 nobody joins anybody
        assertThat(result.get("clusters_count").asInt()).isEqualTo(22);
        assertThat(result.get("linkage").asString()).isEqualTo("average");
    }

    @Test
    void clusteringOfEventsOfAHandler() {
        HttpProbe.Answer handler = api.post("/6/handlers", "{\"description\": \"clustering\", \"policies\": "
                + "{\"extract_policy\": {\"extract_face_descriptor\": 1}}}");
        String handlerId = created(handler, "handler_id");
        int faces = 0;
        for (int photo : new int[] {4, 5}) {
            byte[] jpeg = TestPhotos.sample(photo);
            for (byte[] image : List.of(jpeg, mirrored(read(jpeg)))) {
                HttpProbe.Answer events = api.post("/6/handlers/" + handlerId + "/events", "image/jpeg", image);
                assertThat(events.status()).as(events.toString()).isEqualTo(201);
            }
            faces += TestPhotos.FACES.get(photo - 1);
        }
        long task = TaskProbes.create(api, "clustering", "{\"content\": {\"objects_type\": \"events\", "
                + "\"filters\": {\"handler_ids\": [\"" + handlerId + "\"]}}}");
        done(task);
        JsonNode result = resultJson(task);
        // each face of the two photos twice (the photo and its mirror image): one person per face
        assertThat(result.get("objects_type").asString()).isEqualTo("events");
        assertThat(result.get("objects_count").asInt()).isEqualTo(2 * faces);
        assertThat(result.get("clusters")).allSatisfy(c -> assertThat(c.get("size").asInt()).isBetween(1, 2));
        assertThat(result.get("clusters_count").asInt()).isBetween(faces, faces + 1);
    }

    @Test
    void crossMatchFindsEachOriginalsOwnVariantsFirst() {
        long task = TaskProbes.create(api, "cross_match", "{\"content\": {\"references\": {\"objects_type\": \"faces\", "
                + "\"filters\": {\"list_id\": \"" + listA + "\"}}, \"candidates\": {\"objects_type\": \"faces\", "
                + "\"filters\": {\"list_id\": \"" + listB + "\"}}, \"limit\": 2, \"threshold\": 0.5}}");
        JsonNode view = done(task);
        assertThat(view.get("task_type").asInt()).isEqualTo(3);
        JsonNode result = resultJson(task);
        assertThat(result.get("references_count").asInt()).isEqualTo(22);
        assertThat(result.get("candidates_count").asInt()).isEqualTo(44);
        int right = 0;
        for (JsonNode match : result.get("matches")) {
            String who = identity.get(match.get("reference_id").asString());
            JsonNode candidates = match.get("candidates");
            assertThat(candidates.size()).isBetween(0, 2);
            double previous = 1.0;
            for (JsonNode candidate : candidates) {
                double similarity = candidate.get("similarity").asDouble();
                assertThat(similarity).isBetween(0.5, previous);
                previous = similarity;
            }
            if (candidates.size() == 2 && identity.get(candidates.get(0).get("candidate_id").asString()).equals(who)
                    && identity.get(candidates.get(1).get("candidate_id").asString()).equals(who)) {
                right++;
            }
        }
        // the profile on sample2 may lose its mirrored twin; every other identity finds both its variants first
        assertThat(right).isGreaterThanOrEqualTo(21);
    }

    @Test
    void rocOfTheIdentitiesIsAZipOfNumbersAndARealPlot() throws IOException {
        StringBuilder labels = new StringBuilder();
        identity.forEach((face, who) -> labels.append(labels.isEmpty() ? "" : ", ").append("{\"id\": \"")
                .append(face).append("\", \"label\": \"").append(who).append("\"}"));
        long task = TaskProbes.create(api, "roc", "{\"content\": {\"objects_type\": \"faces\", \"markup\": "
                + "{\"labels\": [" + labels + "]}}}");
        JsonNode view = done(task);
        assertThat(view.get("task_type").asInt()).isEqualTo(7);
        HttpProbe.Answer result = api.get("/6/tasks/" + task + "/result");
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.header("Content-Type")).startsWith("application/zip");
        assertThat(result.header("Content-Disposition")).isEqualTo("attachment; filename=task_" + task + ".zip");
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(result.body()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        assertThat(entries).containsOnlyKeys("roc.json", "roc.png", "roc.svg");
        assertThat(new String(entries.get("roc.svg"), java.nio.charset.StandardCharsets.UTF_8)).contains("<svg").contains("ROC (EER ");
        JsonNode roc = JSON.readTree(entries.get("roc.json"));
        // 66 faces of 22 people: 22 × 3 genuine pairs, the rest impostors
        assertThat(roc.get("genuine_pairs").asInt()).isEqualTo(66);
        assertThat(roc.get("impostor_pairs").asInt()).isEqualTo(66 * 65 / 2 - 66);
        assertThat(roc.get("eer").asDouble()).isBetween(0.0, 0.1);
        assertThat(roc.get("far_points")).hasSize(5);
        assertThat(roc.get("far_points").get(0).get("far").asDouble()).isEqualTo(0.01);
        assertThat(roc.get("far_points").get(0).get("measurable").asBoolean()).isTrue();
        assertThat(roc.get("far_points").get(0).get("tar").asDouble()).isGreaterThan(0.8);
        assertThat(roc.get("far_points").get(4).get("measurable").asBoolean()).isFalse();
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(entries.get("roc.png")));
        assertThat(png.getWidth()).isEqualTo(800);
        assertThat(png.getHeight()).isEqualTo(600);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < png.getHeight(); y += 4) {
            for (int x = 0; x < png.getWidth(); x += 4) {
                colours.add(png.getRGB(x, y));
            }
        }
        assertThat(colours).as("not blank").hasSizeGreaterThan(10);
    }

    @Test
    void badMarkupAndAnUnknownIdAreLunaErrors() {
        HttpProbe.Answer bad = api.post("/6/tasks/roc", "{\"content\": {\"markup\": {\"pairs\": [{\"id1\": \"x\", "
                + "\"id2\": \"y\", \"same\": 1}]}}}");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        ServiceConventionsTest.assertLunaError(bad, 28120);
        assertThat(bad.json().get("detail").asString()).contains("content.markup.pairs[0].id1");
        // ids with no descriptor: errors of the task, and with nothing left the task fails
        long task = TaskProbes.create(api, "roc", "{\"content\": {\"markup\": {\"pairs\": [{\"id1\": \""
                + original.get("s1f0") + "\", \"id2\": \"00000000-0000-4000-8000-000000000001\", \"same\": 1}, "
                + "{\"id1\": \"" + original.get("s1f0") + "\", \"id2\": \"" + original.get("s2f0") + "\", \"same\": 0}]}}}");
        JsonNode view = TaskProbes.await(api, task, Duration.ofMinutes(2));
        assertThat(view.get("task_status").asInt()).isEqualTo(3);
        List<Integer> codes = new ArrayList<>();
        api.get("/6/tasks/" + task + "/errors").json().get("errors").forEach(e -> codes.add(e.get("error_code").asInt()));
        assertThat(codes).contains(28121, 28120, 28126);
        HttpProbe.Answer noResult = api.get("/6/tasks/" + task + "/result");
        assertThat(noResult.status()).isEqualTo(404);
        HttpProbe.Answer filter = api.post("/6/tasks/clustering", "{\"content\": {\"objects_type\": \"faces\", "
                + "\"filters\": {\"list_id\": \"not-a-uuid\"}}}");
        assertThat(filter.status()).as(filter.toString()).isEqualTo(400);
        assertThat(filter.json().get("detail").asString()).contains("content.filters");
    }

    @Test
    void aCancelledClusteringHasNoResult() {
        long task = TaskProbes.create(api, "clustering", "{\"content\": {\"objects_type\": \"faces\", \"filters\": "
                + "{\"list_id\": \"" + listB + "\"}}}");
        HttpProbe.Answer cancel = api.send("PATCH", "/6/tasks/" + task, "application/json", "{}".getBytes());
        JsonNode view = TaskProbes.await(api, task, Duration.ofMinutes(2));
        if (cancel.status() == 200) {
            assertThat(view.get("task_status").asInt()).isEqualTo(2);
            HttpProbe.Answer result = api.get("/6/tasks/" + task + "/result");
            assertThat(result.status()).isEqualTo(400);
            ServiceConventionsTest.assertLunaError(result, 28025);
        } else {
            // it finished first: then it is not cancellable
            ServiceConventionsTest.assertLunaError(cancel, 28100);
        }
    }

    @Test
    void schedulesThroughTheGateway() {
        HttpProbe.Answer created = api.post("/6/tasks/schedules", "{\"cron\": \"0 3 * * *\", \"task\": {\"task_type\": "
                + "\"clustering\", \"content\": {\"objects_type\": \"faces\", \"filters\": {\"list_id\": \"" + listB
                + "\"}}}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("schedule_id").asString();
        assertThat(created.header("Location")).isEqualTo("/6/tasks/schedules/" + id);
        JsonNode one = api.get("/6/tasks/schedules/" + id).json();
        assertThat(one.get("task").get("task_type").asInt()).isZero();
        assertThat(one.get("status").asString()).isEqualTo("running");
        assertThat(api.get("/6/tasks/schedules").json().get("schedules")).extracting(s -> s.get("schedule_id")
                .asString()).contains(id);
        HttpProbe.Answer stopped = api.send("PATCH", "/6/tasks/schedules/" + id, "application/json",
                "{\"action\": \"stop\"}".getBytes());
        assertThat(stopped.json().get("status").asString()).isEqualTo("stopped");
        HttpProbe.Answer cron = api.post("/6/tasks/schedules", "{\"cron\": \"0 25 * * *\", \"task\": {\"task_type\": "
                + "\"roc\", \"content\": {}}}");
        assertThat(cron.status()).isEqualTo(400);
        ServiceConventionsTest.assertLunaError(cron, 28122);
        HttpProbe.Answer badId = api.get("/6/tasks/schedules/123");
        assertThat(badId.status()).isEqualTo(400);
        ServiceConventionsTest.assertLunaError(badId, 101);
        // a schedule that fires every second creates tasks of its type for the account
        HttpProbe.Answer every = api.post("/6/tasks/schedules", "{\"cron\": \"* * * * * *\", \"task\": {\"task_type\": "
                + "\"clustering\", \"description\": \"every second\", \"content\": {\"objects_type\": \"faces\", "
                + "\"filters\": {\"list_id\": \"" + listA + "\"}}}}");
        String everyId = every.json().get("schedule_id").asString();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode fired;
        do {
            TaskProbes.sleep(200);
            fired = api.get("/6/tasks/schedules/" + everyId).json();
        } while (fired.get("tasks_created").asInt() < 2 && System.nanoTime() < until);
        assertThat(fired.get("tasks_created").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(api.send("DELETE", "/6/tasks/schedules/" + everyId).status()).isEqualTo(204);
        long last = fired.get("last_task_id").asLong();
        JsonNode task = api.get("/6/tasks/" + last).json();
        assertThat(task.get("description").asString()).isEqualTo("every second");
        assertThat(task.get("task_type").asInt()).isZero();
        assertThat(api.send("DELETE", "/6/tasks/schedules/" + id).status()).isEqualTo(204);
        assertThat(api.get("/6/tasks/schedules/" + id).status()).isEqualTo(404);
    }
}

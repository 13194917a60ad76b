package io.selene.launcher.tasks;

import static io.selene.launcher.tasks.TaskProbes.create;
import static io.selene.launcher.tasks.TaskProbes.done;
import static io.selene.launcher.tasks.TaskProbes.errors;
import static io.selene.launcher.tasks.TaskProbes.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.sun.net.httpserver.HttpServer;
import io.selene.launcher.TestPlatform;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every task type through {@code /6} on the shared platform (accounts, gateway, image-store, faces, events,
 * matcher, handlers and tasks in this JVM, real models and photos), with subtasks of 20 objects or 4
 * images: results read back through {@code /6/tasks/{id}/result}, the stored state checked through the
 * owners' routes, bad input refused or kept as per-item errors, and cancel measured.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasksEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestPlatform platform;
    private TestPlatform.Account account;
    private HttpProbe api;
    private HttpServer images;
    private final List<Long> slowRequests = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws IOException {
        platform = TestPlatform.shared();
        account = platform.newAccount();
        api = account.api();
        images = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        images.createContext("/photo.jpg", exchange -> {
            byte[] photo = TestPhotos.sample(2);
            exchange.sendResponseHeaders(200, photo.length);
            exchange.getResponseBody().write(photo);
            exchange.close();
        });
        images.createContext("/slow/", exchange -> {
            slowRequests.add(System.currentTimeMillis());
            TaskProbes.sleep(1500);
            byte[] photo = TestPhotos.sample(1);
            exchange.sendResponseHeaders(200, photo.length);
            exchange.getResponseBody().write(photo);
            exchange.close();
        });
        images.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        images.start();
    }

    @AfterAll
    void stop() {
        images.stop(0);
    }

    private String imagesUrl() {
        return "http://127.0.0.1:" + images.getAddress().getPort();
    }

    private List<String> faces(int n, String userData) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpProbe.Answer answer = api.post("/6/faces", "{\"user_data\": \"" + userData + "\", \"external_id\": \"x"
                    + i + "\"}");
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            ids.add(answer.json().get("face_id").asString());
        }
        return ids;
    }

    private String handler(String policies) {
        HttpProbe.Answer answer = api.post("/6/handlers", "{\"description\": \"tasks\", \"policies\": " + policies + "}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().get("handler_id").asString();
    }

    private String storeFaceSample() {
        HttpProbe.Answer answer = platform.internal("image-store-service", account.id())
                .post("/1/buckets/face-samples/images", "image/jpeg", TestPhotos.sample(1));
        assertThat(answer.status()).isEqualTo(201);
        return answer.json().get("image_id").asString();
    }

    /** An event as a handler stores it (straight into events-service). */
    private String event(String handler, String createTime, int gender, int age, String sample) {
        String detection = sample == null ? "" : ", \"detections\": [{\"samples\": {\"face\": {\"sample_id\": \""
                + sample + "\", \"detection\": {\"rect\": {\"x\": 1, \"y\": 2, \"width\": 50, \"height\": 60}}}}}]";
        HttpProbe.Answer answer = platform.internal("events-service", account.id()).post("/2/events",
                "{\"events\": [{\"handler_id\": \"" + handler + "\", \"create_time\": \"" + createTime + "\", "
                        + "\"face_attributes\": {\"basic_attributes\": {\"age\": " + age + ", \"gender\": " + gender
                        + "}}" + detection + "}]}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().get("events").get(0).get("event_id").asString();
    }

    @Test
    void exporterAndLinkerWorkOnEveryFaceOfTheFiltersExactlyOnce() throws Exception {
        String marker = "export-" + UUID.randomUUID();
        Set<String> created = new HashSet<>(faces(45, marker));

        long csv = create(api, "exporter", "{\"description\": \"csv\", \"content\": {\"objects_type\": \"faces\", "
                + "\"filters\": {\"user_data\": \"" + marker + "\"}, \"targets\": [\"face_id\", \"user_data\", "
                + "\"external_id\"]}}");
        JsonNode view = done(api, csv);
        assertThat(view.get("count_task_parts_all").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(view.get("task_type").asInt()).isEqualTo(2);
        HttpProbe.Answer table = result(api, csv);
        assertThat(table.header("Content-Type")).startsWith("text/csv");
        assertThat(table.header("Content-Disposition")).isEqualTo("attachment; filename=task_" + csv + ".csv");
        List<String> lines = table.text().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("face_id,user_data,external_id");
        Set<String> exported = new HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            assertThat(cells[1]).isEqualTo(marker);
            exported.add(cells[0]);
        }
        assertThat(lines).hasSize(46);
        assertThat(exported).isEqualTo(created);
        assertThat(api.get("/6/tasks/" + csv + "/subtasks").json().get("subtasks")).hasSize(
                view.get("count_task_parts_all").asInt());

        long json = create(api, "exporter", "{\"content\": {\"objects_type\": \"faces\", \"filters\": {\"user_data\": \""
                + marker + "\"}, \"format\": \"json\"}}");
        done(api, json);
        JsonNode rows = JSON.readTree(result(api, json).body());
        assertThat(rows).hasSize(45);
        assertThat(rows.get(0).has("create_time")).isTrue();

        long linker = create(api, "linker", "{\"content\": {\"objects_type\": \"faces\", \"filters\": {\"user_data\": \""
                + marker + "\"}, \"create_list\": 1, \"list_data\": {\"user_data\": \"linked by a task\"}}}");
        done(api, linker);
        JsonNode linked = JSON.readTree(result(api, linker).body());
        List<String> linkedFaces = new ArrayList<>();
        linked.get("faces").forEach(face -> linkedFaces.add(face.asString()));
        assertThat(linkedFaces).hasSize(45).doesNotHaveDuplicates();
        assertThat(new HashSet<>(linkedFaces)).isEqualTo(created);
        JsonNode list = api.get("/6/lists/" + linked.get("list_id").asString()).json();
        assertThat(list.get("face_count").asInt()).isEqualTo(45);
        assertThat(list.get("user_data").asString()).isEqualTo("linked by a task");

        long empty = create(api, "exporter", "{\"content\": {\"objects_type\": \"faces\", \"filters\": {\"user_data\": "
                + "\"nothing-" + UUID.randomUUID() + "\"}, \"targets\": [\"face_id\"]}}");
        JsonNode emptyView = done(api, empty);
        assertThat(emptyView.get("count_task_parts_all").asInt()).isZero();
        assertThat(result(api, empty).text()).isEqualTo("face_id\r\n");
    }

    @Test
    void gcCountsFirstThenDeletesEventsWithTheirSamplesAndOnlyThoseOfTheFilters() {
        String handler = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        List<String> samples = List.of(storeFaceSample(), storeFaceSample(), storeFaceSample());
        List<String> doomed = new ArrayList<>();
        for (String sample : samples) {
            doomed.add(event(handler, "2026-01-10T10:00:00Z", 1, 30, sample));
        }
        String kept = event(other, "2026-01-10T10:00:00Z", 0, 40, null);

        long dryRun = create(api, "gc", "{\"content\": {\"target\": \"events\", \"filters\": {\"handler_ids\": [\""
                + handler + "\"]}, \"remove_samples\": 1, \"dry_run\": 1}}");
        done(api, dryRun);
        JsonNode counted = JSON.readTree(result(api, dryRun).body());
        assertThat(counted.get("selected").asInt()).isEqualTo(3);
        assertThat(counted.get("deleted").asInt()).isZero();
        assertThat(api.get("/6/events/" + doomed.getFirst()).status()).isEqualTo(200);

        long gc = create(api, "gc", "{\"content\": {\"target\": \"events\", \"filters\": {\"handler_ids\": [\""
                + handler + "\"], \"create_time__lt\": \"now-1d\"}, \"remove_samples\": 1}}");
        done(api, gc);
        JsonNode deleted = JSON.readTree(result(api, gc).body());
        assertThat(deleted.get("deleted").asInt()).isEqualTo(3);
        assertThat(deleted.get("removed_samples").asInt()).isEqualTo(3);
        for (String id : doomed) {
            assertThat(api.get("/6/events/" + id).status()).isEqualTo(404);
        }
        for (String sample : samples) {
            assertThat(api.get("/6/samples/faces/" + sample).status()).isEqualTo(404);
        }
        assertThat(api.get("/6/events/" + kept).status()).isEqualTo(200);

        String marker = "gc-" + UUID.randomUUID();
        List<String> faces = faces(5, marker);
        String survivor = faces(1, "kept-" + UUID.randomUUID()).getFirst();
        long faceGc = create(api, "gc", "{\"content\": {\"target\": \"faces\", \"filters\": {\"user_data\": \""
                + marker + "\"}}}");
        done(api, faceGc);
        assertThat(JSON.readTree(result(api, faceGc).body()).get("deleted").asInt()).isEqualTo(5);
        faces.forEach(face -> assertThat(api.get("/6/faces/" + face).status()).isEqualTo(404));
        assertThat(api.get("/6/faces/" + survivor).status()).isEqualTo(200);
    }

    @Test
    void reporterCountsPerDayHandlerAndGender() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        event(a, "2026-02-01T08:00:00Z", 1, 20, null);
        event(a, "2026-02-01T09:00:00Z", 1, 40, null);
        event(a, "2026-02-01T10:00:00Z", 0, 30, null);
        event(a, "2026-02-02T10:00:00Z", 0, 50, null);
        event(b, "2026-02-02T11:00:00Z", 1, 60, null);
        long report = create(api, "reporter", "{\"content\": {\"objects_type\": \"events\", \"filters\": "
                + "{\"handler_ids\": [\"" + a + "\", \"" + b + "\"]}, \"group_by\": [{\"column\": \"create_time\", "
                + "\"period\": \"day\"}, {\"column\": \"handler_id\"}, {\"column\": \"gender\"}], "
                + "\"aggregates\": [\"count\", \"avg_age\", \"max_age\"]}}");
        done(api, report);
        List<String> expected = new ArrayList<>(List.of("create_time_day,handler_id,gender,count,avg_age,max_age",
                "2026-02-01," + a + ",0,1,30.0,30", "2026-02-01," + a + ",1,2,30.0,40",
                "2026-02-02," + a + ",0,1,50.0,50", "2026-02-02," + b + ",1,1,60.0,60"));
        List<String> lines = result(api, report).text().lines().toList();
        assertThat(lines.getFirst()).isEqualTo(expected.getFirst());
        assertThat(lines.subList(1, lines.size())).containsExactlyInAnyOrderElementsOf(expected.subList(1, 5));
    }

    @Test
    void additionalExtractionGivesFacesTheDescriptorOfTheirStoredSamples() throws IOException {
        HttpProbe.Answer detected = api.post("/6/detector", "image/jpeg", TestPhotos.sample(1));
        assertThat(detected.status()).as(detected.toString()).isEqualTo(201);
        List<String> samples = new ArrayList<>();
        detected.json().get("images").get(0).get("detections").get("samples")
                .forEach(sample -> samples.add(sample.get("face").get("sample_id").asString()));
        assertThat(samples).hasSizeGreaterThanOrEqualTo(2);
        String marker = "extract-" + UUID.randomUUID();
        List<String> faces = new ArrayList<>();
        for (String sample : samples) {
            HttpProbe.Answer face = api.post("/6/faces", "{\"user_data\": \"" + marker + "\", \"sample_ids\": [\""
                    + sample + "\"]}");
            assertThat(face.status()).isEqualTo(201);
            faces.add(face.json().get("face_id").asString());
        }
        String broken = api.post("/6/faces", "{\"user_data\": \"" + marker + "\", \"sample_ids\": [\""
                + UUID.randomUUID() + "\"]}").json().get("face_id").asString();

        long task = create(api, "additional_extract", "{\"content\": {\"extraction_target\": \"face_descriptor\", "
                + "\"options\": {\"descriptor_version\": 201, \"missing\": 1}, \"filters\": {\"objects_type\": "
                + "\"faces\", \"user_data\": \"" + marker + "\"}}}");
        done(api, task);
        JsonNode outcome = JSON.readTree(result(api, task).body());
        List<String> extracted = new ArrayList<>();
        outcome.get("extracted").forEach(id -> extracted.add(id.asString()));
        assertThat(extracted).containsExactlyInAnyOrderElementsOf(faces);
        assertThat(outcome.get("failed_count").asInt()).isEqualTo(1);
        List<JsonNode> errors = errors(api, task);
        assertThat(errors).hasSize(1);
        assertThat(errors.getFirst().get("error_code").asInt()).isEqualTo(14011);
        assertThat(errors.getFirst().get("additional_info").get("face_id").asString()).isEqualTo(broken);

        // the stored descriptor is exactly what the extractor makes of the same sample
        String sample = samples.getFirst();
        HttpProbe.Answer attribute = api.post("/6/extractor", "[\"" + sample + "\"]");
        assertThat(attribute.status()).as(attribute.toString()).isEqualTo(201);
        String attributeId = attribute.json().get(0).get("attribute_id").asString();
        String expected = api.get("/6/attributes/" + attributeId).json().get("descriptors").get(0).get("data").asString();
        JsonNode stored = api.get("/6/faces/" + faces.getFirst() + "/attributes").json().get("attributes");
        assertThat(stored.get("descriptors").get(0).get("version").asInt()).isEqualTo(201);
        assertThat(stored.get("descriptors").get(0).get("data").asString()).isEqualTo(expected);

        long again = create(api, "additional_extract", "{\"content\": {\"options\": {\"missing\": 1}, \"filters\": "
                + "{\"objects_type\": \"faces\", \"user_data\": \"" + marker + "\"}}}");
        done(api, again);
        assertThat(JSON.readTree(result(api, again).body()).get("extracted_count").asInt()).isZero();
        // the export of these faces with their samples: a zip of the table and each sample as stored
        long export = create(api, "exporter", "{\"content\": {\"objects_type\": \"faces\", \"filters\": "
                + "{\"face_ids\": [\"" + faces.getFirst() + "\"]}, \"targets\": [\"face_id\", \"sample_ids\"], "
                + "\"with_samples\": 1}}");
        done(api, export);
        HttpProbe.Answer zip = result(api, export);
        assertThat(zip.header("Content-Type")).isEqualTo("application/zip");
        Map<String, byte[]> unpacked = new HashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(
                zip.body()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                unpacked.put(entry.getName(), in.readAllBytes());
            }
        }
        assertThat(new String(unpacked.get("faces.csv"), StandardCharsets.UTF_8))
                .isEqualTo("face_id,sample_ids\r\n" + faces.getFirst() + "," + sample + "\r\n");
        assertThat(unpacked.get("samples/" + sample + ".jpg")).isEqualTo(api.get("/6/samples/faces/" + sample).body());
    }

    @Test
    void additionalExtractionOfEventsWritesTheirDescriptors() {
        String handler = handler("{\"extract_policy\": {\"extract_face_descriptor\": 0}}");
        HttpProbe.Answer generated = api.post("/6/handlers/" + handler + "/events", "image/jpeg", TestPhotos.sample(1));
        assertThat(generated.status()).as(generated.toString()).isEqualTo(201);
        List<String> events = new ArrayList<>();
        generated.json().get("events").forEach(event -> events.add(event.get("event_id").asString()));
        assertThat(events).hasSize(TestPhotos.FACES.getFirst());
        HttpProbe internal = platform.internal("events-service", account.id());
        String ids = String.join(",", events);
        assertThat(internal.get("/2/events/descriptors?event_ids=" + ids).json().get("descriptors")).isEmpty();

        long task = create(api, "additional_extract", "{\"content\": {\"objects_type\": \"events\", \"filters\": "
                + "{\"handler_ids\": [\"" + handler + "\"]}}}");
        done(api, task);
        JsonNode outcome = JSON.readTree(result(api, task).body());
        assertThat(outcome.get("extracted_count").asInt()).isEqualTo(events.size());
        JsonNode descriptors = internal.get("/2/events/descriptors?event_ids=" + ids).json().get("descriptors");
        assertThat(descriptors).hasSize(events.size());
        descriptors.forEach(d -> assertThat(d.get("version").asInt()).isEqualTo(201));
    }

    private static byte[] zip(Map<String, byte[]> entries, Set<String> stored) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                if (stored.contains(entry.getKey())) {
                    zipEntry.setMethod(ZipEntry.DEFLATED);
                }
                zip.putNextEntry(zipEntry);
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void estimatorRunsAHandlerOverAZipKeepingEachBadEntryAsAnError() throws Exception {
        String handler = handler("{\"extract_policy\": {\"extract_face_descriptor\": 1}}");
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        entries.put("people/sample1.jpg", TestPhotos.sample(1));
        entries.put("../../etc/evil.jpg", TestPhotos.sample(2));
        entries.put("notes.txt", "not a photo".getBytes(StandardCharsets.UTF_8));
        entries.put("bomb.jpg", new byte[8 << 20]);
        entries.put("empty-dir/", new byte[0]);
        HttpProbe.Answer object = api.post("/6/objects", "application/zip", zip(entries, Set.of()));
        assertThat(object.status()).as(object.toString()).isEqualTo(201);
        String reference = object.json().get("object_id").asString();

        long task = create(api, "estimator", "{\"content\": {\"handler_id\": \"" + handler + "\", \"source\": "
                + "{\"source_type\": \"zip\", \"reference\": \"/6/objects/" + reference + "\"}}}");
        done(api, task);
        JsonNode outcome = JSON.readTree(result(api, task).body());
        assertThat(outcome.get("images_count").asInt()).isEqualTo(1);
        JsonNode image = outcome.get("images").get(0);
        assertThat(image.get("filename").asString()).isEqualTo("people/sample1.jpg");
        assertThat(image.get("status").asInt()).isEqualTo(1);
        assertThat(image.get("event_ids").size()).isEqualTo(TestPhotos.FACES.getFirst());
        for (JsonNode event : image.get("event_ids")) {
            assertThat(api.get("/6/events/" + event.asString()).json().get("handler_id").asString()).isEqualTo(handler);
        }
        Map<String, Integer> codes = new HashMap<>();
        errors(api, task).forEach(error -> codes.put(error.get("additional_info").get("filename").asString(),
                error.get("error_code").asInt()));
        assertThat(codes).containsEntry("../../etc/evil.jpg", 28112).containsEntry("notes.txt", 28114)
                .containsEntry("bomb.jpg", 28113).hasSize(3);

        // not a zip at all: the task fails with a LUNA error, never stays stuck
        String notZip = api.post("/6/objects", "application/json", "{\"a\": 1}".getBytes()).json().get("object_id")
                .asString();
        long failed = create(api, "estimator", "{\"content\": {\"handler_id\": \"" + handler + "\", \"source\": "
                + "{\"source_type\": \"zip\", \"reference\": \"" + notZip + "\"}}}");
        JsonNode failedView = TaskProbes.await(api, failed, Duration.ofSeconds(60));
        assertThat(failedView.get("task_status").asInt()).isEqualTo(3);
        assertThat(errors(api, failed).getFirst().get("error_code").asInt()).isEqualTo(28111);
        assertThat(api.get("/6/tasks/" + failed + "/result").status()).isEqualTo(404);
    }

    @Test
    void estimatorReadsImageUrlsOnAllowedHostsAndImageStorePrefixes() {
        String handler = handler("{}");
        long urls = create(api, "estimator", "{\"content\": {\"handler_id\": \"" + handler + "\", \"source\": "
                + "{\"source_type\": \"urls\", \"urls\": [\"" + imagesUrl() + "/photo.jpg\", \"" + imagesUrl()
                + "/missing.jpg\"]}}}");
        done(api, urls);
        JsonNode outcome = JSON.readTree(result(api, urls).body());
        assertThat(outcome.get("images").get(0).get("status").asInt()).isEqualTo(1);
        assertThat(outcome.get("images").get(0).get("event_ids").size()).isEqualTo(TestPhotos.FACES.get(1));
        assertThat(outcome.get("images").get(1).get("status").asInt()).isZero();
        assertThat(outcome.get("images").get(1).get("error").get("error_code").asInt()).isEqualTo(28114);

        HttpProbe.Answer refused = api.post("/6/tasks/estimator", "{\"content\": {\"handler_id\": \"" + handler
                + "\", \"source\": {\"source_type\": \"urls\", \"urls\": [\"http://localhost:"
                + images.getAddress().getPort() + "/photo.jpg\"]}}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("error_code").asInt()).isEqualTo(28110);

        String image = api.post("/6/images", "image/jpeg", TestPhotos.sample(3)).json().get("image_id").asString();
        long prefix = create(api, "estimator", "{\"content\": {\"handler_id\": \"" + handler + "\", \"source\": "
                + "{\"source_type\": \"image_store\", \"bucket\": \"images\", \"prefix\": \"" + image + "\"}}}");
        done(api, prefix);
        JsonNode stored = JSON.readTree(result(api, prefix).body());
        assertThat(stored.get("images_count").asInt()).isEqualTo(1);
        assertThat(stored.get("images").get(0).get("event_ids").size()).isEqualTo(TestPhotos.FACES.get(2));
    }

    @Test
    void cancelStopsClaimingWithinASecond() {
        String handler = handler("{\"storage_policy\": {\"event_policy\": {\"store_event\": 0}}}");
        StringBuilder urls = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            urls.append(i == 0 ? "" : ", ").append('"').append(imagesUrl()).append("/slow/").append(i).append(".jpg\"");
        }
        long task = create(api, "estimator", "{\"content\": {\"handler_id\": \"" + handler + "\", \"source\": "
                + "{\"source_type\": \"urls\", \"urls\": [" + urls + "]}}}");
        long until = System.currentTimeMillis() + 30_000;
        while (slowRequests.isEmpty() && System.currentTimeMillis() < until) {
            TaskProbes.sleep(20);
        }
        assertThat(slowRequests).isNotEmpty();
        long cancelledAt = System.currentTimeMillis();
        HttpProbe.Answer cancelled = api.send("PATCH", "/6/tasks/" + task, "application/json", "{}".getBytes());
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("task_status").asInt()).isEqualTo(2);
        TaskProbes.sleep(4000);
        // no image was asked for more than a second after the cancel (a fetch in flight may finish)
        assertThat(slowRequests).allSatisfy(at -> assertThat(at).isLessThan(cancelledAt + 1000));
        JsonNode subtasks = api.get("/6/tasks/" + task + "/subtasks?page_size=100").json().get("subtasks");
        assertThat(subtasks).hasSize(10);
        int started = 0;
        for (JsonNode subtask : subtasks) {
            assertThat(subtask.get("status").asInt()).as(subtask.toString()).isIn(2, 5);
            started += subtask.get("start_time").isNull() ? 0 : 1;
        }
        assertThat(started).isLessThanOrEqualTo(3);
        assertThat(api.get("/6/tasks/" + task).json().get("task_status").asInt()).isEqualTo(2);
        assertThat(api.get("/6/tasks/" + task + "/result").json().get("error_code").asInt()).isEqualTo(28025);
    }

    @Test
    void badTaskBodiesAreLunaErrorsThroughTheGateway() {
        HttpProbe.Answer unknownType = api.post("/6/tasks/clusterin", "{\"content\": {}}");
        assertThat(unknownType.status()).isEqualTo(404);
        assertThat(unknownType.json().get("error_code").asInt()).isEqualTo(106);
        HttpProbe.Answer unknownFilter = api.post("/6/tasks/exporter", "{\"content\": {\"objects_type\": \"events\", "
                + "\"filters\": {\"colour\": \"red\"}}}");
        assertThat(unknownFilter.status()).isEqualTo(400);
        assertThat(unknownFilter.json().get("detail").asString()).contains("content.filters").contains("colour");
        HttpProbe.Answer badValue = api.post("/6/tasks/exporter", "{\"content\": {\"objects_type\": \"faces\", "
                + "\"filters\": {\"create_time__gte\": \"yesterday\"}}}");
        assertThat(badValue.status()).isEqualTo(400);
        HttpProbe.Answer missingList = api.post("/6/tasks/linker", "{\"content\": {\"objects_type\": \"faces\", "
                + "\"list_id\": \"" + UUID.randomUUID() + "\"}}");
        assertThat(missingList.status()).isEqualTo(400);
        assertThat(missingList.json().get("detail").asString()).contains("content.list_id");
        HttpProbe.Answer missingZip = api.post("/6/tasks/estimator", "{\"content\": {\"handler_id\": \""
                + handler("{}") + "\", \"source\": {\"source_type\": \"zip\", \"reference\": \"nope\"}}}");
        assertThat(missingZip.status()).isEqualTo(400);
        assertThat(missingZip.json().get("detail").asString()).contains("content.source.reference");
        HttpProbe.Answer s3 = api.post("/6/tasks/estimator", "{\"content\": {\"handler_id\": \"" + handler("{}")
                + "\", \"source\": {\"source_type\": \"s3\", \"endpoint\": \"http://10.0.0.1:9000\", \"bucket\": \"b\"}}}");
        assertThat(s3.status()).isEqualTo(400);
        assertThat(s3.json().get("error_code").asInt()).isEqualTo(28110);
        assertThat(api.get("/6/tasks?page_size=1000").json().get("tasks").toString()).doesNotContain("clusterin");
    }
}

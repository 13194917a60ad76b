package io.selene.launcher.workflow;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.selene.launcher.TestPlatform;
import io.selene.launcher.TestPlatform.Account;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Calls as LUNA PLATFORM 5 clients make them, written from LUNA's public documentation (the
 * {@code /6} reference, Remote SDK's {@code image_type}, the events filters), each sent unchanged
 * through the gateway with Basic auth: enrolment and identification from face warps, 1:1
 * verification of a warp, {@code /6/sdk} on warps with estimations Selene lacks left at 0, event
 * searches with LUNA's filter names, LUNA's nested {@code attribute} on face creation and the bulk
 * list delete. What is not supported is listed in docs/luna-compatibility.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LunaClientFlowsTest {

    private Account client;
    /** A warp of the best face of test photo 1, as a LUNA client keeps it (fetched from /6/samples/faces). */
    private byte[] warp;

    @BeforeAll
    void start() {
        client = TestPlatform.shared().newAccount();
        // "detect faces" with the best face only, then "get sample": the client keeps the warp
        HttpProbe.Answer detected = client.api().post("/6/detector?multiface_policy=0", "image/jpeg",
                TestPhotos.sample(1));
        assertThat(detected.status()).as(detected.toString()).isEqualTo(201);
        String sample = detected.json().get("images").get(0).get("detections").get("samples").get(0).get("face")
                .get("sample_id").asString();
        HttpProbe.Answer fetched = client.api().get("/6/samples/faces/" + sample);
        assertThat(fetched.status()).as(fetched.toString()).isEqualTo(200);
        warp = fetched.body();
    }

    private String created(HttpProbe.Answer answer, String idField) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().get(idField).asString();
    }

    @Test
    void enrolIdentifyAndVerifyWithFaceWarps() throws InterruptedException {
        // "save face sample" from a warp, "extract attributes", then "create face" with the nested attribute
        HttpProbe.Answer saved = client.api().post("/6/samples/faces", "image/jpeg", warp);
        String sampleId = created(saved, "sample_id");
        assertThat(saved.json().get("url").asString()).isEqualTo("/6/samples/faces/" + sampleId);
        assertThat(client.api().get("/6/samples/faces/" + sampleId).status()).isEqualTo(200);
        HttpProbe.Answer extracted = client.api().post("/6/extractor?extract_basic_attributes=1",
                "[\"" + sampleId + "\"]");
        assertThat(extracted.status()).as(extracted.toString()).isEqualTo(201);
        String attributeId = extracted.json().get(0).get("attribute_id").asString();
        String list = created(client.api().post("/6/lists", "{\"user_data\": \"staff\"}"), "list_id");
        String face = created(client.api().post("/6/faces", "{\"attribute\": {\"attribute_id\": \"" + attributeId
                + "\"}, \"user_data\": \"Anna\", \"external_id\": \"anna-1\", \"lists\": [\"" + list + "\"]}"),
                "face_id");
        JsonNode stored = client.api().get("/6/faces/" + face + "/attributes").json().get("attributes");
        assertThat(stored.get("descriptors")).hasSize(1);

        // identification: a handler matching against the list, fed the warp with image_type=1
        String handler = created(client.api().post("/6/handlers", "{\"description\": \"identify\", \"policies\": {"
                + "\"extract_policy\": {\"extract_face_descriptor\": 1}, \"match_policy\": [{\"label\": \"staff\","
                + "\"candidates\": {\"origin\": \"faces\", \"list_id\": \"" + list + "\"}, \"threshold\": 0.5,"
                + "\"limit\": 3}]}}"), "handler_id");
        JsonNode event = null;
        long deadline = System.nanoTime() + 20_000_000_000L; // the matcher follows Faces' changes
        while (System.nanoTime() < deadline) {
            HttpProbe.Answer answer = client.api().post("/6/handlers/" + handler + "/events?image_type=1&source=gate",
                    "image/jpeg", warp);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            event = answer.json().get("events").get(0);
            if (!event.get("matches").get(0).get("candidates").isEmpty()) {
                break;
            }
            Thread.sleep(200);
        }
        JsonNode match = event.get("matches").get(0);
        assertThat(match.get("label").asString()).isEqualTo("staff");
        JsonNode candidate = match.get("candidates").get(0);
        assertThat(candidate.get("face").get("face_id").asString()).isEqualTo(face);
        assertThat(candidate.get("similarity").asDouble()).isGreaterThan(0.9);
        assertThat(event.get("top_match").get("face_id").asString()).isEqualTo(face);
        JsonNode detection = event.get("detections").get(0).get("samples").get("face").get("detection");
        assertThat(detection.get("rect").get("width").asInt()).isEqualTo(250);

        // "perform verification" of the warp against the face
        String verifier = created(client.api().post("/6/verifiers", "{\"description\": \"door\"}"), "verifier_id");
        HttpProbe.Answer verified = client.api().post("/6/verifiers/" + verifier + "/verifications?face_ids=" + face
                + "&image_type=1", "image/jpeg", warp);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        JsonNode verification = verified.json().get("images").get(0).get("detections").get("face_detections").get(0)
                .get("verifications").get(0);
        assertThat(verification.get("face").get("face_id").asString()).isEqualTo(face);
        assertThat(verification.get("status").asBoolean()).isTrue();

        // "match faces": LUNA's answer shape, reference -> matches -> candidates
        HttpProbe.Answer matched = client.api().post("/6/matcher/faces", "{\"references\": [{\"type\": \"attribute\","
                + " \"id\": \"" + attributeId + "\"}], \"candidates\": [{\"filters\": {\"origin\": \"faces\","
                + " \"list_id\": \"" + list + "\"}}]}");
        assertThat(matched.status()).as(matched.toString()).isEqualTo(200);
        JsonNode result = matched.json().get(0);
        assertThat(result.get("reference").get("id").asString()).isEqualTo(attributeId);
        assertThat(result.get("matches").get(0).get("candidates").get(0).get("face").get("face_id").asString())
                .isEqualTo(face);
    }

    @Test
    void sdkOnWarpsWithEstimationsSeleneLacksLeftAtZero() {
        HttpProbe.Answer answer = client.api().post("/6/sdk?image_type=1&estimate_face_descriptor=1"
                + "&estimate_basic_attributes=1&estimate_face_occlusion=0&estimate_people_count=0&estimate_face_warp=0"
                + "&estimate_head_pose=1&use_exif_info=1", "image/jpeg", warp);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode face = answer.json().get("images_estimations").get(0).get("estimations").get(0).get("face");
        assertThat(face.get("attributes").get("descriptor").get("sdk_descriptor").asString()).isNotEmpty();
        assertThat(face.get("attributes").get("basic_attributes").get("age").asInt()).isBetween(10, 80);
        assertThat(face.get("attributes").has("head_pose")).as("not on a warp, as LUNA's SDK").isFalse();

        // a JSON body with the warp in base64 (LUNA's images[].image), and a photo as before
        String json = "{\"images\": [{\"image\": \"" + Base64.getEncoder().encodeToString(warp) + "\"}]}";
        HttpProbe.Answer base64 = client.api().post("/6/sdk?image_type=1&estimate_face_descriptor=1", json);
        assertThat(base64.status()).as(base64.toString()).isEqualTo(200);
        HttpProbe.Answer photo = client.api().post("/6/sdk?image_type=0&estimate_face_occlusion=0", "image/jpeg",
                TestPhotos.sample(1));
        assertThat(photo.json().get("images_estimations").get(0).get("estimations")).hasSize(3);

        // an estimation Selene has no model for, asked for: refused naming it
        HttpProbe.Answer occlusion = client.api().post("/6/sdk?estimate_face_occlusion=1", "image/jpeg", warp);
        assertLunaError(occlusion, 14013);
        assertThat(occlusion.json().get("detail").asString()).contains("estimate_face_occlusion");
        assertLunaError(client.api().post("/6/sdk?image_type=2", "image/jpeg", warp), 14016);
    }

    @Test
    void streamEventsFromWarpsWithTrackIdsAndTimestamps() {
        String handler = created(client.api().post("/6/handlers", "{\"description\": \"camera\", \"policies\": {"
                + "\"extract_policy\": {\"extract_face_descriptor\": 1, \"extract_basic_attributes\": 1}}}"),
                "handler_id");
        String warp64 = Base64.getEncoder().encodeToString(warp);
        // JSON: the request's source for every item; an item's event_time, else Luna-Event-Time, sets create_time
        String body = "{\"source\": \"cam-7\", \"events\": ["
                + "{\"image\": \"" + warp64 + "\", \"track_id\": \"track-1\", \"event_time\": "
                + "\"2026-03-01T10:00:00.5+03:00\", \"detect_ts\": 12.5, \"user_data\": \"first\"},"
                + "{\"image\": \"" + warp64 + "\", \"track_id\": \"track-2\", \"detect_time\": "
                + "\"2026-03-01T07:00:03Z\", \"filename\": \"best-2\"}]}";
        HttpProbe.Answer answer = client.api().post("/6/handlers/" + handler + "/stream_events", "application/json",
                body.getBytes(StandardCharsets.UTF_8), "Luna-Event-Time", "2026-03-01T07:00:02Z");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        JsonNode events = answer.json().get("events");
        assertThat(events).hasSize(2);
        JsonNode first = events.get(0);
        assertThat(first.get("track_id").asString()).isEqualTo("track-1");
        assertThat(first.get("source").asString()).isEqualTo("cam-7");
        assertThat(first.get("user_data").asString()).isEqualTo("first");
        assertThat(instant(first.get("create_time"))).isEqualTo("2026-03-01T07:00:00.500Z");
        assertThat(first.get("detections").get(0).get("detect_ts").asDouble()).isEqualTo(12.5);
        assertThat(first.get("face_attributes").get("basic_attributes").has("age")).isTrue();
        JsonNode second = events.get(1);
        assertThat(second.get("track_id").asString()).isEqualTo("track-2");
        assertThat(instant(second.get("create_time"))).as("the header over detect_time").isEqualTo("2026-03-01T07:00:02Z");
        assertThat(instant(second.get("detections").get(0).get("detect_time"))).isEqualTo("2026-03-01T07:00:03Z");
        assertThat(answer.json().get("images").get(1).get("filename").asString()).isEqualTo("best-2");
        // stored as answered
        JsonNode stored = client.api().get("/6/events/" + first.get("event_id").asString()).json();
        assertThat(stored.get("track_id").asString()).isEqualTo("track-1");
        assertThat(instant(stored.get("create_time"))).isEqualTo("2026-03-01T07:00:00.500Z");

        // multipart, as FaceStream sends a track: the warps as parts, the track in the query, the time in the header
        String boundary = "stream-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream multipart = new java.io.ByteArrayOutputStream();
        for (String name : new String[] {"shot-1.jpg", "shot-2.jpg"}) {
            multipart.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
                    + "\"; filename=\"" + name + "\"\r\nContent-Type: image/jpeg\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            multipart.writeBytes(warp);
            multipart.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        // the optional JSON part gives one shot its own time
        multipart.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"events\"\r\n"
                + "Content-Type: application/json\r\n\r\n{\"events\": [{\"filename\": \"shot-2.jpg\", "
                + "\"event_time\": \"2026-03-01T07:00:09Z\"}]}\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        HttpProbe.Answer track = client.api().post("/6/handlers/" + handler + "/stream_events?track_id=track-3"
                + "&source=cam-8", "multipart/form-data; boundary=" + boundary, multipart.toByteArray(),
                "Luna-Event-Time", "2026-03-01T07:00:05Z");
        assertThat(track.status()).as(track.toString()).isEqualTo(201);
        JsonNode shots = track.json().get("events");
        assertThat(shots).hasSize(2);
        java.util.Map<String, String> times = new java.util.TreeMap<>();
        for (JsonNode shot : shots) {
            assertThat(shot.get("track_id").asString()).isEqualTo("track-3");
            times.put(shot.get("detections").get(0).get("filename").asString(), instant(shot.get("create_time")));
        }
        assertThat(times).containsEntry("shot-1.jpg", "2026-03-01T07:00:05Z")
                .containsEntry("shot-2.jpg", "2026-03-01T07:00:09Z");

        // refused: an item without an image, a malformed time; another account cannot use the handler
        assertLunaError(client.api().post("/6/handlers/" + handler + "/stream_events",
                "{\"events\": [{\"track_id\": \"t\"}]}"), 102);
        assertLunaError(client.api().post("/6/handlers/" + handler + "/stream_events", "{\"events\": [{\"image\": \""
                + warp64 + "\", \"event_time\": \"yesterday\"}]}"), 102);
        HttpProbe.Answer foreign = TestPlatform.shared().newAccount().api().post("/6/handlers/" + handler
                + "/stream_events", "image/jpeg", warp);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(events("/6/events?handler_ids=" + handler + "&page_size=100")).isEqualTo(4);
    }

    private static String instant(JsonNode time) {
        return java.time.OffsetDateTime.parse(time.asString()).toInstant().toString();
    }

    @Test
    void eventSearchesWithLunasFilterNames() {
        String handler = created(client.api().post("/6/handlers", "{\"description\": \"search\", \"policies\": {"
                + "\"extract_policy\": {\"extract_basic_attributes\": 1}}}"), "handler_id");
        HttpProbe.Answer generated = client.api().post("/6/handlers/" + handler + "/events?source=lobby",
                "image/jpeg", TestPhotos.sample(1));
        assertThat(generated.status()).as(generated.toString()).isEqualTo(201);
        int faces = generated.json().get("events").size();
        String base = "/6/events?handler_ids=" + handler + "&sources=lobby&page_size=100";
        assertThat(events(base)).isEqualTo(faces);
        assertThat(events(base + "&age__gte=0&age__lt=150")).isEqualTo(faces);
        // body attributes, ethnicity and deepfake are LUNA filters Selene never estimates: nothing matches
        for (String filter : new String[] {"apparent_gender=1", "apparent_age__gte=18&apparent_age__lt=60",
                "ethnic_groups=1,4", "deepfake=1", "upper_clothing_colors=red", "headwear_states=1"}) {
            assertThat(events(base + "&" + filter)).as(filter).isZero();
        }
        HttpProbe.Answer stats = client.api().post("/6/events/stats", "{\"filters\": {\"handler_ids\": [\"" + handler
                + "\"], \"apparent_gender\": \"1\"}, \"targets\": [{\"column\": \"event_id\", \"aggregator\": "
                + "\"count\"}]}");
        assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
        assertThat(stats.json().get("stats").get("values").toString()).isEqualTo("[[0]]");
    }

    private int events(String path) {
        HttpProbe.Answer answer = client.api().get(path);
        assertThat(answer.status()).as(path + " " + answer).isEqualTo(200);
        return answer.json().get("events").size();
    }

    @Test
    void matchingOverMsgpack() throws java.io.IOException {
        // two descriptors from /6/sdk (the warp and the photo of the same face), sent as msgpack binary
        byte[] fromWarp = sdkDescriptor(client.api().post("/6/sdk?image_type=1&estimate_face_descriptor=1",
                "image/jpeg", warp));
        byte[] fromPhoto = sdkDescriptor(client.api().post("/6/sdk?multiface_policy=0&estimate_face_descriptor=1",
                "image/jpeg", TestPhotos.sample(1)));
        byte[] other = sdkDescriptor(client.api().post("/6/sdk?multiface_policy=0&estimate_face_descriptor=1",
                "image/jpeg", TestPhotos.sample(2)));
        org.msgpack.core.MessageBufferPacker packer = org.msgpack.core.MessagePack.newDefaultBufferPacker();
        packer.packMapHeader(2);
        packer.packString("references").packArrayHeader(1);
        descriptorItem(packer, "warp", fromWarp);
        packer.packString("candidates").packArrayHeader(2);
        descriptorItem(packer, "other", other);
        descriptorItem(packer, "photo", fromPhoto);
        HttpProbe.Answer answer = client.api().post("/6/matcher/raw", "application/msgpack", packer.toByteArray(),
                "Accept", "application/msgpack");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/msgpack");
        try (org.msgpack.core.MessageUnpacker unpacker = org.msgpack.core.MessagePack.newDefaultUnpacker(
                answer.body())) {
            String text = unpacker.unpackValue().toJson();
            JsonNode tree = tools.jackson.databind.json.JsonMapper.builder().build().readTree(text);
            JsonNode best = tree.get("matches").get(0).get("matches").get(0);
            assertThat(best.get("candidate_id").asString()).isEqualTo("photo");
            assertThat(best.get("similarity").asDouble()).isGreaterThan(0.8);
        }
    }

    @Test
    void handlerEventsOverMsgpack() throws java.io.IOException {
        String handler = created(client.api().post("/6/handlers", "{\"description\": \"packed\", \"policies\": {"
                + "\"extract_policy\": {\"extract_basic_attributes\": 1}}}"), "handler_id");
        // a stream item as msgpack, the warp as binary; the answer as msgpack
        org.msgpack.core.MessageBufferPacker packer = org.msgpack.core.MessagePack.newDefaultBufferPacker();
        packer.packMapHeader(1).packString("events").packArrayHeader(1).packMapHeader(2);
        packer.packString("track_id").packString("packed-1");
        packer.packString("image").packBinaryHeader(warp.length).writePayload(warp);
        HttpProbe.Answer answer = client.api().post("/6/handlers/" + handler + "/stream_events", "application/msgpack",
                packer.toByteArray(), "Accept", "application/msgpack");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.header("Content-Type")).startsWith("application/msgpack");
        assertThat(unpack(answer.body()).get("events").get(0).get("track_id").asString()).isEqualTo("packed-1");
        // /events with a raw warp, answered in msgpack; an error too
        HttpProbe.Answer events = client.api().post("/6/handlers/" + handler + "/events?image_type=1", "image/jpeg",
                warp, "Accept", "application/msgpack");
        assertThat(events.status()).as(events.toString()).isEqualTo(201);
        assertThat(unpack(events.body()).get("events").get(0).get("face_attributes").has("basic_attributes")).isTrue();
        HttpProbe.Answer refused = client.api().post("/6/handlers/" + handler + "/events?colour=red", "image/jpeg",
                warp, "Accept", "application/msgpack");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(unpack(refused.body()).get("error_code").asInt()).isEqualTo(101);
    }

    private static JsonNode unpack(byte[] body) throws java.io.IOException {
        try (org.msgpack.core.MessageUnpacker unpacker = org.msgpack.core.MessagePack.newDefaultUnpacker(body)) {
            return tools.jackson.databind.json.JsonMapper.builder().build().readTree(unpacker.unpackValue().toJson());
        }
    }

    private static byte[] sdkDescriptor(HttpProbe.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return Base64.getDecoder().decode(answer.json().get("images_estimations").get(0).get("estimations").get(0)
                .get("face").get("attributes").get("descriptor").get("sdk_descriptor").asString());
    }

    private static void descriptorItem(org.msgpack.core.MessageBufferPacker packer, String id, byte[] descriptor)
            throws java.io.IOException {
        packer.packMapHeader(3);
        packer.packString("id").packString(id);
        packer.packString("type").packString("sdk_descriptor");
        packer.packString("data").packBinaryHeader(descriptor.length).writePayload(descriptor);
    }

    @Test
    void listsAreDeletedInBulk() {
        String a = created(client.api().post("/6/lists", "{\"user_data\": \"a\"}"), "list_id");
        String b = created(client.api().post("/6/lists", "{\"user_data\": \"b\"}"), "list_id");
        String kept = created(client.api().post("/6/lists", "{\"user_data\": \"kept\"}"), "list_id");
        byte[] body = ("{\"list_ids\": [\"" + a + "\", \"" + b + "\"]}").getBytes(StandardCharsets.UTF_8);
        HttpProbe.Answer deleted = client.api().send("DELETE", "/6/lists", "application/json", body);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(client.api().get("/6/lists/" + a).status()).isEqualTo(404);
        assertThat(client.api().get("/6/lists/" + b).status()).isEqualTo(404);
        assertThat(client.api().get("/6/lists/" + kept).status()).isEqualTo(200);
        // one unknown list: nothing is deleted (22005)
        HttpProbe.Answer unknown = client.api().send("DELETE", "/6/lists", "application/json", ("{\"list_ids\": [\""
                + kept + "\", \"" + a + "\"]}").getBytes(StandardCharsets.UTF_8));
        assertLunaError(unknown, 22005);
        assertThat(client.api().get("/6/lists/" + kept).status()).isEqualTo(200);
    }
}

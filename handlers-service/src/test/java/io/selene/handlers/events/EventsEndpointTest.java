package io.selene.handlers.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.selene.testsupport.BusTail;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Event generation in this service alone, on real photos and models: policies that store nothing
 * outside this service (no samples, no events, no matching), so what is checked is the pipeline,
 * the input forms, the extras, the event bus messages and the refusals. Storage and matching are
 * tested with the whole platform in platform-launcher (io.selene.launcher.workflow).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventsEndpointTest {

    /** Store nothing outside handlers-service: no face sample, no event. */
    private static final String LOCAL = "\"storage_policy\":{\"face_sample_policy\":{\"store_sample\":0},"
            + "\"event_policy\":{\"store_event\":0}}";

    @Value("${local.server.port}")
    int port;

    @Autowired
    EventBus bus;

    @Autowired
    JsonMapper json;

    private final UUID account = UUID.randomUUID();
    private BusTail tail;

    @AfterEach
    void stopListening() {
        if (tail != null) {
            tail.close();
        }
    }

    private HttpProbe http() {
        return HttpProbe.internal(port, account);
    }

    private String handler(String body) {
        HttpProbe.Answer answer = http().post("/1/handlers", body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().get("handler_id").asString();
    }

    /** The bus messages of this test's account appended from now on, read from the stream as Sender does. */
    private BlockingQueue<JsonNode> subscribe() {
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        tail = BusTail.follow(bus.stream(), text -> {
            JsonNode message = json.readTree(text);
            if (message.path("account_id").asString("").equals(account.toString())) {
                messages.add(message);
            }
        });
        return messages;
    }

    /** The video stream of the extras test. */
    private static final UUID STREAM = UUID.fromString("0e1c7a52-8f3b-4c11-9a2d-6b5f2e4d9c70");

    @Test
    void staticHandlerMakesOneEventPerFaceAndPublishesEachInOrder() throws InterruptedException {
        String handler = handler("{\"policies\":{\"detect_policy\":{\"estimate_emotions\":1,\"estimate_head_pose\":1},"
                + "\"extract_policy\":{\"extract_basic_attributes\":1,\"extract_face_descriptor\":1},"
                + "\"conditional_tags_policy\":[{\"tag\":\"adult\",\"filters\":{\"age__gte\":1}},"
                + "{\"tag\":\"ancient\",\"filters\":{\"age__gte\":150}}]," + LOCAL + "}}");
        BlockingQueue<JsonNode> messages = subscribe();

        HttpProbe.Answer answer = http().post("/1/handlers/" + handler + "/events?source=cam-1&tags=door,night"
                + "&external_id=ext-7&track_id=t-1&stream_id=" + STREAM + "&detect_ts=12.5&city=Riga&latitude=56.95"
                + "&longitude=24.1",
                "image/jpeg", TestPhotos.sample(1));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        JsonNode events = answer.json().get("events");
        assertThat(events).hasSize(TestPhotos.FACES.getFirst());
        assertThat(answer.json().get("images").get(0).get("status").asInt()).isEqualTo(1);
        for (JsonNode event : events) {
            assertThat(event.has("event_id")).as("not stored: no id").isFalse();
            assertThat(event.get("handler_id").asString()).isEqualTo(handler);
            assertThat(event.get("account_id").asString()).isEqualTo(account.toString());
            assertThat(event.get("source").asString()).isEqualTo("cam-1");
            assertThat(event.get("external_id").asString()).isEqualTo("ext-7");
            assertThat(event.get("track_id").asString()).isEqualTo("t-1");
            assertThat(event.get("stream_id").asString()).isEqualTo(STREAM.toString());
            assertThat(event.get("location").get("city").asString()).isEqualTo("Riga");
            assertThat(event.get("location").get("geo_position").get("latitude").asDouble()).isEqualTo(56.95);
            assertThat(texts(event.get("tags"))).containsExactly("door", "night", "adult");
            JsonNode detection = event.get("detections").get(0);
            assertThat(detection.get("detect_ts").asDouble()).isEqualTo(12.5);
            JsonNode face = detection.get("samples").get("face");
            assertThat(face.has("sample_id")).isFalse();
            assertThat(face.get("detection").get("rect").get("width").asInt()).isGreaterThan(50);
            assertThat(face.get("detection").get("attributes").get("emotions").has("predominant_emotion")).isTrue();
            assertThat(face.get("detection").get("attributes").has("head_pose")).isTrue();
            assertThat(event.get("face_attributes").get("basic_attributes").get("age").asInt()).isBetween(1, 100);
            assertThat(event.get("face_attributes").get("score").asDouble()).isBetween(0.0, 1.0);
            assertThat(event.has("descriptor")).isFalse();
        }
        for (JsonNode event : events) {
            JsonNode message = messages.poll(20, TimeUnit.SECONDS);
            assertThat(message).as("published").isNotNull();
            assertThat(message.get("account_id").asString()).isEqualTo(account.toString());
            assertThat(message.get("handler_id").asString()).isEqualTo(handler);
            assertThat(message.get("event")).isEqualTo(event);
        }
    }

    @Test
    void dynamicHandlerTakesPoliciesFromAMultipartPartOrTheJsonBody() throws InterruptedException {
        String handler = handler("{\"is_dynamic\":true}");
        BlockingQueue<JsonNode> messages = subscribe();
        String boundary = "b" + UUID.randomUUID();
        byte[] images = TestPhotos.multipart(boundary, List.of("one.jpg", "bad.jpg"),
                List.of(TestPhotos.sample(4), "not an image".getBytes(StandardCharsets.UTF_8)));
        String policies = "{\"detect_policy\":{\"multiface_policy\":0},"
                + "\"storage_policy\":{\"face_sample_policy\":{\"store_sample\":0},\"event_policy\":{\"store_event\":0},"
                + "\"notification_policy\":{\"send_notification\":0}}}";
        byte[] body = withJsonPart(images, boundary, policies);

        HttpProbe.Answer answer = http().post("/1/handlers/" + handler + "/events",
                "multipart/form-data; boundary=" + boundary, body);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.json().get("events")).hasSize(1); // multiface_policy 0: the best face only
        assertThat(answer.json().get("events").get(0).get("detections").get(0).get("filename").asString())
                .isEqualTo("one.jpg");
        JsonNode bad = answer.json().get("images").get(1);
        assertThat(bad.get("filename").asString()).isEqualTo("bad.jpg");
        assertThat(bad.get("status").asInt()).isEqualTo(0);
        assertThat(bad.get("error").get("error_code").asInt()).isEqualTo(14001);
        assertThat(messages.poll(300, TimeUnit.MILLISECONDS)).as("send_notification 0").isNull();

        String jsonBody = "{\"images\":[{\"image\":\"" + Base64.getEncoder().encodeToString(TestPhotos.sample(4))
                + "\",\"filename\":\"b64.jpg\"}],\"source\":\"json-cam\",\"tags\":[\"x\"],"
                + "\"location\":{\"street\":\"Main\"},\"policies\":" + policies + "}";
        HttpProbe.Answer fromJson = http().post("/1/handlers/" + handler + "/events", jsonBody);
        assertThat(fromJson.status()).as(fromJson.toString()).isEqualTo(201);
        JsonNode event = fromJson.json().get("events").get(0);
        assertThat(event.get("source").asString()).isEqualTo("json-cam");
        assertThat(texts(event.get("tags"))).containsExactly("x");
        assertThat(event.get("location").get("street").asString()).isEqualTo("Main");
        assertThat(event.get("detections").get(0).get("filename").asString()).isEqualTo("b64.jpg");

        // the policies of a dynamic handler are checked like a handler's
        HttpProbe.Answer badPolicies = http().post("/1/handlers/" + handler + "/events",
                "{\"images\":[{\"image\":\"" + Base64.getEncoder().encodeToString(TestPhotos.sample(4))
                        + "\"}],\"policies\":{\"match_policy\":[{\"label\":\"x\",\"candidates\":{\"origin\":\"faces\"},"
                        + "\"limit\":0}]}}");
        assertThat(badPolicies.status()).as(badPolicies.toString()).isEqualTo(400);
        assertThat(badPolicies.text()).contains("policies.match_policy[0].limit");
    }

    @Test
    void refusals() {
        String handler = handler("{\"policies\":{" + LOCAL + "}}");
        String path = "/1/handlers/" + handler + "/events";
        byte[] photo = TestPhotos.sample(4);

        assertLunaError(http().post(path + "?tags=" + "t,".repeat(33) + "t", "image/jpeg", photo), 400, 101);
        HttpProbe.Answer ts = http().post(path + "?detect_ts=-1", "image/jpeg", photo);
        assertLunaError(ts, 400, 101);
        assertThat(ts.text()).contains("detect_ts");
        HttpProbe.Answer source = http().post(path + "?source=" + "s".repeat(129), "image/jpeg", photo);
        assertLunaError(source, 400, 101);
        assertThat(source.text()).contains("source");
        assertLunaError(http().post(path + "?latitude=91&longitude=0", "image/jpeg", photo), 400, 101);
        assertLunaError(http().post(path + "?colour=red", "image/jpeg", photo), 400, 101);
        HttpProbe.Answer stream = http().post(path + "?stream_id=cam-1", "image/jpeg", photo);
        assertLunaError(stream, 400, 101);
        assertThat(stream.text()).contains("stream_id");
        HttpProbe.Answer unknownField = http().post(path, "{\"images\":[{\"image\":\""
                + Base64.getEncoder().encodeToString(photo) + "\"}],\"colour\":\"red\"}");
        assertLunaError(unknownField, 400, 102);
        assertThat(unknownField.text()).contains("colour");
        // a static handler's policies cannot be replaced by the request
        assertLunaError(http().post(path, "{\"images\":[{\"image\":\"" + Base64.getEncoder().encodeToString(photo)
                + "\"}],\"policies\":{}}"), 400, 14201);
        // a single image that cannot be used is the request's error
        assertLunaError(http().post(path, "image/jpeg", new byte[] {1, 2, 3}), 400, 14001);
        // unknown or another account's handler: 404
        assertLunaError(http().post("/1/handlers/" + UUID.randomUUID() + "/events", "image/jpeg", photo), 404, 14200);
        assertLunaError(HttpProbe.internal(port, UUID.randomUUID()).post(path, "image/jpeg", photo), 404, 14200);
        assertLunaError(HttpProbe.internal(port, UUID.randomUUID()).post(path + "/raw", "{\"events\":[{}]}"), 404,
                14200);
        // raw events: bounded, and an event may not name another handler
        assertLunaError(http().post(path + "/raw", "{\"events\":[]}"), 400, 102);
        assertLunaError(http().post(path + "/raw", "{\"events\":[{\"handler_id\":\"" + UUID.randomUUID() + "\"}]}"),
                400, 102);
        // the platform makes a raw event's id (LUNA): a client-given one is refused, naming the field
        HttpProbe.Answer givenId = http().post(path + "/raw", "{\"events\":[{},{\"event_id\":\""
                + io.selene.commons.ids.EventIds.generate(java.time.Instant.now()) + "\"}]}");
        assertLunaError(givenId, 400, 102);
        assertThat(givenId.text()).contains("events[1].event_id");
    }

    /** A LUNA error with this status and code. */
    private static void assertLunaError(HttpProbe.Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        io.selene.testsupport.ServiceConventionsTest.assertLunaError(answer, code);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(node -> out.add(node.asString()));
        return out;
    }

    /** The multipart body with a JSON part named "policies" added before the closing boundary. */
    private static byte[] withJsonPart(byte[] multipart, String boundary, String policies) {
        String text = new String(multipart, StandardCharsets.ISO_8859_1);
        String close = "--" + boundary + "--\r\n";
        String part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"policies\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + policies + "\r\n";
        return (text.substring(0, text.length() - close.length()) + part + close).getBytes(StandardCharsets.ISO_8859_1);
    }
}

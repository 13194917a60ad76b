package io.selene.launcher.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

import io.selene.commons.bus.EventStream;
import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.launcher.TestPlatform;
import io.selene.launcher.TestPlatform.Account;
import io.selene.testsupport.BusTail;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.Multipart;
import io.selene.testsupport.TestPhotos;
import io.selene.vision.Similarity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Handlers generating events end to end, through the {@code /6} gateway with Basic auth, on real
 * photos and models: a handler stores a face into a list, another handler's match policy finds
 * that person again, conditional tags follow their filters, raw events are stored once per
 * Idempotency-Key, body samples are stored, and another account can neither use the handler nor see
 * its events. Every service the flow touches runs in this JVM on free ports, as bin/platform up runs them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowEventsTest {

    private TestPlatform platform;
    private Account owner;
    private Account stranger;

    @BeforeAll
    void start() {
        platform = TestPlatform.shared();
        owner = platform.newAccount();
        stranger = platform.newAccount();
    }

    // ------------------------------------------------------------------ (a) store a face, match it again

    @Test
    void aStoredFaceIsTheTopMatchOfTheSamePersonAndConditionalTagsFollowTheirFilters() throws Exception {
        String list = created(owner.api().post("/6/lists", "{\"user_data\":\"workflow\"}"), "list_id");
        // handler A: the best face of each image becomes a face in the list
        String storing = handler(owner, "{\"detect_policy\":{\"multiface_policy\":0},"
                + "\"extract_policy\":{\"extract_face_descriptor\":1,\"extract_basic_attributes\":1},"
                + "\"storage_policy\":{\"face_policy\":{\"store_face\":1,\"link_to_lists_policy\":[{\"list_id\":\""
                + list + "\"}]},\"image_origin_policy\":{\"store_image\":1},"
                + "\"attribute_policy\":{\"store_attribute\":1,\"ttl\":600}}}");
        HttpProbe.Answer first = owner.api().post("/6/handlers/" + storing + "/events", "image/jpeg",
                TestPhotos.sample(1));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().get("events")).hasSize(1);
        JsonNode stored = first.json().get("events").get(0);
        String faceId = stored.get("face").get("face_id").asString();
        assertThat(stored.get("face").get("lists").get(0).asString()).isEqualTo(list);
        assertThat(stored.get("attach_result").get(0).get("list_id").asString()).isEqualTo(list);
        String sampleId = stored.get("detections").get(0).get("samples").get("face").get("sample_id").asString();
        JsonNode face = owner.api().get("/6/faces/" + faceId).json();
        assertThat(face.get("avatar").asString()).isEqualTo("/6/samples/faces/" + sampleId);
        // the face carries the id of the event that made it, and that event is stored under it
        String eventId = stored.get("event_id").asString();
        assertThat(face.get("event_id").asString()).isEqualTo(eventId);
        HttpProbe.Answer storedEvent = owner.api().get("/6/events/" + eventId);
        assertThat(storedEvent.status()).as(storedEvent.toString()).isEqualTo(200);
        assertThat(storedEvent.json().get("face").get("face_id").asString()).isEqualTo(faceId);
        assertThat(storedEvent.json().get("handler_id").asString()).isEqualTo(storing);
        assertThat(java.time.Instant.parse(storedEvent.json().get("create_time").asString()))
                .as("the id's time is the event's create_time")
                .isEqualTo(io.selene.commons.ids.EventIds.timeOf(UUID.fromString(eventId)))
                .isEqualTo(java.time.Instant.parse(stored.get("create_time").asString()));
        HttpProbe.Answer byEvent = owner.api().get("/6/faces?event_ids=" + eventId);
        assertThat(byEvent.status()).as(byEvent.toString()).isEqualTo(200);
        assertThat(byEvent.json().get("faces")).hasSize(1);
        assertThat(byEvent.json().get("faces").get(0).get("face_id").asString()).isEqualTo(faceId);
        assertThat(owner.api().get("/6/samples/faces/" + sampleId).status()).isEqualTo(200);
        String origin = stored.get("detections").get(0).get("image_origin").asString();
        assertThat(origin).startsWith("/6/images/");
        HttpProbe.Answer source = owner.api().get(origin);
        assertThat(source.status()).as(source.toString()).isEqualTo(200);
        assertThat(source.body()).isEqualTo(TestPhotos.sample(1));
        String attributeId = stored.get("face_attributes").get("attribute_id").asString();
        HttpProbe.Answer attribute = owner.api().get("/6/attributes/" + attributeId);
        assertThat(attribute.status()).as(attribute.toString()).isEqualTo(200);
        assertThat(attribute.json().get("basic_attributes").get("age").asInt())
                .isEqualTo(stored.get("face_attributes").get("basic_attributes").get("age").asInt());
        awaitMatchable(faceId, list);

        // handler B: match every face against the list; tag only what its filter lets through
        String matching = handler(owner, "{\"extract_policy\":{\"extract_face_descriptor\":1},"
                + "\"match_policy\":[{\"label\":\"known\",\"candidates\":{\"origin\":\"faces\",\"list_id\":\"" + list
                + "\"},\"threshold\":0.5,\"far\":1e-3,\"limit\":3}],"
                + "\"storage_policy\":{\"face_sample_policy\":{\"store_sample\":1,\"filters\":{\"match\":[{"
                + "\"label\":\"known\",\"similarity__gte\":0.8}]}}},"
                + "\"conditional_tags_policy\":[{\"tag\":\"known-person\",\"filters\":{\"match\":[{\"label\":\"known\","
                + "\"similarity__gte\":0.8}]}},{\"tag\":\"implausible-age\",\"filters\":{\"age__gte\":150}}]}");
        byte[] secondPhoto = rescaled(TestPhotos.sample(1), 0.7);
        // each published event is already stored when its message arrives: read it back right there
        BlockingQueue<String> published = new LinkedBlockingQueue<>();
        BusTail bus = subscribe(message -> {
            JsonNode event = json(message).get("event");
            published.add(event.get("event_id").asString() + " "
                    + owner.api().get("/6/events/" + event.get("event_id").asString()).status());
        });
        HttpProbe.Answer second = owner.api().post("/6/handlers/" + matching + "/events?source=door-2", "image/jpeg",
                secondPhoto);
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        JsonNode events = second.json().get("events");
        assertThat(events).hasSize(TestPhotos.FACES.getFirst());
        assertThat(second.json().get("images").get(0).get("status").asInt()).isEqualTo(1);
        String matchedEvent = null;
        for (JsonNode event : events) {
            List<String> tags = texts(event.get("tags"));
            assertThat(tags).doesNotContain("implausible-age");
            assertThat(event.get("source").asString()).isEqualTo("door-2");
            if (event.has("top_match")) {
                assertThat(matchedEvent).as("only one face of the photo is that person").isNull();
                matchedEvent = event.get("event_id").asString();
                assertThat(event.get("top_match").get("face_id").asString()).isEqualTo(faceId);
                assertThat(event.get("top_match").get("label").asString()).isEqualTo("known");
                assertThat(event.get("top_match").get("similarity").asDouble()).isGreaterThan(0.8);
                // the far preset 1e-3 raised the threshold; each candidate and the top match state their FAR
                assertThat(event.get("top_match").get("far").asDouble()).isLessThan(1e-3);
                assertThat(event.get("matches").get(0).get("candidates").get(0).get("far").asDouble())
                        .isEqualTo(event.get("top_match").get("far").asDouble());
                assertThat(event.get("matches").get(0).get("label").asString()).isEqualTo("known");
                assertThat(tags).contains("known-person");
                assertThat(event.get("detections").get(0).get("samples").get("face").has("sample_id")).isTrue();
            } else {
                assertThat(tags).doesNotContain("known-person");
                // the sample policy's filter (a match of "known") does not pass: no sample stored
                assertThat(event.get("detections").get(0).get("samples").get("face").has("sample_id")).isFalse();
            }
        }
        assertThat(matchedEvent).as("the stored person is found again").isNotNull();
        try {
            for (JsonNode event : events) {
                assertThat(published.poll(20, TimeUnit.SECONDS)).isEqualTo(event.get("event_id").asString() + " 200");
            }
        } finally {
            bus.close();
        }

        HttpProbe.Answer search = owner.api().get("/6/events?handler_ids=" + matching);
        assertThat(search.status()).as(search.toString()).isEqualTo(200);
        assertThat(search.json().get("events")).hasSize(events.size());
        JsonNode found = null;
        for (JsonNode event : search.json().get("events")) {
            if (event.get("event_id").asString().equals(matchedEvent)) {
                found = event;
            }
        }
        assertThat(found).as("the matched event is stored").isNotNull();
        assertThat(found.get("top_match").get("face_id").asString()).isEqualTo(faceId);
        assertThat(found.get("top_match").get("label").asString()).isEqualTo("known");
        assertThat(found.get("top_match").get("far").asDouble()).isLessThan(1e-3);
        assertThat(texts(found.get("tags"))).contains("known-person");
        HttpProbe.Answer byTopMatch = owner.api().get("/6/events?top_similar_object_ids=" + faceId
                + "&handler_ids=" + matching);
        assertThat(byTopMatch.json().get("events")).hasSize(1);
    }

    @Test
    void aFaceWhoseEventIsNotStoredHasNoEventId() {
        String handler = handler(owner, "{\"detect_policy\":{\"multiface_policy\":0},"
                + "\"extract_policy\":{\"extract_face_descriptor\":1},"
                + "\"storage_policy\":{\"face_sample_policy\":{\"store_sample\":0},"
                + "\"face_policy\":{\"store_face\":1},\"event_policy\":{\"store_event\":0}}}");
        HttpProbe.Answer answer = owner.api().post("/6/handlers/" + handler + "/events", "image/jpeg",
                TestPhotos.sample(4));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        JsonNode event = answer.json().get("events").get(0);
        assertThat(event.has("event_id")).as("not stored: no id").isFalse();
        JsonNode face = owner.api().get("/6/faces/" + event.get("face").get("face_id").asString()).json();
        assertThat(face.path("event_id").isNull() || face.path("event_id").isMissingNode())
                .as("no event to point at: " + face).isTrue();
        assertThat(owner.api().get("/6/events?handler_ids=" + handler).json().get("events")).isEmpty();
    }

    // ------------------------------------------------------------------ (b) raw events, idempotent

    @Test
    void rawEventsRetriedWithTheSameIdempotencyKeyAreStoredOnce() {
        String handler = handler(owner, "{}");
        String body = "{\"events\":[{\"source\":\"raw-cam\",\"tags\":[\"raw\"],\"external_id\":\"ext-1\"},"
                + "{\"source\":\"raw-cam\",\"user_data\":\"second\"}]}";
        String key = "workflow-" + UUID.randomUUID();
        HttpProbe.Answer first = owner.api().post("/6/handlers/" + handler + "/events/raw", "application/json",
                body.getBytes(StandardCharsets.UTF_8), "Idempotency-Key", key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        HttpProbe.Answer retry = owner.api().post("/6/handlers/" + handler + "/events/raw", "application/json",
                body.getBytes(StandardCharsets.UTF_8), "Idempotency-Key", key);
        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.json().get("events")).isEqualTo(first.json().get("events"));

        HttpProbe.Answer search = owner.api().get("/6/events?handler_ids=" + handler);
        assertThat(search.json().get("events")).hasSize(2);
        for (JsonNode event : search.json().get("events")) {
            assertThat(event.get("source").asString()).isEqualTo("raw-cam");
            assertThat(event.get("handler_id").asString()).isEqualTo(handler);
        }
        HttpProbe.Answer viaGateway = owner.api().post("/6/handlers/" + handler + "/events/raw",
                "{\"events\":[{\"source\":\"raw-cam\"}]}");
        assertThat(viaGateway.status()).as(viaGateway.toString()).isEqualTo(201);
        assertThat(owner.api().get("/6/events/" + viaGateway.json().get("events").get(0).get("event_id").asString())
                .json().get("handler_id").asString()).isEqualTo(handler);
        // another handler id inside an event is refused, nothing stored
        HttpProbe.Answer foreign = owner.api().post("/6/handlers/" + handler + "/events/raw",
                "{\"events\":[{\"handler_id\":\"" + UUID.randomUUID() + "\"}]}");
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(400);
        // the platform makes a raw event's id (as LUNA): a client-given one is refused, nothing stored
        HttpProbe.Answer givenId = owner.api().post("/6/handlers/" + handler + "/events/raw",
                "{\"events\":[{\"event_id\":\"" + io.selene.commons.ids.EventIds.generate(java.time.Instant.now())
                        + "\"}]}");
        assertThat(givenId.status()).as(givenId.toString()).isEqualTo(400);
        assertThat(givenId.json().get("detail").asString()).contains("events[0].event_id");
        assertThat(owner.api().get("/6/events?handler_ids=" + handler).json().get("events")).hasSize(3);
    }

    // ------------------------------------------------------------------ (c) bodies

    @Test
    void bodySamplesAreStoredWhenThePolicyAsks() {
        String handler = handler(owner, "{\"detect_policy\":{\"detect_body\":1},"
                + "\"storage_policy\":{\"body_sample_policy\":{\"store_sample\":1}}}");
        HttpProbe.Answer answer = owner.api().post("/6/handlers/" + handler + "/events", "image/jpeg",
                bodyPhoto("person.jpg"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        JsonNode withBody = null;
        for (JsonNode event : answer.json().get("events")) {
            if (event.get("detections").get(0).get("samples").has("body")) {
                withBody = event;
            }
        }
        assertThat(withBody).as(answer.toString()).isNotNull();
        JsonNode body = withBody.get("detections").get(0).get("samples").get("body");
        String sampleId = body.get("sample_id").asString();
        assertThat(body.get("url").asString()).isEqualTo("/6/samples/bodies/" + sampleId);
        HttpProbe.Answer sample = owner.api().get("/6/samples/bodies/" + sampleId);
        assertThat(sample.status()).as(sample.toString()).isEqualTo(200);
        assertThat(sample.header("Content-Type")).startsWith("image/jpeg");
        assertThat(sample.body()[0] & 0xFF).isEqualTo(0xFF);
        assertThat(sample.body()[1] & 0xFF).isEqualTo(0xD8);

        HttpProbe.Answer stored = owner.api().get("/6/events/" + withBody.get("event_id").asString());
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        assertThat(stored.json().get("detections").get(0).get("samples").get("body").get("sample_id").asString())
                .isEqualTo(sampleId);
    }

    // ------------------------------------------------------------------ (d) accounts

    @Test
    void anotherAccountCannotUseTheHandlerNorSeeItsEvents() {
        String handler = handler(owner, "{}");
        HttpProbe.Answer own = owner.api().post("/6/handlers/" + handler + "/events", "image/jpeg",
                TestPhotos.sample(4));
        assertThat(own.status()).as(own.toString()).isEqualTo(201);
        String eventId = own.json().get("events").get(0).get("event_id").asString();

        HttpProbe.Answer generate = stranger.api().post("/6/handlers/" + handler + "/events", "image/jpeg",
                TestPhotos.sample(4));
        assertThat(generate.status()).as(generate.toString()).isEqualTo(404);
        HttpProbe.Answer raw = stranger.api().post("/6/handlers/" + handler + "/events/raw", "{\"events\":[{}]}");
        assertThat(raw.status()).as(raw.toString()).isEqualTo(404);
        assertThat(stranger.api().get("/6/events?handler_ids=" + handler).json().get("events")).isEmpty();
        assertThat(stranger.api().get("/6/events/" + eventId).status()).isEqualTo(404);
        assertThat(owner.api().get("/6/events?handler_ids=" + handler).json().get("events"))
                .hasSize(TestPhotos.FACES.get(3));
    }

    // ------------------------------------------------------------------ aggregate_attributes

    /**
     * {@code aggregate_attributes=1}: one event for the request, a detection per image (its best face), and
     * the face it stores made of the renormalised mean of the images' descriptors, with every sample.
     */
    @Test
    void aggregateAttributesMakesOneEventAndOneFaceFromAllImages() throws Exception {
        String handler = handler(owner, "{\"extract_policy\":{\"extract_face_descriptor\":1,"
                + "\"extract_basic_attributes\":1},\"storage_policy\":{\"face_policy\":{\"store_face\":1}}}");
        Multipart photos = Multipart.images(List.of(TestPhotos.sample(1), rescaled(TestPhotos.sample(1), 0.75)));

        HttpProbe.Answer answer = owner.api().post("/6/handlers/" + handler + "/events?aggregate_attributes=1",
                photos.contentType(), photos.body());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.json().get("events")).hasSize(1);
        JsonNode event = answer.json().get("events").get(0);
        assertThat(event.get("detections")).hasSize(2);
        assertThat(event.get("face_attributes").get("samples")).hasSize(2);
        assertThat(event.get("aggregate_estimations").get("face").get("attributes").get("basic_attributes")
                .get("age").asInt()).isEqualTo(event.get("face_attributes").get("basic_attributes").get("age").asInt());
        List<float[]> each = new ArrayList<>();
        for (JsonNode detection : event.get("detections")) {
            String sample = detection.get("samples").get("face").get("sample_id").asString();
            String attribute = owner.api().post("/6/extractor", "[\"" + sample + "\"]").json().get(0)
                    .get("attribute_id").asString();
            each.add(DescriptorCodec.decodeRawBase64(owner.api().get("/6/attributes/" + attribute).json()
                    .get("descriptors").get(0).get("data").asString(), 201).values());
        }
        String faceId = event.get("face").get("face_id").asString();
        JsonNode stored = owner.api().get("/6/faces/" + faceId + "/attributes").json().get("attributes");
        float[] person = DescriptorCodec.decodeRawBase64(stored.get("descriptors").get(0).get("data").asString(), 201)
                .values();
        // re-extracted from the stored (JPEG) samples, so close to the mean rather than equal
        assertThat(Similarity.cosine(person, Similarity.aggregate(each))).isGreaterThan(0.95);

        // without the flag: an event per face of each image; a bad value is refused
        HttpProbe.Answer plain = owner.api().post("/6/handlers/" + handler + "/events", photos.contentType(),
                photos.body());
        assertThat(plain.json().get("events")).hasSize(6);
        HttpProbe.Answer bad = owner.api().post("/6/handlers/" + handler + "/events?aggregate_attributes=yes",
                "image/jpeg", TestPhotos.sample(1));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.json().get("error_code").asInt()).isEqualTo(101);
    }

    // ------------------------------------------------------------------ helpers

    private String handler(Account account, String policies) {
        return created(account.api().post("/6/handlers", "{\"description\":\"workflow\",\"policies\":" + policies
                + "}"), "handler_id");
    }

    private static String created(HttpProbe.Answer answer, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().get(field).asString();
    }

    /** Waits (bounded) until the matcher's index, fed by Faces' change feed, has the face. */
    private void awaitMatchable(String faceId, String list) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            HttpProbe.Answer answer = owner.api().post("/6/matcher/faces",
                    "{\"references\":[{\"type\":\"face\",\"id\":\"" + faceId + "\"}],\"candidates\":[{\"filters\":"
                    + "{\"origin\":\"faces\",\"list_id\":\"" + list + "\"}}]}");
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            if (answer.text().contains(faceId + "\"") && answer.json().get(0).get("matches").get(0).get("candidates")
                    .size() > 0) {
                return;
            }
            assertThat(System.nanoTime()).as("face not matchable within 20 s").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Follows the event bus stream (the handlers-service's Redis and key prefix) from now on, in order. */
    private BusTail subscribe(Consumer<String> onMessage) {
        ConfigurableApplicationContext handlers = platform.context("handlers-service");
        EventStream stream = new EventStream(handlers.getBean(StringRedisTemplate.class),
                handlers.getEnvironment().getProperty("selene.redis.key-prefix"));
        return BusTail.follow(stream, onMessage);
    }

    private static JsonNode json(String text) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(text);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(node -> out.add(node.asString()));
        }
        return out;
    }

    /** Another photo of the same scene: resized and re-encoded (other pixels, the same people). */
    private static byte[] rescaled(byte[] jpeg, double scale) throws IOException {
        BufferedImage source = ImageIO.read(new ByteArrayInputStream(jpeg));
        int width = (int) Math.round(source.getWidth() * scale);
        int height = (int) Math.round(source.getHeight() * scale);
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = target.createGraphics();
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.drawImage(source, 0, 0, width, height, null);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(target, "jpg", out);
        return out.toByteArray();
    }

    /** A photo of Debian darknet's data (bin/fetch-body-test-photos), as the body detector's tests use them. */
    private static byte[] bodyPhoto(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("var/test-photos/darknet").resolve(name);
            if (Files.isRegularFile(file)) {
                try {
                    return Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("var/test-photos/darknet/" + name + " missing: run bin/fetch-body-test-photos");
    }
}

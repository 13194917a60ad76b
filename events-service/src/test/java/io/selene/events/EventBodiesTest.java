package io.selene.events;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** Body detections in events (issue #7): stored and returned, filtered, counted; unestimated body attributes refused. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventBodiesTest extends EventsTestSupport {

    static final String FACE = """
            "face": {"sample_id": "%s", "url": "/6/samples/faces/%1$s",
                     "detection": {"rect": {"x": 10, "y": 20, "width": 100, "height": 120}, "score": 0.99}}""";
    static final String BODY = """
            "body": {"sample_id": "%s", "url": "/6/samples/bodies/%1$s",
                     "detection": {"rect": {"x": 5, "y": 8, "width": 180, "height": 420}, "score": 0.87}}""";

    static String event(String source, String... samples) {
        return "{\"source\": \"" + source + "\", \"detections\": [{\"detect_ts\": 1.5, \"samples\": {"
                + String.join(",", samples) + "}}]}";
    }

    static final List<String> NOT_ESTIMATED = List.of("apparent_age__gte=30", "apparent_gender=1",
            "headwear_states=1", "headwear_apparent_colors=black", "upper_clothing_colors=red", "sleeve_lengths=short",
            "backpack_states=1", "lower_garment_types=skirt", "lower_garment_colors=blue", "shoes_apparent_colors=white");

    @Test
    void aBodyDetectionIsStoredAndReturnedWithOrWithoutAFace() {
        UUID account = UUID.randomUUID();
        UUID face = UUID.randomUUID();
        UUID body = UUID.randomUUID();
        UUID lone = UUID.randomUUID();
        List<String> ids = store(account, event("both", FACE.formatted(face), BODY.formatted(body)),
                event("body only", BODY.formatted(lone)));

        JsonNode both = ok(as(account).get("/2/events/" + ids.get(0))).get("detections").get(0).get("samples");
        assertThat(both.get("face").get("sample_id").asString()).isEqualTo(face.toString());
        assertThat(both.get("body").get("sample_id").asString()).isEqualTo(body.toString());
        JsonNode alone = ok(as(account).get("/2/events/" + ids.get(1))).get("detections").get(0).get("samples");
        assertThat(alone.has("face")).isFalse();
        assertThat(alone.get("body").get("url").asString()).isEqualTo("/6/samples/bodies/" + lone);
        assertThat(alone.get("body").get("detection").get("rect").get("height").asInt()).isEqualTo(420);
        assertThat(alone.get("body").get("detection").get("score").asDouble()).isEqualTo(0.87);
        // search answers them the same way
        JsonNode found = ok(as(account).get("/2/events?body_sample_ids=" + lone)).get("events").get(0);
        assertThat(found.get("detections").get(0).get("samples").get("body").get("sample_id").asString())
                .isEqualTo(lone.toString());
    }

    @Test
    void bodyFiltersSelectTheirEventsAndOnlyThem() {
        UUID account = UUID.randomUUID();
        UUID faceA = UUID.randomUUID();
        UUID bodyA = UUID.randomUUID();
        UUID bodyB = UUID.randomUUID();
        UUID faceC = UUID.randomUUID();
        String a = store(account, event("s", FACE.formatted(faceA), BODY.formatted(bodyA))).getFirst();
        String b = store(account, "{\"source\": \"s\", \"detections\": [{\"samples\": {" + BODY.formatted(bodyB)
                + "}}, {\"samples\": {" + BODY.formatted(UUID.randomUUID()) + "}}]}").getFirst();
        String c = store(account, event("s", FACE.formatted(faceC))).getFirst();
        String d = store(account, "{\"source\": \"s\"}").getFirst();
        HttpProbe me = as(account);

        assertThat(ids(me, "?order=asc&body_detection_count__gte=1")).containsExactly(a, b);
        assertThat(ids(me, "?order=asc&body_detection_count__lt=1")).containsExactly(c, d);
        assertThat(ids(me, "?order=asc&body_detection_count__gt=1")).containsExactly(b);
        assertThat(ids(me, "?order=asc&body_detection_count__lte=1")).containsExactly(a, c, d);
        assertThat(ids(me, "?order=asc&face_detection_count__gte=1")).containsExactly(a, c);
        assertThat(ids(me, "?order=asc&face_detection_count__lt=1&body_detection_count__gte=1")).containsExactly(b);
        assertThat(ids(me, "?order=asc&face_detection_count__gte=1&body_detection_count__gte=1")).containsExactly(a);
        assertThat(ids(me, "?body_sample_ids=" + bodyB + "," + bodyA + "&order=asc")).containsExactly(a, b);
        assertThat(ids(me, "?body_sample_ids=" + UUID.randomUUID())).isEmpty();
        assertThat(ids(me, "?body_sample_ids=" + faceA)).as("a face sample is not a body sample").isEmpty();
        assertThat(ids(me, "?face_sample_ids=" + faceC)).containsExactly(c);
        assertThat(ids(me, "?face_sample_ids=" + bodyA)).isEmpty();
        // another account sees none of them
        assertThat(ids(as(UUID.randomUUID()), "?body_sample_ids=" + bodyA)).isEmpty();
        assertThat(ids(as(UUID.randomUUID()), "?body_detection_count__gte=1&sources=s")).isEmpty();

        assertLunaError(me.get("/2/events?body_detection_count__gte=many"), 101);
        assertLunaError(me.get("/2/events?body_sample_ids=not-a-uuid"), 101);

        JsonNode stats = ok(me.post("/2/events/stats", """
                {"filters": {"sources": ["s"]}, "group_by": [{"column": "body_detection_count"}],
                 "targets": [{"column": "event_id", "aggregator": "count"},
                             {"column": "face_detection_count", "aggregator": "sum"}]}"""));
        assertThat(stats.get("stats").get("columns").toString())
                .isEqualTo("[\"body_detection_count\",\"count_event_id\",\"sum_face_detection_count\"]");
        assertThat(stats.get("stats").get("values").toString()).isEqualTo("[[0,2,1],[1,1,1],[2,1,0]]");
        JsonNode bodies = ok(me.post("/2/events/stats", "{\"filters\": {\"body_detection_count__gte\": 1},"
                + " \"targets\": [{\"column\": \"body_detection_count\", \"aggregator\": \"max\"}]}"));
        assertThat(bodies.get("stats").get("values").toString()).isEqualTo("[[2]]");

        JsonNode deleted = ok(me.send("DELETE", "/2/events?body_detection_count__lt=1&face_detection_count__lt=1"));
        assertThat(deleted.get("deleted").asInt()).isEqualTo(1);
        assertThat(ids(me, "?order=asc")).containsExactly(a, b, c);
    }

    @Test
    void filtersOnEstimationsThePlatformNeverMakesMatchNothing() {
        UUID account = UUID.randomUUID();
        String id = store(account, event("s", BODY.formatted(UUID.randomUUID()))).getFirst();
        HttpProbe me = as(account);
        List<String> filters = new java.util.ArrayList<>(NOT_ESTIMATED);
        filters.addAll(List.of("apparent_age__lt=200", "ethnic_groups=1,4", "deepfake=1"));
        for (String filter : filters) {
            // LUNA's names are accepted; no event has these estimations, so nothing matches
            assertThat(ids(me, "?" + filter)).as(filter).isEmpty();
            assertThat(ids(me, "?sources=s&" + filter)).as(filter).isEmpty();
            HttpProbe.Answer descriptors = me.get("/2/events/descriptors?" + filter);
            assertThat(descriptors.status()).as(filter + " " + descriptors).isEqualTo(200);
            HttpProbe.Answer deleted = me.send("DELETE", "/2/events?" + filter);
            assertThat(deleted.status()).as(filter + " " + deleted).isEqualTo(200);
            assertThat(deleted.json().get("deleted").asInt()).isZero();
            String value = filter.substring(filter.indexOf('=') + 1);
            JsonNode stats = ok(me.post("/2/events/stats", "{\"filters\": {\"" + filter.substring(0,
                    filter.indexOf('=')) + "\": \"" + value + "\"}, \"targets\": [{\"column\": \"event_id\","
                    + " \"aggregator\": \"count\"}]}"));
            assertThat(stats.get("stats").get("values").toString()).as(filter).isEqualTo("[[0]]");
        }
        assertThat(ids(me, "")).as("nothing was deleted").containsExactly(id);
        // a misspelt name stays an unknown parameter; a bad range bound is still refused
        assertLunaError(me.get("/2/events?upper_clothing_colours=red"), 101);
        assertLunaError(me.get("/2/events?apparent_age__gte=old"), 101);
    }

    @Test
    void badBodyDetectionsAreRefusedNamingTheField() {
        UUID account = UUID.randomUUID();
        HttpProbe.Answer score = as(account).post("/2/events", "{\"events\": [" + event("x",
                BODY.formatted(UUID.randomUUID()).replace("0.87", "1.5")) + "]}");
        assertThat(score.status()).isEqualTo(400);
        assertLunaError(score, 102);
        assertThat(score.json().get("detail").asString()).contains("events[0].detections[0].samples.body.detection.score");
        HttpProbe.Answer rect = as(account).post("/2/events", "{\"events\": [" + event("x",
                BODY.formatted(UUID.randomUUID()).replace("\"x\": 5", "\"x\": \"five\"")) + "]}");
        assertLunaError(rect, 102);
        assertThat(rect.json().get("detail").asString()).contains("events[0].detections[0].samples.body.detection.rect.x");
        HttpProbe.Answer id = as(account).post("/2/events", "{\"events\": [" + event("x",
                "\"body\": {\"sample_id\": \"nope\"}") + "]}");
        assertLunaError(id, 102);
        assertThat(ids(as(account), "")).as("nothing stored").isEmpty();
    }
}

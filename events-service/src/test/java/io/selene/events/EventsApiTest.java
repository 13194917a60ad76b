package io.selene.events;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventsApiTest extends EventsTestSupport {

    static final String FULL = """
            {"handler_id": "%s", "create_time": "2024-05-01T10:00:00.123456+03:00",
             "end_time": "2024-05-01T10:00:05+03:00", "source": "cam-1", "tags": ["vip", "door"],
             "user_data": "visitor", "external_id": "ext-1", "track_id": "track-1",
             "stream_id": "5b0bd1b4-3f0c-4a3e-9d54-2c1bde6a8e11",
             "location": {"city": "Moscow", "area": "Central", "district": "Tverskoy", "street": "Tverskaya",
                          "house_number": "7", "geo_position": {"latitude": 55.75, "longitude": 37.61}},
             "detections": [{"detect_time": "2024-05-01T10:00:01+03:00", "detect_ts": 12.5, "filename": "a.jpg",
                             "image_origin": "/6/images/%s",
                             "samples": {"face": {"sample_id": "%s", "url": "/6/samples/faces/%s",
                                                  "detection": {"rect": {"x": 10, "y": 20, "width": 100, "height": 120},
                                                                "attributes": {"basic_attributes": {"age": 33, "gender": 1}}}}}}],
             "face_attributes": {"basic_attributes": {"age": 33, "gender": 1},
                                 "emotions": {"predominant_emotion": "happiness"},
                                 "liveness": {"prediction": "real", "estimations": {"probability": 0.98}},
                                 "mask": {"predominant_mask": "missing"}, "score": 0.9},
             "body_attributes": {"apparent_age": 30},
             "face": {"face_id": "%s", "lists": ["%s"]},
             "matches": [{"label": "blacklist", "candidates": [
                            {"face": {"face_id": "%s", "external_id": "bad-1", "user_data": "wanted"}, "similarity": 0.93},
                            {"face": {"face_id": "%s"}, "similarity": 0.71}]},
                         {"label": "empty", "candidates": []}],
             "meta": {"camera": "north"},
             "descriptor": {"version": 201, "data": "%s"}}""";

    @Test
    void eventIsStoredAndReadBackWhole() {
        UUID account = UUID.randomUUID();
        UUID handler = UUID.randomUUID();
        UUID image = UUID.randomUUID();
        UUID sample = UUID.randomUUID();
        UUID face = UUID.randomUUID();
        UUID list = UUID.randomUUID();
        UUID wanted = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        HttpProbe.Answer created = as(account).post("/2/events", "{\"events\": [" + FULL.formatted(handler, image,
                sample, sample, face, list, wanted, other, descriptor(1)) + "]}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("events").get(0).get("event_id").asString();
        assertThat(UUID.fromString(id).version()).as("generated ids are UUIDv7").isEqualTo(7);
        assertThat(created.header("Location")).isEqualTo("/6/events/" + id);

        JsonNode event = ok(as(account).get("/2/events/" + id));
        assertThat(event.get("event_id").asString()).isEqualTo(id);
        assertThat(event.get("url").asString()).isEqualTo("/6/events/" + id);
        assertThat(event.get("account_id").asString()).isEqualTo(account.toString());
        assertThat(event.get("handler_id").asString()).isEqualTo(handler.toString());
        assertThat(event.get("create_time").asString()).isEqualTo("2024-05-01T07:00:00.123456Z");
        assertThat(event.get("end_time").asString()).isEqualTo("2024-05-01T07:00:05Z");
        assertThat(event.get("source").asString()).isEqualTo("cam-1");
        assertThat(event.get("tags").toString()).isEqualTo("[\"vip\",\"door\"]");
        assertThat(event.get("user_data").asString()).isEqualTo("visitor");
        assertThat(event.get("external_id").asString()).isEqualTo("ext-1");
        assertThat(event.get("track_id").asString()).isEqualTo("track-1");
        assertThat(event.get("stream_id").asString()).isEqualTo("5b0bd1b4-3f0c-4a3e-9d54-2c1bde6a8e11");
        assertThat(event.get("location").get("city").asString()).isEqualTo("Moscow");
        assertThat(event.get("location").get("house_number").asString()).isEqualTo("7");
        assertThat(event.get("location").get("geo_position").get("latitude").asDouble()).isEqualTo(55.75);
        JsonNode detection = event.get("detections").get(0);
        assertThat(detection.get("detect_ts").asDouble()).isEqualTo(12.5);
        assertThat(detection.get("samples").get("face").get("sample_id").asString()).isEqualTo(sample.toString());
        assertThat(detection.get("samples").get("face").get("detection").get("rect").get("width").asInt()).isEqualTo(100);
        assertThat(event.get("face_attributes").get("emotions").get("predominant_emotion").asString())
                .isEqualTo("happiness");
        assertThat(event.get("body_attributes").get("apparent_age").asInt()).isEqualTo(30);
        assertThat(event.get("face").get("face_id").asString()).isEqualTo(face.toString());
        assertThat(event.get("face").get("lists").get(0).asString()).isEqualTo(list.toString());
        assertThat(event.get("matches")).hasSize(2);
        assertThat(event.get("matches").get(0).get("label").asString()).isEqualTo("blacklist");
        assertThat(event.get("matches").get(0).get("candidates").get(0).get("face").get("user_data").asString())
                .isEqualTo("wanted");
        assertThat(event.get("matches").get(0).get("candidates").get(1).get("similarity").asDouble()).isEqualTo(0.71);
        assertThat(event.get("matches").get(1).get("candidates")).isEmpty();
        // top_match was not given: the most similar candidate over every label
        assertThat(event.get("top_match").get("face_id").asString()).isEqualTo(wanted.toString());
        assertThat(event.get("top_match").get("similarity").asDouble()).isEqualTo(0.93);
        assertThat(event.get("top_match").get("label").asString()).isEqualTo("blacklist");
        assertThat(event.get("top_match").get("external_id").asString()).isEqualTo("bad-1");
        assertThat(event.get("meta").get("camera").asString()).isEqualTo("north");
        assertThat(event.has("descriptor")).isFalse();

        JsonNode some = ok(as(account).get("/2/events/" + id + "?targets=event_id,source"));
        assertThat(some.propertyNames()).containsExactlyInAnyOrder("event_id", "source");
        assertThat(as(account).send("HEAD", "/2/events/" + id).status()).isEqualTo(200);

        HttpProbe.Answer missing = as(account).get("/2/events/" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(404);
        assertLunaError(missing, 23001);
        assertThat(as(account).send("HEAD", "/2/events/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertLunaError(as(account).get("/2/events/not-a-uuid"), 101);
    }

    @Test
    void anotherAccountCannotReadCountOrDeleteTheEvent() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        String id = store(a, "{\"source\": \"secret-cam\", \"face_attributes\": {\"basic_attributes\": {\"age\": 40}}}")
                .getFirst();

        HttpProbe.Answer get = as(b).get("/2/events/" + id);
        assertThat(get.status()).isEqualTo(404);
        assertLunaError(get, 23001);
        assertThat(as(b).send("HEAD", "/2/events/" + id).status()).isEqualTo(404);
        assertThat(ids(as(b), "?event_ids=" + id)).isEmpty();
        assertThat(ids(as(b), "?sources=secret-cam")).isEmpty();
        HttpProbe.Answer foreign = as(b).get("/2/events?account_id=" + a);
        assertThat(foreign.status()).isEqualTo(403);
        assertLunaError(foreign, 12042);

        JsonNode stats = ok(as(b).post("/2/events/stats", "{\"filters\": {\"event_ids\": [\"" + id + "\"]},"
                + " \"targets\": [{\"column\": \"event_id\", \"aggregator\": \"count\"}]}"));
        assertThat(stats.get("stats").get("values").get(0).get(0).asLong()).isZero();
        assertThat(as(b).post("/2/events/stats", "{\"filters\": {\"account_id\": \"" + a + "\"}, \"targets\": "
                + "[{\"column\": \"event_id\", \"aggregator\": \"count\"}]}").status()).isEqualTo(403);

        JsonNode deleted = ok(as(b).send("DELETE", "/2/events?event_ids=" + id));
        assertThat(deleted.get("deleted").asInt()).isZero();
        assertThat(as(b).send("DELETE", "/2/events?account_id=" + a + "&event_ids=" + id).status()).isEqualTo(403);
        assertThat(ok(as(a).get("/2/events/" + id)).get("source").asString()).isEqualTo("secret-cam");

        // a caller with visibility "all" (advanced user) reads across accounts
        assertThat(ok(asAll(b).get("/2/events/" + id)).get("account_id").asString()).isEqualTo(a.toString());
        assertThat(ids(asAll(b), "?account_id=" + a + "&event_ids=" + id)).containsExactly(id);
    }

    @Test
    void everyFilterSelectsItsEventsAndOnlyThem() {
        UUID account = UUID.randomUUID();
        UUID h1 = UUID.randomUUID();
        UUID h2 = UUID.randomUUID();
        UUID f1 = UUID.randomUUID();
        UUID f2 = UUID.randomUUID();
        UUID o1 = UUID.randomUUID();
        UUID o2 = UUID.randomUUID();
        UUID stream2 = UUID.randomUUID();
        String e1 = store(account, """
                {"handler_id": "%s", "create_time": "2024-01-01T10:00:00Z", "end_time": "2024-01-01T10:01:00Z",
                 "source": "cam1", "tags": ["vip", "door"], "user_data": "ud1", "external_id": "ext1", "track_id": "t1",
                 "face": {"face_id": "%s"},
                 "face_attributes": {"basic_attributes": {"age": 30, "gender": 1}, "emotions": {"predominant_emotion": "happiness"},
                                     "liveness": {"prediction": "real"}, "mask": {"predominant_mask": "missing"}},
                 "location": {"city": "Moscow", "area": "A1", "district": "D1", "street": "S1", "house_number": "1",
                              "geo_position": {"latitude": 55.75, "longitude": 37.61}},
                 "matches": [{"label": "blacklist", "candidates": [{"face": {"face_id": "%s", "external_id": "oext1"}, "similarity": 0.9}]}]}
                """.formatted(h1, f1, o1)).getFirst();
        String e2 = store(account, """
                {"handler_id": "%s", "create_time": "2024-01-02T10:00:00Z", "end_time": "2024-01-02T10:01:00Z",
                 "source": "cam2", "tags": ["staff"], "user_data": "ud2", "external_id": "ext2", "track_id": "t2",
                 "stream_id": "%s", "face": {"face_id": "%s"},
                 "face_attributes": {"basic_attributes": {"age": 50, "gender": 0}, "emotions": {"predominant_emotion": "sadness"},
                                     "liveness": {"prediction": "spoof"}, "mask": {"predominant_mask": "medical_mask"}},
                 "location": {"city": "Paris", "area": "A2", "district": "D2", "street": "S2", "house_number": "2",
                              "geo_position": {"latitude": 48.85, "longitude": 2.35}},
                 "top_match": {"event_id": "%s", "similarity": 0.5, "label": "whitelist", "external_id": "oext2"}}
                """.formatted(h2, stream2, f2, o2)).getFirst();
        String e3 = store(account, """
                {"handler_id": "%s", "create_time": "2024-01-03T10:00:00Z"}""".formatted(h1)).getFirst();
        HttpProbe me = as(account);
        String nobody = UUID.randomUUID().toString();
        Map<String, List<String>> cases = new java.util.LinkedHashMap<>();
        cases.put("", List.of(e3, e2, e1));
        cases.put("?event_ids=" + e1 + "," + e3, List.of(e3, e1));
        cases.put("?event_ids=" + nobody, List.of());
        cases.put("?handler_ids=" + h1, List.of(e3, e1));
        cases.put("?handler_ids=" + nobody, List.of());
        cases.put("?sources=cam2,cam9", List.of(e2));
        cases.put("?sources=cam9", List.of());
        cases.put("?tags=vip", List.of(e1));
        cases.put("?tags=staff,door", List.of(e2, e1));
        cases.put("?tags=guest", List.of());
        cases.put("?face_ids=" + f1, List.of(e1));
        cases.put("?face_ids=" + nobody, List.of());
        cases.put("?external_ids=ext2", List.of(e2));
        cases.put("?external_ids=ext9", List.of());
        cases.put("?user_data=ud1", List.of(e1));
        cases.put("?user_data=ud", List.of());
        cases.put("?track_ids=t2", List.of(e2));
        cases.put("?track_ids=t9", List.of());
        cases.put("?stream_ids=" + nobody + "," + stream2, List.of(e2));
        cases.put("?stream_ids=" + nobody, List.of());
        cases.put("?create_time__gte=2024-01-02T00:00:00Z", List.of(e3, e2));
        cases.put("?create_time__lt=2024-01-01T00:00:00Z", List.of());
        cases.put("?create_time__gte=2024-01-01T10:00:00Z&create_time__lte=2024-01-02T10:00:00Z", List.of(e2, e1));
        cases.put("?create_time__gt=2024-01-01T10:00:00Z&create_time__lt=2024-01-02T10:00:00Z", List.of());
        cases.put("?create_time__gt=2024-01-01T09:59:59.999999Z&create_time__lt=2024-01-01T10:00:00.000001Z", List.of(e1));
        cases.put("?create_time__gte=2024-01-01T11:00:00%2B01:00&create_time__lt=2024-01-01T11:00:00.0000001%2B01:00",
                List.of(e1));
        cases.put("?end_time__lt=2024-01-01T12:00:00Z", List.of(e1));
        cases.put("?end_time__gte=2025-01-01T00:00:00Z", List.of());
        cases.put("?insert_time__gte=now-1h", List.of(e3, e2, e1));
        cases.put("?insert_time__lt=2020-01-01T00:00:00Z", List.of());
        cases.put("?top_matching_candidates_label=blacklist", List.of(e1));
        cases.put("?top_matching_candidates_label=greylist", List.of());
        cases.put("?top_similar_object_ids=" + o2, List.of(e2));
        cases.put("?top_similar_object_ids=" + nobody, List.of());
        cases.put("?top_similar_external_ids=oext1", List.of(e1));
        cases.put("?top_similar_external_ids=oext9", List.of());
        cases.put("?top_similar_object_similarity__gte=0.8", List.of(e1));
        cases.put("?top_similar_object_similarity__gte=0.4&top_similar_object_similarity__lt=0.6", List.of(e2));
        cases.put("?top_similar_object_similarity__gte=0.95", List.of());
        cases.put("?age__gte=40", List.of(e2));
        cases.put("?age__gte=20&age__lt=40", List.of(e1));
        cases.put("?age__lt=10", List.of());
        cases.put("?gender=0", List.of(e2));
        cases.put("?gender=1&sources=cam2", List.of());
        cases.put("?emotions=happiness", List.of(e1));
        cases.put("?emotions=6", List.of(e2)); // SDK order: sadness is 6
        cases.put("?emotions=fear", List.of());
        cases.put("?liveness=spoof", List.of(e2));
        cases.put("?liveness=1", List.of(e1)); // 1 = real
        cases.put("?liveness=unknown", List.of());
        cases.put("?masks=medical_mask", List.of(e2));
        cases.put("?masks=occluded", List.of());
        cases.put("?cities=Paris", List.of(e2));
        cases.put("?cities=Berlin", List.of());
        cases.put("?areas=A1", List.of(e1));
        cases.put("?areas=A9", List.of());
        cases.put("?districts=D2", List.of(e2));
        cases.put("?districts=D9", List.of());
        cases.put("?streets=S1", List.of(e1));
        cases.put("?streets=S9", List.of());
        cases.put("?house_numbers=2", List.of(e2));
        cases.put("?house_numbers=9", List.of());
        cases.put("?latitude__gte=50&longitude__gte=30&longitude__lt=40", List.of(e1));
        cases.put("?latitude__gte=80", List.of());
        cases.put("?longitude__lt=10", List.of(e2));
        cases.put("?longitude__lt=-100", List.of());
        cases.put("?account_id=" + account, List.of(e3, e2, e1));
        cases.forEach((query, expected) -> assertThat(ids(me, query)).as(query).containsExactlyElementsOf(expected));

        JsonNode page = ok(me.get("/2/events?event_ids=" + e1 + "&targets=event_id,top_match,location"));
        assertThat(page.get("events").get(0).propertyNames()).containsExactlyInAnyOrder("event_id", "top_match",
                "location");
    }

    @Test
    void pagesAndKeysetsFollowTheIdOrderBothWays() {
        UUID account = UUID.randomUUID();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            events.add("{\"create_time\": \"2024-03-01T10:00:%02dZ\", \"source\": \"page\"}".formatted(i));
        }
        List<String> created = store(account, events.toArray(String[]::new));
        assertThat(created).hasSize(25);
        List<String> descending = new ArrayList<>(created);
        java.util.Collections.reverse(descending);
        assertThat(ids(as(account), "?page_size=100")).containsExactlyElementsOf(descending);
        assertThat(ids(as(account), "?page_size=100&order=asc")).containsExactlyElementsOf(created);
        assertThat(ids(as(account), "?page=2&page_size=10")).containsExactlyElementsOf(descending.subList(10, 20));
        assertThat(ids(as(account), "?page=3&page_size=10&order=asc")).containsExactlyElementsOf(created.subList(20, 25));

        // keyset, newest first: each next page is event_id__lt the last id seen
        List<String> seen = new ArrayList<>();
        String query = "?page_size=10";
        while (true) {
            List<String> page = ids(as(account), query);
            seen.addAll(page);
            if (page.size() < 10) {
                break;
            }
            query = "?page_size=10&event_id__lt=" + page.getLast();
        }
        assertThat(seen).containsExactlyElementsOf(descending);
        // keyset, oldest first with event_id__gt(e)
        assertThat(ids(as(account), "?page_size=5&order=asc&event_id__gt=" + created.get(4)))
                .containsExactlyElementsOf(created.subList(5, 10));
        assertThat(ids(as(account), "?page_size=5&order=asc&event_id__gte=" + created.get(4)))
                .containsExactlyElementsOf(created.subList(4, 9));
    }

    @Test
    void statsAggregateAndGroupTheFilteredEvents() {
        UUID account = UUID.randomUUID();
        String event = "{\"create_time\": \"%s\", \"source\": \"%s\", \"face_attributes\": {\"basic_attributes\":"
                + " {\"age\": %d, \"gender\": %d}}}";
        store(account, event.formatted("2024-02-01T10:00:00Z", "s1", 20, 0), event.formatted("2024-02-01T11:00:00Z",
                "s1", 40, 0), event.formatted("2024-02-02T10:00:00Z", "s1", 30, 1), event.formatted(
                "2024-02-02T12:00:00Z", "s2", 60, 1));
        store(UUID.randomUUID(), event.formatted("2024-02-01T10:00:00Z", "s1", 99, 0)); // another account: not counted

        JsonNode byGender = ok(as(account).post("/2/events/stats", """
                {"filters": {"sources": ["s1"]},
                 "targets": [{"column": "event_id", "aggregator": "count"}, {"column": "age", "aggregator": "avg"},
                             {"column": "age", "aggregator": "max"}, {"column": "age", "aggregator": "min"}],
                 "group_by": [{"column": "gender"}]}""")).get("stats");
        assertThat(byGender.get("columns").toString())
                .isEqualTo("[\"gender\",\"count_event_id\",\"avg_age\",\"max_age\",\"min_age\"]");
        assertThat(byGender.get("values").toString()).isEqualTo("[[0,2,30.0,40.0,20.0],[1,1,30.0,30.0,30.0]]");

        JsonNode byDay = ok(as(account).post("/2/events/stats", """
                {"targets": [{"column": "event_id", "aggregator": "count"}],
                 "group_by": [{"column": "create_time", "period": "day"}]}""")).get("stats");
        assertThat(byDay.get("values").toString())
                .isEqualTo("[[\"2024-02-01T00:00:00Z\",2],[\"2024-02-02T00:00:00Z\",2]]");

        JsonNode total = ok(as(account).post("/2/events/stats", """
                {"filters": {"age__gte": 30}, "targets": [{"column": "event_id", "aggregator": "count"}]}"""))
                .get("stats");
        assertThat(total.get("values").toString()).isEqualTo("[[3]]");

        HttpProbe.Answer badColumn = as(account).post("/2/events/stats",
                "{\"targets\": [{\"column\": \"salary\", \"aggregator\": \"avg\"}]}");
        assertThat(badColumn.status()).isEqualTo(400);
        assertLunaError(badColumn, 23020);
        assertThat(badColumn.json().get("detail").asString()).contains("targets[0].column");
        HttpProbe.Answer badAggregator = as(account).post("/2/events/stats",
                "{\"targets\": [{\"column\": \"event_id\", \"aggregator\": \"avg\"}]}");
        assertThat(badAggregator.json().get("detail").asString()).contains("targets[0].aggregator");
        HttpProbe.Answer badGroup = as(account).post("/2/events/stats",
                "{\"targets\": [{\"column\": \"event_id\", \"aggregator\": \"count\"}], \"group_by\": [{\"column\": \"user_data\"}]}");
        assertThat(badGroup.json().get("detail").asString()).contains("group_by[0].column");
        HttpProbe.Answer badFilter = as(account).post("/2/events/stats",
                "{\"filters\": {\"gender\": \"x\"}, \"targets\": [{\"column\": \"event_id\", \"aggregator\": \"count\"}]}");
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.json().get("detail").asString()).contains("gender");
    }

    @Test
    void deleteByFiltersIsBoundedAndNeedsAFilter() {
        UUID account = UUID.randomUUID();
        UUID handler = UUID.randomUUID();
        String one = "{\"handler_id\": \"" + handler + "\", \"detections\": [{\"detect_ts\": 1.0}], "
                + "\"matches\": [{\"label\": \"l\", \"candidates\": [{\"event\": {\"event_id\": \"" + UUID.randomUUID()
                + "\"}, \"similarity\": 0.5}]}], \"descriptor\": {\"version\": 201, \"data\": \"" + descriptor(3) + "\"}}";
        List<String> mine = store(account, one, one, one);
        String kept = store(account, "{\"source\": \"keep\"}").getFirst();

        HttpProbe.Answer unfiltered = as(account).send("DELETE", "/2/events");
        assertThat(unfiltered.status()).isEqualTo(400);
        assertLunaError(unfiltered, 23062);
        assertLunaError(as(account).send("DELETE", "/2/events?handler_ids=" + handler + "&limit=0"), 101);

        JsonNode first = ok(as(account).send("DELETE", "/2/events?handler_ids=" + handler + "&limit=2"));
        assertThat(first.get("deleted").asInt()).isEqualTo(2);
        assertThat(first.get("has_more").asBoolean()).isTrue();
        JsonNode second = ok(as(account).send("DELETE", "/2/events?handler_ids=" + handler + "&limit=2"));
        assertThat(second.get("deleted").asInt()).isEqualTo(1);
        assertThat(second.get("has_more").asBoolean()).isFalse();
        for (String id : mine) {
            assertThat(as(account).get("/2/events/" + id).status()).isEqualTo(404);
        }
        assertThat(ids(as(account), "")).containsExactly(kept);
        assertThat(ok(as(account).get("/2/events/descriptors?account_id=" + account)).get("descriptors")).isEmpty();
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndStoresNothing() {
        UUID account = UUID.randomUUID();
        HttpProbe me = as(account);
        for (String query : List.of("?page_size=0", "?page_size=101", "?page=0", "?colour=red", "?event_ids=nope",
                "?create_time__gte=yesterday", "?gender=2", "?emotions=joy", "?order=up", "?age__gte=old", "?stream_ids=cam-1")) {
            HttpProbe.Answer answer = me.get("/2/events" + query);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertLunaError(answer, 101);
        }
        assertThat(me.get("/2/events?page_size=0").json().get("detail").asString()).contains("page_size");
        HttpProbe.Answer target = me.get("/2/events?targets=event_id,salary");
        assertLunaError(target, 23016);

        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("{}", "events");
        bodies.put("{\"events\": []}", "events");
        bodies.put("{\"events\": [{\"handler_id\": \"nope\"}]}", "events[0].handler_id");
        bodies.put("{\"events\": [{\"stream_id\": \"cam-1\"}]}", "events[0].stream_id");
        bodies.put("{\"events\": [{\"colour\": \"red\"}]}", "colour");
        bodies.put("{\"events\": [{}, {\"location\": {\"geo_position\": {\"latitude\": 100, \"longitude\": 0}}}]}",
                "events[1].location.geo_position.latitude");
        bodies.put("{\"events\": [{\"tags\": [\"" + "t".repeat(37) + "\"]}]}", "events[0].tags[0]");
        bodies.put("{\"events\": [{\"create_time\": \"2024-01-02T00:00:00Z\", \"end_time\": \"2024-01-01T00:00:00Z\"}]}",
                "events[0].end_time");
        bodies.put("{\"events\": [{\"matches\": [{\"label\": \"x\", \"candidates\": [{\"face\": {\"face_id\": \""
                + UUID.randomUUID() + "\"}, \"similarity\": 2}]}]}]}", "events[0].matches[0].candidates[0].similarity");
        bodies.put("{\"events\": [{\"matches\": [{\"label\": \"x\", \"candidates\": [{\"similarity\": 0.5}]}]}]}",
                "events[0].matches[0].candidates[0]");
        bodies.put("{\"events\": [{\"face_attributes\": {\"basic_attributes\": {\"age\": -3}}}]}",
                "events[0].face_attributes.basic_attributes.age");
        bodies.put("{\"events\": [{\"face_attributes\": {\"emotions\": {\"predominant_emotion\": \"joy\"}}}]}",
                "events[0].face_attributes.emotions.predominant_emotion");
        bodies.put("{\"events\": [{\"detections\": [{\"samples\": {\"face\": {\"detection\": {\"rect\": {\"x\": 1}}}}}]}]}",
                "events[0].detections[0].samples.face.detection.rect.y");
        bodies.put("{\"events\": [{\"source\": \"" + "s".repeat(129) + "\"}]}", "events[0].source");
        for (Map.Entry<String, String> entry : bodies.entrySet()) {
            HttpProbe.Answer answer = me.post("/2/events", entry.getKey());
            assertThat(answer.status()).as(entry.getKey()).isEqualTo(400);
            assertLunaError(answer, 102);
            assertThat(answer.json().get("detail").asString()).as(entry.getKey()).contains(entry.getValue());
        }
        String tooMany = "{\"events\": [" + String.join(",", java.util.Collections.nCopies(1001, "{}")) + "]}";
        HttpProbe.Answer batch = me.post("/2/events", tooMany);
        assertLunaError(batch, 102);
        assertThat(batch.json().get("detail").asString()).contains("'events'").contains("1..1000");
        HttpProbe.Answer badDescriptor = me.post("/2/events", "{\"events\": [{\"descriptor\": {\"version\": 201, "
                + "\"data\": \"" + Base64.getEncoder().encodeToString(new byte[10]) + "\"}}]}");
        assertLunaError(badDescriptor, 12051);
        HttpProbe.Answer otherAccount = me.post("/2/events", "{\"events\": [{\"account_id\": \"" + UUID.randomUUID()
                + "\"}]}");
        assertThat(otherAccount.status()).isEqualTo(403);
        assertThat(ids(me, "")).as("nothing stored by refused requests").isEmpty();
    }

    @Test
    void idempotentRetryReplaysAndAnotherBodyConflicts() {
        UUID account = UUID.randomUUID();
        String body = "{\"events\": [{\"source\": \"retry\"}, {\"source\": \"retry\", \"tags\": [\"b\"]}]}";
        String reformatted = "{ \"events\" : [ {\"source\":\"retry\"}, {\"tags\":[\"b\"], \"source\":\"retry\"} ] }";
        HttpProbe.Answer first = as(account).post("/2/events", "application/json", body.getBytes(),
                "Idempotency-Key", "k-1");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        HttpProbe.Answer again = as(account).post("/2/events", "application/json", reformatted.getBytes(),
                "Idempotency-Key", "k-1");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("events").toString()).isEqualTo(first.json().get("events").toString());
        assertThat(ids(as(account), "?sources=retry")).hasSize(2);

        HttpProbe.Answer conflict = as(account).post("/2/events", "application/json",
                "{\"events\": [{\"source\": \"other\"}]}".getBytes(), "Idempotency-Key", "k-1");
        assertThat(conflict.status()).isEqualTo(409);
        assertLunaError(conflict, 23061);
        // the same key in another account is another key
        HttpProbe.Answer elsewhere = as(UUID.randomUUID()).post("/2/events", "application/json", body.getBytes(),
                "Idempotency-Key", "k-1");
        assertThat(elsewhere.status()).isEqualTo(201);
        assertThat(elsewhere.json().get("events").get(0).get("event_id").asString())
                .isNotEqualTo(first.json().get("events").get(0).get("event_id").asString());
        assertThat(ids(as(account), "")).hasSize(2);
        // a malformed key is refused before the service reads it, by every service alike (RequestInputFilter)
        assertLunaError(as(account).post("/2/events", "application/json", body.getBytes(), "Idempotency-Key", ""),
                12048);
    }

    @Test
    void concurrentRequestsWithOneKeyStoreTheEventsOnce() throws Exception {
        UUID account = UUID.randomUUID();
        String body = "{\"events\": [{\"source\": \"race\"}, {\"source\": \"race\"}, {\"source\": \"race\"}]}";
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<HttpProbe.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> as(account).post("/2/events", "application/json", body.getBytes(),
                        "Idempotency-Key", "race-key")));
            }
            java.util.Set<String> bodies = new java.util.HashSet<>();
            for (var answer : answers) {
                HttpProbe.Answer done = answer.get();
                assertThat(done.status()).as(done.toString()).isEqualTo(201);
                bodies.add(done.json().get("events").toString());
            }
            assertThat(bodies).as("every request answers the same ids").hasSize(1);
        }
        assertThat(ids(as(account), "?sources=race")).hasSize(3);
    }

    @Test
    void givenEventIdIsKeptAndATakenOneConflicts() {
        UUID a = UUID.randomUUID();
        java.time.Instant time = java.time.Instant.parse("2024-06-01T12:00:00.123456Z");
        String id = eventId(time);
        assertThat(store(a, "{\"event_id\": \"" + id + "\"}")).containsExactly(id);
        assertThat(ok(as(a).get("/2/events/" + id)).get("create_time").asString())
                .as("create_time defaults to the time in the id").isEqualTo("2024-06-01T12:00:00.123456Z");
        String v4 = UUID.randomUUID().toString();
        HttpProbe.Answer random = as(a).post("/2/events", "{\"events\": [{\"event_id\": \"" + v4 + "\"}]}");
        assertLunaError(random, 102);
        assertThat(random.json().get("detail").asString()).contains("events[0].event_id");
        HttpProbe.Answer otherTime = as(a).post("/2/events", "{\"events\": [{\"event_id\": \"" + eventId(time)
                + "\", \"create_time\": \"2024-06-01T12:00:01Z\"}]}");
        assertLunaError(otherTime, 102);
        assertThat(as(a).post("/2/events", "{\"events\": [{\"event_id\": \"" + eventId(time)
                + "\", \"create_time\": \"2024-06-01T14:00:00.123456+02:00\"}]}").status()).isEqualTo(201);
        HttpProbe.Answer again = as(UUID.randomUUID()).post("/2/events", "{\"events\": [{\"event_id\": \"" + id + "\"}]}");
        assertThat(again.status()).isEqualTo(409);
        assertLunaError(again, 23002);
        // one transaction per event: the events before the refused one are stored, those after it are not
        String before = eventId(java.time.Instant.now());
        String after = eventId(java.time.Instant.now());
        HttpProbe.Answer batch = as(a).post("/2/events", "{\"events\": [{\"event_id\": \"" + before + "\"}, "
                + "{\"event_id\": \"" + id + "\"}, {\"event_id\": \"" + after + "\"}]}");
        assertThat(batch.status()).isEqualTo(409);
        assertThat(batch.json().get("detail").asString()).contains(before);
        assertThat(as(a).get("/2/events/" + before).status()).isEqualTo(200);
        assertThat(as(a).get("/2/events/" + after).status()).isEqualTo(404);
        HttpProbe.Answer sameTwice = as(a).post("/2/events", "{\"events\": [{\"event_id\": \"" + after
                + "\"}, {\"event_id\": \"" + after + "\"}]}");
        assertLunaError(sameTwice, 102);
        assertThat(as(a).get("/2/events/" + after).status()).isEqualTo(404);
    }

    @Test
    void aGivenEventIdMustBeOfTheSchemeAndADuplicateNeverOverwritesTheStoredEvent() {
        UUID a = UUID.randomUUID();
        UUID good = UUID.fromString(eventId(java.time.Instant.parse("2025-01-02T03:04:05.678901Z")));
        long high = good.getMostSignificantBits();
        long low = good.getLeastSignificantBits();
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("malformed", "\"nope\"");
        refused.put("not a string", "42");
        refused.put("version 4", "\"" + UUID.randomUUID() + "\"");
        refused.put("version 1", "\"" + new UUID((high & ~0xf000L) | 0x1000L, low) + "\"");
        refused.put("sub-millisecond bits over 999", "\"" + new UUID(high | 0x0fffL, low) + "\"");
        refused.put("another variant", "\"" + new UUID(high, low & 0x3fffffffffffffffL) + "\"");
        for (Map.Entry<String, String> entry : refused.entrySet()) {
            HttpProbe.Answer answer = as(a).post("/2/events", "{\"events\": [{\"source\": \"ok\"}, {\"event_id\": "
                    + entry.getValue() + "}]}");
            assertThat(answer.status()).as(entry.getKey()).isEqualTo(400);
            assertLunaError(answer, 102);
            assertThat(answer.json().get("detail").asString()).as(entry.getKey()).contains("events[1].event_id");
        }
        assertThat(ids(as(a), "")).as("a refused batch stores nothing").isEmpty();

        // the id's time is the create_time: found by a create_time range of that one microsecond
        String id = good.toString();
        assertThat(store(a, "{\"event_id\": \"" + id + "\", \"source\": \"first\", \"tags\": [\"kept\"]}"))
                .containsExactly(id);
        JsonNode stored = ok(as(a).get("/2/events/" + id));
        assertThat(stored.get("create_time").asString()).isEqualTo("2025-01-02T03:04:05.678901Z");
        assertThat(ids(as(a), "?create_time__gte=2025-01-02T03:04:05.678901Z&create_time__lt=2025-01-02T03:04:05.678902Z"))
                .containsExactly(id);

        // the same id again, without Idempotency-Key (same account or not): 409, the stored event is untouched
        for (UUID account : List.of(a, UUID.randomUUID())) {
            HttpProbe.Answer again = as(account).post("/2/events", "{\"events\": [{\"event_id\": \"" + id
                    + "\", \"source\": \"second\", \"user_data\": \"overwritten\"}]}");
            assertThat(again.status()).as(again.toString()).isEqualTo(409);
            assertLunaError(again, 23002);
        }
        assertThat(ok(as(a).get("/2/events/" + id))).isEqualTo(stored);
        assertThat(ids(as(a), "")).containsExactly(id);

        // a retry of a given id with the same Idempotency-Key replays it: 201, stored once
        String retried = eventId(java.time.Instant.now());
        byte[] body = ("{\"events\": [{\"event_id\": \"" + retried + "\", \"source\": \"retry\"}]}").getBytes();
        for (int i = 0; i < 2; i++) {
            HttpProbe.Answer answer = as(a).post("/2/events", "application/json", body, "Idempotency-Key", "given-id");
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            assertThat(answer.json().get("events").get(0).get("event_id").asString()).isEqualTo(retried);
        }
        assertThat(ids(as(a), "?sources=retry")).containsExactly(retried);
    }

    @Test
    void estimationsOfTheFirstDetectionAreFilteredWhenFaceAttributesAreAbsent() {
        UUID account = UUID.randomUUID();
        String id = store(account, """
                {"detections": [{"samples": {"face": {"detection": {"rect": {"x": 1, "y": 2, "width": 3, "height": 4},
                  "attributes": {"basic_attributes": {"age": 71.6, "gender": 0.2},
                                 "emotions": {"predominant_emotion": "surprise"}}}}}}]}""").getFirst();
        assertThat(ids(as(account), "?age__gte=71&gender=0&emotions=surprise")).containsExactly(id);
        assertThat(ids(as(account), "?gender=1")).isEmpty();
    }

    /**
     * Each estimation is read where it is: basic attributes aggregated in face_attributes, emotions left in
     * the detection (as a handler makes them when it extracts basic attributes) are both filterable, the
     * same way Sender's subscriptions and handler policies read them (EventFields.estimation).
     */
    @Test
    void eachEstimationIsFilteredFromFaceAttributesElseFromTheDetectionThatHasIt() {
        UUID account = UUID.randomUUID();
        String id = store(account, """
                {"face_attributes": {"basic_attributes": {"age": 40, "gender": 1}},
                 "detections": [{"samples": {"face": {"detection": {"rect": {"x": 1, "y": 2, "width": 3, "height": 4},
                  "attributes": {"basic_attributes": {"age": 12, "gender": 0},
                                 "emotions": {"predominant_emotion": "anger"}}}}}}]}""").getFirst();
        assertThat(ids(as(account), "?emotions=anger&age__gte=39&gender=1")).containsExactly(id);
        assertThat(ids(as(account), "?age__lt=20")).as("face_attributes wins over the detection").isEmpty();
        assertThat(ids(as(account), "?emotions=happiness")).isEmpty();
    }

    @Test
    void everyConnectionCommitsSynchronously(@org.springframework.beans.factory.annotation.Autowired
            javax.sql.DataSource dataSource) throws Exception {
        // a 2xx means committed to disk even when the server default is synchronous_commit = off
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement();
                var result = statement.executeQuery("SHOW synchronous_commit")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo("on");
        }
    }

    @Test
    void descriptorsArePagedAsFramesAndJsonPerAccount() throws IOException {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.addAll(store(a, "{\"descriptor\": {\"version\": 201, \"data\": \"" + descriptor(10 + i) + "\"}}"));
        }
        store(a, "{\"source\": \"no descriptor\"}");
        store(b, "{\"descriptor\": {\"version\": 201, \"data\": \"" + descriptor(99) + "\"}}");

        JsonNode page = ok(as(a).get("/2/events/descriptors?limit=2"));
        assertThat(page.get("descriptors")).hasSize(2);
        assertThat(page.get("descriptors").get(0).get("event_id").asString()).isEqualTo(ids.get(0));
        assertThat(page.get("descriptors").get(0).get("data").asString()).isEqualTo(descriptor(10));
        JsonNode next = page.get("next");
        JsonNode rest = ok(as(a).get("/2/events/descriptors?limit=2&after_key=" + next.get("after_key").asLong()
                + "&after_version=" + next.get("after_version").asInt()));
        assertThat(rest.get("descriptors")).hasSize(1);
        assertThat(rest.get("descriptors").get(0).get("event_id").asString()).isEqualTo(ids.get(2));
        assertThat(rest.get("next").isNull()).isTrue();

        HttpProbe.Answer frames = as(a).get("/2/events/descriptors", "Accept", "application/octet-stream");
        assertThat(frames.status()).isEqualTo(200);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(frames.body()));
        List<String> framed = new ArrayList<>();
        while (true) {
            long key = in.readLong();
            UUID event = new UUID(in.readLong(), in.readLong());
            int version = in.readInt();
            int length = in.readInt();
            if (key == 0 && version == 0 && length == 0) {
                break;
            }
            assertThat(version).isEqualTo(201);
            assertThat(length).isEqualTo(2048);
            in.readFully(new byte[length]);
            framed.add(event.toString());
        }
        assertThat(framed).containsExactlyElementsOf(ids);
        assertThat(in.available()).isZero();
        assertThat(as(b).get("/2/events/descriptors?account_id=" + a).status()).isEqualTo(403);
    }
}

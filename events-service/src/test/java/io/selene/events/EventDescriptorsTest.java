package io.selene.events;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.selene.commons.descriptor.DescriptorFrames;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** {@code GET /2/events/descriptors} takes every filter of {@code GET /2/events} (the matcher's origin events). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventDescriptorsTest extends EventsTestSupport {

    static String event(UUID handler, String source, String time, int age, int gender, String emotion, String tag,
            long seed) {
        return """
                {"handler_id": "%s", "source": "%s", "create_time": "%s", "tags": ["%s"], "user_data": "ud-%s",
                 "external_id": "x-%s", "track_id": "t-%s",
                 "face_attributes": {"basic_attributes": {"age": %d, "gender": %d},
                                     "emotions": {"predominant_emotion": "%s"}, "liveness": {"prediction": "real"}},
                 "location": {"city": "%s"},
                 "matches": [{"label": "vip", "candidates": [{"face": {"face_id": "%s"}, "similarity": 0.%d}]}],
                 "descriptor": {"version": 201, "data": "%s"}}""".formatted(handler, source, time, tag, source, source,
                source, age, gender, emotion, source + "-city", UUID.randomUUID(), 40 + age, descriptor(seed));
    }

    /** Event ids of a JSON page. */
    List<String> read(HttpProbe probe, String query) {
        JsonNode page = ok(probe.get("/2/events/descriptors" + query));
        List<String> ids = new ArrayList<>();
        page.get("descriptors").forEach(d -> ids.add(d.get("event_id").asString()));
        return ids;
    }

    @Test
    void everyEventFilterSelectsTheDescriptorsOfItsEventsOnly() throws IOException {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID h1 = UUID.randomUUID();
        UUID h2 = UUID.randomUUID();
        String e1 = store(a, event(h1, "cam1", "2024-03-01T10:00:00Z", 30, 1, "happiness", "vip", 1)).getFirst();
        String e2 = store(a, event(h2, "cam2", "2024-03-02T10:00:00Z", 50, 0, "sadness", "staff", 2)).getFirst();
        String plain = store(a, "{\"handler_id\": \"" + h1 + "\", \"source\": \"cam1\"}").getFirst();
        String foreign = store(b, event(h1, "cam1", "2024-03-01T11:00:00Z", 30, 1, "happiness", "vip", 3)).getFirst();
        HttpProbe me = as(a);

        assertThat(read(me, "")).containsExactly(e1, e2);
        assertThat(read(me, "?event_ids=" + e1)).containsExactly(e1);
        assertThat(read(me, "?event_ids=" + plain)).as("an event without a descriptor").isEmpty();
        assertThat(read(me, "?event_ids=" + foreign)).as("another account's event is never streamed").isEmpty();
        assertThat(read(me, "?event_ids=" + foreign + "," + e2)).containsExactly(e2);
        assertThat(read(me, "?handler_ids=" + h1)).containsExactly(e1);
        assertThat(read(me, "?sources=cam2")).containsExactly(e2);
        assertThat(read(me, "?sources=cam1")).containsExactly(e1);
        assertThat(read(me, "?tags=vip")).containsExactly(e1);
        assertThat(read(me, "?user_data=ud-cam2")).containsExactly(e2);
        assertThat(read(me, "?external_ids=x-cam1")).containsExactly(e1);
        assertThat(read(me, "?track_ids=t-cam2")).containsExactly(e2);
        assertThat(read(me, "?create_time__gte=2024-03-02T00:00:00Z")).containsExactly(e2);
        assertThat(read(me, "?create_time__lt=2024-03-02T00:00:00Z")).containsExactly(e1);
        assertThat(read(me, "?end_time__lt=2024-03-01T10:00:00.000001Z")).containsExactly(e1);
        assertThat(read(me, "?age__gte=40")).containsExactly(e2);
        assertThat(read(me, "?gender=1")).containsExactly(e1);
        assertThat(read(me, "?emotions=sadness")).containsExactly(e2);
        assertThat(read(me, "?liveness=spoof")).isEmpty();
        assertThat(read(me, "?top_matching_candidates_label=vip&top_similar_object_similarity__gte=0.9"))
                .containsExactly(e2);
        assertThat(read(me, "?cities=cam1-city")).containsExactly(e1);
        assertThat(read(me, "?event_id__gt=" + e1)).containsExactly(e2);
        assertThat(read(me, "?sources=cam1&version=201")).containsExactly(e1);
        assertThat(read(me, "?sources=cam1&version=202")).isEmpty();
        // visibility "all": another account by account_id, or every account
        assertThat(read(asAll(b), "?account_id=" + a + "&sources=cam1")).containsExactly(e1);
        assertThat(read(asAll(b), "?sources=cam1")).containsExactly(e1, foreign);

        HttpProbe.Answer frames = me.get("/2/events/descriptors?handler_ids=" + h2, "Accept", "application/octet-stream");
        assertThat(frames.status()).isEqualTo(200);
        DescriptorFrames.Reader reader = DescriptorFrames.reader(new ByteArrayInputStream(frames.body()));
        DescriptorFrames.Frame frame = reader.next();
        assertThat(frame.id().toString()).isEqualTo(e2);
        assertThat(frame.version()).isEqualTo(201);
        assertThat(frame.data()).hasSize(2048);
        assertThat(reader.next()).isNull();
        assertThat(reader.ended()).isTrue();
    }

    @Test
    void filteredPagesFollowTheKeyset() throws IOException {
        UUID account = UUID.randomUUID();
        UUID handler = UUID.randomUUID();
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.addAll(store(account, event(handler, "cam" + (i % 2), "2024-04-0" + (i + 1) + "T00:00:00Z", 20 + i, 1,
                    "neutral", "t", 20 + i)));
        }
        List<String> cam0 = List.of(mine.get(0), mine.get(2), mine.get(4));
        JsonNode first = ok(as(account).get("/2/events/descriptors?sources=cam0&limit=2"));
        assertThat(first.get("descriptors")).hasSize(2);
        JsonNode next = first.get("next");
        String after = "&after_key=" + next.get("after_key").asLong() + "&after_version=" + next.get("after_version").asInt();
        JsonNode second = ok(as(account).get("/2/events/descriptors?sources=cam0&limit=2" + after));
        assertThat(second.get("next").isNull()).isTrue();
        List<String> walked = new ArrayList<>();
        first.get("descriptors").forEach(d -> walked.add(d.get("event_id").asString()));
        second.get("descriptors").forEach(d -> walked.add(d.get("event_id").asString()));
        assertThat(walked).containsExactlyElementsOf(cam0);

        HttpProbe.Answer frames = as(account).get("/2/events/descriptors?sources=cam0&limit=2" + after, "Accept",
                "application/octet-stream");
        DescriptorFrames.Reader reader = DescriptorFrames.reader(new ByteArrayInputStream(frames.body()));
        assertThat(reader.next().id().toString()).isEqualTo(mine.get(4));
        assertThat(reader.next()).isNull();
    }

    @Test
    void filtersAreValidatedLikeTheSearch() {
        UUID a = UUID.randomUUID();
        HttpProbe me = as(a);
        assertLunaError(me.get("/2/events/descriptors?gender=5"), 101);
        assertLunaError(me.get("/2/events/descriptors?emotions=joy"), 101);
        assertLunaError(me.get("/2/events/descriptors?create_time__gte=yesterday"), 101);
        assertLunaError(me.get("/2/events/descriptors?event_ids=nope"), 101);
        assertLunaError(me.get("/2/events/descriptors?no_such_filter=1"), 101);
        assertLunaError(me.get("/2/events/descriptors?page_size=10"), 101);
        assertLunaError(me.get("/2/events/descriptors?targets=event_id"), 101);
        assertLunaError(me.get("/2/events/descriptors?limit=0"), 101);
        assertLunaError(me.get("/2/events/descriptors?after_version=1"), 101);
        HttpProbe.Answer foreign = me.get("/2/events/descriptors?account_id=" + UUID.randomUUID() + "&sources=x");
        assertThat(foreign.status()).isEqualTo(403);
        assertLunaError(foreign, 12042);
    }
}

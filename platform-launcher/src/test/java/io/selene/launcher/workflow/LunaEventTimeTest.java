package io.selene.launcher.workflow;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import io.selene.commons.ids.EventIds;
import io.selene.launcher.TestPlatform;
import io.selene.launcher.TestPlatform.Account;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * LUNA's {@code Luna-Event-Time} / {@code Luna-Event-End-Time} headers of
 * {@code POST /6/handlers/{id}/events} (a camera bridge replaying what it saw earlier): the stored
 * event's {@code create_time} / {@code end_time} are the given times, the event is found by them,
 * and a malformed header is a 400 that stores nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LunaEventTimeTest {

    private Account owner;
    private String handler;

    @BeforeAll
    void start() {
        owner = TestPlatform.shared().newAccount();
        HttpProbe.Answer created = owner.api().post("/6/handlers", "{\"description\":\"event time\",\"policies\":"
                + "{\"extract_policy\":{\"extract_face_descriptor\":1}}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        handler = created.json().get("handler_id").asString();
    }

    @Test
    void theHeadersSetTheStoredEventsTimes() {
        HttpProbe.Answer answer = owner.api().post("/6/handlers/" + handler + "/events", "image/jpeg",
                TestPhotos.sample(1), "Luna-Event-Time", "2024-03-05T10:20:30.123456+03:00",
                "Luna-Event-End-Time", "2024-03-05T07:21:00Z");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        JsonNode generated = answer.json().get("events").get(0);
        Instant create = Instant.parse("2024-03-05T07:20:30.123456Z");
        Instant end = Instant.parse("2024-03-05T07:21:00Z");
        assertThat(Instant.parse(generated.get("create_time").asString())).isEqualTo(create);
        String eventId = generated.get("event_id").asString();
        assertThat(EventIds.timeOf(UUID.fromString(eventId))).isEqualTo(create);

        HttpProbe.Answer stored = owner.api().get("/6/events/" + eventId);
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        assertThat(Instant.parse(stored.json().get("create_time").asString())).isEqualTo(create);
        assertThat(Instant.parse(stored.json().get("end_time").asString())).isEqualTo(end);
        HttpProbe.Answer found = owner.api().get("/6/events?handler_ids=" + handler
                + "&create_time__gte=2024-03-05T07:20:00Z&create_time__lt=2024-03-05T07:21:00Z");
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        // one event per face of the photo, all at the given time
        assertThat(found.json().get("events")).hasSize(answer.json().get("events").size());
        assertThat(found.json().get("events")).anySatisfy(e -> assertThat(e.get("event_id").asString())
                .isEqualTo(eventId));
    }

    @Test
    void aMalformedOrBackwardTimeIsRefusedAndStoresNothing() {
        HttpProbe.Answer malformed = owner.api().post("/6/handlers/" + handler + "/events", "image/jpeg",
                TestPhotos.sample(1), "Luna-Event-Time", "yesterday");
        assertLunaError(malformed, 12049);
        assertThat(malformed.status()).isEqualTo(400);
        HttpProbe.Answer backward = owner.api().post("/6/handlers/" + handler + "/events", "image/jpeg",
                TestPhotos.sample(1), "Luna-Event-Time", "2024-03-05T07:20:30Z",
                "Luna-Event-End-Time", "2024-03-05T07:20:00Z");
        assertLunaError(backward, 12049);
        HttpProbe.Answer events = owner.api().get("/6/events?handler_ids=" + handler
                + "&create_time__lt=2024-03-06T00:00:00Z&create_time__gte=2024-03-05T07:20:30Z");
        assertThat(events.status()).as(events.toString()).isEqualTo(200);
        assertThat(events.json().get("events")).allSatisfy(e ->
                assertThat(e.get("end_time").asString()).doesNotStartWith("2024-03-05T07:20:00"));
    }
}

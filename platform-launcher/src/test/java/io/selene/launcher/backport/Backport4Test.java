package io.selene.launcher.backport;

import static org.assertj.core.api.Assertions.assertThat;

import io.selene.launcher.TestPlatform;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Backport 4 through the gateway ({@code /5}, LUNA PLATFORM 4's API) as an LP4 client uses it: a face made
 * from a real photo and put in a list, matched; a handler that looks faces up in the list, events generated
 * from a photo and searched with LP4's singular filters; each checked against {@code /6}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Backport4Test {

    private TestPlatform platform;
    private TestPlatform.Account account;

    @BeforeAll
    void start() {
        platform = TestPlatform.shared();
        account = platform.newAccount();
    }

    private String face(HttpProbe api, String list, String name) {
        String sample = api.post("/5/detector", "image/jpeg", TestPhotos.sample(1)).json().get("images").get(0)
                .get("detections").get("samples").get(0).get("face").get("sample_id").asString();
        HttpProbe.Answer attribute = api.post("/5/extractor", "[\"" + sample + "\"]");
        assertThat(attribute.status()).as(attribute.toString()).isEqualTo(201);
        HttpProbe.Answer face = api.post("/5/faces", "{\"attribute_id\": \""
                + attribute.json().get(0).get("attribute_id").asString() + "\", \"user_data\": \"" + name + "\"}");
        assertThat(face.status()).as(face.toString()).isEqualTo(201);
        assertThat(face.header("Location")).startsWith("/5/faces/");
        String faceId = face.json().get("face_id").asString();
        HttpProbe.Answer linked = api.send("PATCH", "/5/linker", "application/json", ("{\"action\": \"attach\", "
                + "\"list_id\": \"" + list + "\", \"face_ids\": [\"" + faceId + "\"]}").getBytes());
        assertThat(linked.status()).as(linked.toString()).isIn(200, 204);
        return faceId;
    }

    @Test
    void anLp4ClientsFacesListsMatcherHandlersAndEventsMatchSlashSix() {
        HttpProbe api = account.api();
        HttpProbe.Answer list = api.post("/5/lists", "{\"user_data\": \"lp4 staff\"}");
        assertThat(list.status()).as(list.toString()).isEqualTo(201);
        String listId = list.json().get("list_id").asString();
        String alice = face(api, listId, "Alice");

        JsonNode faces = api.get("/5/faces?face_id=" + alice).json().get("faces");
        assertThat(faces).as("LP4's singular face_id filter").hasSize(1);
        assertThat(faces.get(0).get("user_data").asString()).isEqualTo("Alice");
        assertThat(api.get("/5/faces?list_id=" + listId).json().get("faces")).hasSize(1);
        assertThat(api.get("/6/faces?list_id=" + listId).json().get("faces").get(0).get("face_id").asString())
                .isEqualTo(alice);

        String match = "{\"references\": [{\"type\": \"face\", \"id\": \"" + alice + "\"}], \"candidates\": "
                + "[{\"filters\": {\"origin\": \"faces\", \"list_id\": \"" + listId + "\"}, \"limit\": 1}]}";
        JsonNode lp4 = api.post("/5/matcher", match).json().get(0).get("matches").get(0).get("candidates").get(0);
        JsonNode six = api.post("/6/matcher/faces", match).json().get(0).get("matches").get(0).get("candidates")
                .get(0);
        assertThat(lp4.get("face").get("face_id").asString()).isEqualTo(alice);
        assertThat(lp4.get("similarity").asDouble()).isEqualTo(six.get("similarity").asDouble()).isGreaterThan(0.99);

        HttpProbe.Answer handler = api.post("/5/handlers", "{\"description\": \"lp4 lookup\", \"policies\": {"
                + "\"extract_policy\": {\"extract_face_descriptor\": 1}, \"match_policy\": [{\"label\": \"staff\", "
                + "\"candidates\": {\"origin\": \"faces\", \"list_id\": \"" + listId + "\"}, \"threshold\": 0.5, "
                + "\"limit\": 1}]}}");
        assertThat(handler.status()).as(handler.toString()).isEqualTo(201);
        String handlerId = handler.json().get("handler_id").asString();
        HttpProbe.Answer events = api.post("/5/handlers/" + handlerId + "/events?source=lp4-cam", "image/jpeg",
                TestPhotos.sample(1));
        assertThat(events.status()).as(events.toString()).isEqualTo(201);
        assertThat(events.json().get("events")).hasSize(3);
        assertThat(events.json().get("events").get(0).get("url").asString()).startsWith("/5/events/");
        long matched = events.json().get("events").valueStream().filter(e -> e.get("matches").get(0)
                .get("candidates").valueStream().anyMatch(c -> c.get("face").get("face_id").asString().equals(alice)))
                .count();
        assertThat(matched).as("Alice is found in the photo she was enrolled from").isEqualTo(1);

        JsonNode searched = api.get("/5/events?handler_id=" + handlerId + "&source=lp4-cam").json().get("events");
        JsonNode sixSearched = api.get("/6/events?handler_ids=" + handlerId + "&sources=lp4-cam").json()
                .get("events");
        assertThat(searched).hasSize(3);
        assertThat(searched.valueStream().map(e -> e.get("event_id").asString()).toList())
                .containsExactlyInAnyOrderElementsOf(sixSearched.valueStream().map(e -> e.get("event_id").asString())
                        .toList());
        String eventId = searched.get(0).get("event_id").asString();
        assertThat(api.get("/5/events/" + eventId).json().get("handler_id").asString()).isEqualTo(handlerId);
        assertThat(api.get("/5/handlers/" + handlerId).json().get("description").asString()).isEqualTo("lp4 lookup");
        assertThat(api.get("/5/tasks").status()).isEqualTo(200);
        assertThat(api.get("/5/version").json().get("luna-backport4").get("api").asInt()).isEqualTo(5);
    }

    @Test
    void anotherAccountsFacesListsAndEventsAreRefused() {
        HttpProbe api = account.api();
        String listId = api.post("/5/lists", "{\"user_data\": \"private\"}").json().get("list_id").asString();
        String face = face(api, listId, "Eve");
        TestPlatform.Account other = platform.newAccount();

        assertThat(other.api().get("/5/faces/" + face).status()).isEqualTo(404);
        assertThat(other.api().send("HEAD", "/5/faces/" + face).status()).isEqualTo(404);
        assertThat(api.send("HEAD", "/5/faces/" + face).status()).isEqualTo(200);
        assertThat(other.api().get("/5/lists/" + listId).status()).isEqualTo(404);
        assertThat(other.api().get("/5/faces?list_id=" + listId).text()).doesNotContain(face);
        assertThat(other.api().send("DELETE", "/5/faces/" + face).status()).isEqualTo(404);
        HttpProbe.Answer foreign = other.api().get("/5/faces?account_id=" + account.id());
        assertThat(foreign.status()).as("another account_id, as on /6").isEqualTo(403);
        assertThat(api.get("/5/faces/" + face).status()).isEqualTo(200);
    }

    @Test
    void badLegacyInputIsALunaError() {
        HttpProbe.Answer answer = account.api().get("/5/faces?page_size=nine");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.json().get("error_code").asInt()).isPositive();
        assertThat(answer.json().get("link").asString()).isNotBlank();
        HttpProbe.Answer unknown = account.api().get("/5/persons");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error_code").asInt()).isEqualTo(106);
    }
}

package io.selene.launcher.workflow;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.selene.accounts.AccountsServiceApplication;
import io.selene.api.ApiServiceApplication;
import io.selene.events.EventsServiceApplication;
import io.selene.faces.FacesServiceApplication;
import io.selene.handlers.HandlersServiceApplication;
import io.selene.imagestore.ImageStoreServiceApplication;
import io.selene.launcher.TestPlatform;
import io.selene.launcher.TestPlatform.Account;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.Multipart;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * A generate-events request that fails late leaves nothing behind (#13). Its own small platform
 * (accounts, image-store, faces, events, handlers, gateway), so stopping a service disturbs no other test.
 * A handler stores, per face of a real photo, a face sample, an attribute and a face linked to a list, plus
 * the source image and the event. The failures are real: events-service stopped (the last step, after
 * everything else was stored) and a list deleted after the handler was made (faces-service refuses the
 * face, after the sample, source image and attribute were stored: that image fails). Each time the
 * request (or the image) answers the cause's LUNA error and, counted through the owners' APIs for the
 * account, no face, list link, attribute, sample, source image or event of it remains; also when the request
 * aggregates its images into one face ({@code aggregate_attributes=1}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandlerFailureCleanupTest {

    private TestPlatform platform;

    @BeforeAll
    void start() {
        platform = TestPlatform.start("cleanup", List.of(AccountsServiceApplication.class,
                ImageStoreServiceApplication.class, FacesServiceApplication.class, EventsServiceApplication.class,
                HandlersServiceApplication.class, ApiServiceApplication.class));
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void eventsServiceDownRemovesEverythingTheRequestStored() {
        Account owner = platform.newAccount();
        String list = created(owner.api().post("/6/lists", "{}"), "list_id");
        String handler = handler(owner, list);
        Map<String, Integer> empty = counts(owner, handler, list);
        assertThat(empty.values()).allMatch(n -> n == 0);

        // the same request succeeding stores one of everything per face: what the counts below must see
        HttpProbe.Answer stored = owner.api().post("/6/handlers/" + handler + "/events", "image/jpeg",
                TestPhotos.sample(1));
        assertThat(stored.status()).as(stored.toString()).isEqualTo(201);
        int faces = stored.json().get("events").size();
        assertThat(faces).isEqualTo(TestPhotos.FACES.get(0));
        Map<String, Integer> before = counts(owner, handler, list);
        assertThat(before).containsEntry("faces", faces).containsEntry("list links", faces)
                .containsEntry("attributes", faces).containsEntry("face samples", faces)
                .containsEntry("source images", 1).containsEntry("events", faces);

        platform.context("events-service").close();
        try {
            HttpProbe.Answer failed = owner.api().post("/6/handlers/" + handler + "/events", "image/jpeg",
                    TestPhotos.sample(1));
            assertThat(failed.status()).as(failed.toString()).isEqualTo(502);
            assertLunaError(failed, 11); // downstream unreachable: the cause's error, unchanged
            assertThat(failed.json().get("detail").asString()).contains("events");
            Map<String, Integer> after = counts(owner, handler, list);
            after.remove("events"); // its owner is down; counted once it is back
            Map<String, Integer> expected = new LinkedHashMap<>(before);
            expected.remove("events");
            assertThat(after).as("nothing of the failed request remains").isEqualTo(expected);
        } finally {
            platform.startMore(List.of(EventsServiceApplication.class));
        }
        assertThat(counts(owner, handler, list)).isEqualTo(before);
    }

    @Test
    void aFaceRefusedByFacesServiceRemovesTheSampleImageAndAttributeStoredBeforeIt() {
        Account owner = platform.newAccount();
        String kept = created(owner.api().post("/6/lists", "{}"), "list_id");
        String removed = created(owner.api().post("/6/lists", "{}"), "list_id");
        String handler = handler(owner, kept, removed);
        Map<String, Integer> before = counts(owner, handler, kept);
        assertThat(before.values()).allMatch(n -> n == 0);
        assertThat(owner.api().send("DELETE", "/6/lists/" + removed).status()).isEqualTo(204);

        // a downstream 4xx fails the image (README: "Errors"), the request answers 201 without its events
        HttpProbe.Answer failed = owner.api().post("/6/handlers/" + handler + "/events", "image/jpeg",
                TestPhotos.sample(1));
        assertThat(failed.status()).as(failed.toString()).isEqualTo(201);
        assertThat(failed.json().get("events")).isEmpty();
        JsonNode image = failed.json().get("images").get(0);
        assertThat(image.get("status").asInt()).isZero();
        assertThat(image.get("error").get("error_code").asInt()).as("the list the face was to be linked to is gone")
                .isEqualTo(22005);
        assertThat(counts(owner, handler, kept)).as("nothing of the failed image remains").isEqualTo(before);
    }

    @Test
    void aFailedAggregatedRequestRemovesTheSamplesImagesAndAttributeOfAllItsImages() {
        Account owner = platform.newAccount();
        String kept = created(owner.api().post("/6/lists", "{}"), "list_id");
        String removed = created(owner.api().post("/6/lists", "{}"), "list_id");
        String handler = handler(owner, kept, removed);
        Map<String, Integer> before = counts(owner, handler, kept);
        assertThat(before.values()).allMatch(n -> n == 0);
        assertThat(owner.api().send("DELETE", "/6/lists/" + removed).status()).isEqualTo(204);

        // aggregate_attributes: one face over both images, refused after a sample and a source image per
        // image and the attribute were stored; it is the request's only event, so the request fails
        Multipart photos = Multipart.images(List.of(TestPhotos.sample(1), TestPhotos.sample(2)));
        HttpProbe.Answer failed = owner.api().post("/6/handlers/" + handler + "/events?aggregate_attributes=1",
                photos.contentType(), photos.body());
        assertThat(failed.status()).as(failed.toString()).isBetween(400, 499);
        assertLunaError(failed, 22005);
        assertThat(counts(owner, handler, kept)).as("nothing of the failed request remains").isEqualTo(before);
    }

    /** Every face stored with sample, attribute, source image and event, linked to the lists. */
    private String handler(Account owner, String... lists) {
        StringBuilder links = new StringBuilder();
        for (String list : lists) {
            links.append(links.isEmpty() ? "" : ",").append("{\"list_id\":\"").append(list).append("\"}");
        }
        return created(owner.api().post("/6/handlers", "{\"description\":\"cleanup\",\"policies\":{"
                + "\"extract_policy\":{\"extract_face_descriptor\":1,\"extract_basic_attributes\":1},"
                + "\"storage_policy\":{\"face_sample_policy\":{\"store_sample\":1},"
                + "\"image_origin_policy\":{\"store_image\":1},"
                + "\"attribute_policy\":{\"store_attribute\":1,\"ttl\":600},"
                + "\"face_policy\":{\"store_face\":1,\"link_to_lists_policy\":[" + links + "]},"
                + "\"event_policy\":{\"store_event\":1}}}}"), "handler_id");
    }

    /** What the account has, asked of each owner (events only while events-service runs). */
    private Map<String, Integer> counts(Account owner, String handler, String list) {
        HttpProbe faces = platform.internal("faces-service", owner.id());
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("faces", ok(faces.get("/3/faces/count")).get("faces_count").asInt());
        counts.put("list links", ok(faces.get("/3/lists/" + list)).get("face_count").asInt());
        counts.put("attributes", ok(faces.get("/3/attributes/count")).get("attributes_count").asInt());
        counts.put("face samples", images(owner, "face-samples"));
        counts.put("body samples", images(owner, "body-samples"));
        counts.put("source images", images(owner, "images"));
        if (platform.services().contains("events-service")) {
            counts.put("events", ok(platform.internal("events-service", owner.id())
                    .get("/2/events?handler_ids=" + handler + "&page_size=100")).get("events").size());
        }
        return counts;
    }

    /** The account's items of an Image Store bucket (Image Store lists only what the caller may read). */
    private int images(Account owner, String bucket) {
        return ok(platform.internal("image-store-service", owner.id())
                .get("/1/buckets/" + bucket + "/images?limit=1000")).get("images").size();
    }

    private static JsonNode ok(HttpProbe.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private static String created(HttpProbe.Answer answer, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().get(field).asString();
    }
}

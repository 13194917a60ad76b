package io.selene.handlers.events;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.PlatformHeaders;
import io.selene.commons.account.Visibility;
import io.selene.commons.client.InternalClients;
import io.selene.commons.error.PlatformErrors;
import io.selene.vision.image.ImageDecoder;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The services event generation writes to or asks: matcher (match policies), faces (store_face),
 * image-store (source images) and events (stored events). Every call acts for the handler's
 * account with visibility {@code account}, whatever the caller's visibility: a handler only ever
 * matches and stores inside its own account.
 */
@Component
class Downstream {

    /** Image Store bucket of source images, as {@code /6/images} serves them. */
    static final String IMAGES_BUCKET = "images";
    /** Event ids per cleanup {@code DELETE /2/events} (well inside its {@code event_ids} limit). */
    static final int EVENTS_PER_DELETE = 100;

    private final RestClient matcher;
    private final RestClient faces;
    private final RestClient imageStore;
    private final RestClient events;

    Downstream(InternalClients clients) {
        this.matcher = clients.restClient("matcher-service");
        this.faces = clients.restClient("faces-service");
        this.imageStore = clients.restClient("image-store-service");
        this.events = clients.restClient("events-service");
    }

    /** {@code POST /1/matcher/faces} with one raw-descriptor reference and one candidates entry; its candidates. */
    JsonNode match(UUID account, Map<String, Object> reference, Map<String, Object> candidates) {
        JsonNode answer = matcher.post().uri("/1/matcher/faces")
                .headers(h -> scope(h, account))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("references", List.of(reference), "candidates", List.of(candidates)))
                .retrieve()
                .body(JsonNode.class);
        JsonNode found = answer == null ? null : answer.path(0).path("matches").path(0).get("candidates");
        if (found == null || !found.isArray()) {
            throw PlatformErrors.DOWNSTREAM_BAD_ANSWER.exception("matcher-service", "200 without candidates");
        }
        return found;
    }

    /** {@code POST /3/faces}; the new face's id. */
    String createFace(UUID account, Map<String, Object> body) {
        JsonNode answer = faces.post().uri("/3/faces")
                .headers(h -> scope(h, account))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .body(JsonNode.class);
        if (answer == null || !answer.hasNonNull("face_id")) {
            throw PlatformErrors.DOWNSTREAM_BAD_ANSWER.exception("faces-service", "201 without face_id");
        }
        return answer.get("face_id").asString();
    }

    /** The source image in Image Store bucket {@code images}; its id. */
    String storeImage(UUID account, byte[] bytes) {
        JsonNode answer = imageStore.post().uri("/1/buckets/{bucket}/images", IMAGES_BUCKET)
                .headers(h -> scope(h, account))
                .contentType(MediaType.parseMediaType(contentType(bytes)))
                .body(bytes)
                .retrieve()
                .body(JsonNode.class);
        if (answer == null || !answer.hasNonNull("image_id")) {
            throw PlatformErrors.DOWNSTREAM_BAD_ANSWER.exception("image-store-service", "201 without image_id");
        }
        return answer.get("image_id").asString();
    }

    /** {@code POST /2/events}: stored (committed) when this returns; {@code [{"event_id","url"}]} in order. */
    JsonNode storeEvents(UUID account, List<? extends JsonNode> batch, String idempotencyKey) {
        JsonNode answer = events.post().uri("/2/events")
                .headers(h -> {
                    scope(h, account);
                    if (idempotencyKey != null) {
                        h.set("Idempotency-Key", idempotencyKey);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("events", batch))
                .retrieve()
                .body(JsonNode.class);
        JsonNode stored = answer == null ? null : answer.get("events");
        if (stored == null || !stored.isArray() || stored.size() != batch.size()) {
            throw PlatformErrors.DOWNSTREAM_BAD_ANSWER.exception("events-service", "201 without the stored events");
        }
        return stored;
    }

    // Deletions of what a failed request made (RequestObjects): each owner's own delete endpoint.

    /** {@code DELETE} of a source image of bucket {@code images}. */
    void deleteImage(UUID account, String imageId) {
        imageStore.delete().uri("/1/buckets/{bucket}/images/{id}", IMAGES_BUCKET, imageId)
                .headers(h -> scope(h, account))
                .retrieve()
                .toBodilessEntity();
    }

    /** {@code DELETE /3/faces/{id}}: the face with its list links (its avatar is the sample's URL). */
    void deleteFace(UUID account, String faceId) {
        faces.delete().uri("/3/faces/{id}", faceId)
                .headers(h -> scope(h, account))
                .retrieve()
                .toBodilessEntity();
    }

    /** {@code DELETE /2/events?event_ids=…} (at most {@link #EVENTS_PER_DELETE} ids); how many were there. */
    int deleteEvents(UUID account, List<String> eventIds) {
        JsonNode answer = events.delete().uri(b -> b.path("/2/events")
                        .queryParam("event_ids", String.join(",", eventIds)).build())
                .headers(h -> scope(h, account))
                .retrieve()
                .body(JsonNode.class);
        return answer == null ? 0 : answer.path("deleted").asInt();
    }

    private static void scope(org.springframework.http.HttpHeaders headers, UUID account) {
        headers.set(PlatformHeaders.ACCOUNT_ID, account.toString());
        headers.set(PlatformHeaders.VISIBILITY, Visibility.ACCOUNT.header());
    }

    /** The image's Content-Type as the decoder decided it ({@link ImageDecoder#FORMATS}: what is analysed is stored). */
    static String contentType(byte[] bytes) {
        String type = ImageDecoder.contentType(bytes);
        if (type == null) {
            throw new IllegalStateException("an image the decoder accepted has no Content-Type of ImageDecoder.FORMATS");
        }
        return type;
    }
}

package io.selene.tasks.types;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.selene.commons.error.LunaException;
import io.selene.tasks.clients.AccountCalls;
import io.selene.tasks.engine.TaskRun;
import tools.jackson.databind.JsonNode;

/** Where the samples and source images of faces and events are, and removing them from Image Store. */
public final class Samples {

    public static final String FACE_SAMPLES = "face-samples";
    public static final String BODY_SAMPLES = "body-samples";
    public static final String IMAGES = "images";

    private Samples() {
    }

    /** The face sample ids of an event's detections (in detection order). */
    public static List<String> faceSamplesOfEvent(JsonNode event) {
        return ofEvent(event, "face");
    }

    public static List<String> bodySamplesOfEvent(JsonNode event) {
        return ofEvent(event, "body");
    }

    private static List<String> ofEvent(JsonNode event, String kind) {
        List<String> ids = new ArrayList<>();
        for (JsonNode detection : event.path("detections")) {
            JsonNode id = detection.path("samples").path(kind).path("sample_id");
            if (id.isString()) {
                ids.add(id.asString());
            }
        }
        return ids;
    }

    /** Image Store ids of an event's source images stored by Selene ({@code /6/images/<id>}); external URLs are not ours. */
    public static List<String> imageOriginsOfEvent(JsonNode event) {
        List<String> ids = new ArrayList<>();
        for (JsonNode detection : event.path("detections")) {
            JsonNode origin = detection.path("image_origin");
            if (origin.isString() && origin.asString().startsWith("/6/images/")) {
                ids.add(origin.asString().substring("/6/images/".length()));
            }
        }
        return ids;
    }

    /** A face's sample ids (as {@code GET /3/faces/scan} answers them). */
    public static List<String> ofFace(JsonNode face) {
        List<String> ids = new ArrayList<>();
        face.path("sample_ids").forEach(id -> ids.add(id.asString()));
        return ids;
    }

    /** Deletes images of a bucket in the task's account, 1000 per call; a failure is an error of the run. */
    public static int delete(TaskRun run, String bucket, List<String> ids) {
        Set<String> unique = new LinkedHashSet<>(ids);
        List<String> all = new ArrayList<>(unique);
        int removed = 0;
        for (int from = 0; from < all.size(); from += 1000) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 1000));
            try {
                run.calls().delete(AccountCalls.IMAGE_STORE, "/1/buckets/" + bucket + "/images", null,
                        Map.of("image_ids", chunk));
                removed += chunk.size();
            } catch (LunaException e) {
                if (!e.status().is4xxClientError()) {
                    throw e;
                }
                run.error(e, Map.of("bucket", bucket, "image_ids", chunk.size()));
            }
        }
        return removed;
    }
}

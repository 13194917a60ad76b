package io.selene.tasks.types.estimator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.error.LunaException;
import io.selene.commons.json.JsonFields;
import io.selene.commons.json.StrictJson;
import io.selene.tasks.TasksErrors;
import io.selene.tasks.clients.AccountCalls;
import io.selene.tasks.engine.SubtaskRun;
import io.selene.tasks.engine.TaskRequest;
import io.selene.tasks.engine.TaskResult;
import io.selene.tasks.engine.TaskRun;
import io.selene.tasks.engine.TaskType;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code estimator}: sends every image of a source through a handler ({@code POST /1/handlers/{id}/events},
 * {@code images-per-subtask} images per request), one event per detected face as the handler's policies
 * say. Sources ({@code source.source_type}): {@code zip} (an archive stored with {@code POST /6/objects},
 * {@code reference} = its id or {@code /6/objects/<id>}; unpacked at the split into the task account's
 * Image Store bucket {@code images} with a one-day TTL), {@code image_store} ({@code bucket} + {@code prefix}
 * of the account's images), {@code s3} ({@code endpoint}, {@code bucket}, {@code prefix}, {@code region},
 * {@code access_key}, {@code secret_key}, {@code recursive}) and {@code urls} (1..1000 URLs on allowed hosts).
 * Every image's outcome is kept: its events or its LUNA error (also in the task's errors).
 */
@Component
public class EstimatorTask implements TaskType {

    private static final long UNPACKED_TTL = 86_400;

    private final ImageSources sources;

    private final StrictJson strict;

    public EstimatorTask(ImageSources sources, StrictJson strict) {
        this.sources = sources;
        this.strict = strict;
    }

    @Override
    public String name() {
        return "estimator";
    }

    @Override
    public int code() {
        return 5;
    }

    @Override
    public String summary() {
        return "Runs a handler over every image of a zip archive, an Image Store bucket prefix, an S3 prefix or a "
                + "list of URLs; one event per detected face, each image's error kept.";
    }

    @Override
    public String example() {
        return "{\"content\": {\"handler_id\": \"6e1b2f4e-3b8a-4a43-8a43-6d1b6c3b9f10\", \"source\": "
                + "{\"source_type\": \"zip\", \"reference\": \"<object_id of POST /6/objects>\"}}}";
    }

    @Override
    public JsonNode validate(JsonNode content, TaskRequest request) {
        EstimatorContent body = strict.read(content, EstimatorContent.class, "content");
        UUID handler = UUID.fromString(body.handlerId());
        JsonNode policies = body.policies() == null || body.policies().isNull() ? null : body.policies();
        if (policies != null && !policies.isObject()) {
            throw JsonFields.bad("content.policies", "must be a JSON object");
        }
        JsonNode sourceNode = body.source();
        if (sourceNode.isNull()) {
            throw JsonFields.bad("content.source", "is required");
        }
        JsonNode typeNode = sourceNode.path("source_type");
        String type = typeNode.isString() ? typeNode.asString() : null;
        if (sourceNode.isObject() && (typeNode.isMissingNode() || typeNode.isNull())) {
            throw JsonFields.bad("content.source.source_type", "is required: zip, image_store, s3 or urls");
        }
        if (sourceNode.isObject() && !EstimatorContent.SOURCES.containsKey(type)) {
            throw JsonFields.bad("content.source.source_type", "must be one of [zip, image_store, s3, urls]");
        }
        Object source = strict.read(sourceNode, EstimatorContent.SOURCES.get(type), "content.source");
        JsonNode handlerView;
        try {
            handlerView = request.calls().get(AccountCalls.HANDLERS, "/1/handlers/" + handler, Map.of());
        } catch (LunaException e) {
            if (e.status().value() == 404) {
                throw JsonFields.bad("content.handler_id", "handler " + handler + " not found");
            }
            throw e;
        }
        if (policies != null && !handlerView.path("is_dynamic").asBoolean(false)) {
            throw JsonFields.bad("content.policies", "only for a dynamic handler; this one has its own policies");
        }
        ObjectNode stored = JsonNodeFactory.instance.objectNode();
        stored.put("handler_id", handler.toString());
        if (policies != null) {
            stored.set("policies", policies);
        }
        ObjectNode storedSource = stored.putObject("source").put("source_type", type);
        switch (source) {
            case EstimatorContent.Zip zip -> {
                String reference = zip.reference();
                String id = reference.startsWith("/6/objects/") ? reference.substring("/6/objects/".length())
                        : reference;
                if (!id.matches("[A-Za-z0-9_-]{1,128}")) {
                    throw JsonFields.bad("content.source.reference", "must be an object id or /6/objects/<id>");
                }
                try {
                    request.calls().bytes(AccountCalls.IMAGE_STORE, "/1/buckets/objects/objects/" + id);
                } catch (LunaException e) {
                    if (e.status().value() == 404) {
                        throw JsonFields.bad("content.source.reference", "object " + id + " not found");
                    }
                    throw e;
                }
                storedSource.put("reference", id);
            }
            case EstimatorContent.ImageStore store -> {
                String bucket = store.bucket() == null ? "images" : store.bucket();
                String prefix = store.prefix() == null ? "" : store.prefix();
                storedSource.put("bucket", bucket).put("prefix", prefix);
                request.calls().get(AccountCalls.IMAGE_STORE, "/1/buckets/" + bucket + "/images",
                        Map.of("prefix", prefix, "limit", 1));
            }
            case EstimatorContent.S3 s3 -> {
                if (s3.endpoint() == null || s3.bucket() == null) {
                    throw JsonFields.bad("content.source", "s3 needs 'endpoint' and 'bucket'");
                }
                storedSource.put("endpoint", s3.endpoint()).put("bucket", s3.bucket())
                        .put("prefix", s3.prefix() == null ? "" : s3.prefix())
                        .put("region", s3.region() == null ? "us-east-1" : s3.region())
                        .put("access_key", s3.accessKey() == null ? "" : s3.accessKey())
                        .put("secret_key", s3.secretKey() == null ? "" : s3.secretKey())
                        .put("recursive", Boolean.FALSE.equals(s3.recursive()) ? 0 : 1);
                sources.checkS3(s3.endpoint(), "content.source.endpoint");
            }
            case EstimatorContent.Urls urls -> {
                ArrayNode list = storedSource.putArray("urls");
                for (int i = 0; i < urls.urls().size(); i++) {
                    sources.checkUrl(urls.urls().get(i), "content.source.urls[" + i + "]");
                    list.add(urls.urls().get(i));
                }
            }
            default -> throw new IllegalStateException("No source record " + source);
        }
        return stored;
    }

    @Override
    public JsonNode view(JsonNode content) {
        if (!content.path("source").has("secret_key")) {
            return content;
        }
        ObjectNode copy = (ObjectNode) content.deepCopy();
        ((ObjectNode) copy.get("source")).put("secret_key", "***");
        return copy;
    }

    @Override
    public List<JsonNode> split(TaskRun task) {
        JsonNode source = task.content().path("source");
        int max = task.settings().estimator().maxImages();
        List<ObjectNode> items = new ArrayList<>();
        switch (source.path("source_type").asString()) {
            case "zip" -> {
                byte[] zip = task.calls().bytes(AccountCalls.IMAGE_STORE, "/1/buckets/objects/objects/"
                        + source.path("reference").asString()).getBody();
                if (zip == null || zip.length > task.settings().estimator().maxArchiveSize().toBytes()) {
                    throw TasksErrors.ARCHIVE_BOMB.exception("archive larger than "
                            + task.settings().estimator().maxArchiveSize().toBytes() + " bytes");
                }
                String bucket = task.settings().estimator().imageBucket();
                int n = 0;
                for (Archive.Entry entry : Archive.read(zip, task.settings().estimator(), task::checkCancelled)) {
                    String name = Archive.printable(entry.name());
                    if (entry.error() != null) {
                        task.error(entry.error(), Map.of("filename", name));
                        continue;
                    }
                    String contentType = ImageKinds.contentType(entry.bytes());
                    if (contentType == null) {
                        task.error(ImageKinds.notAnImage(name), Map.of("filename", name));
                        continue;
                    }
                    String id = "task-" + task.key() + "-" + (n++);
                    try {
                        task.calls().put(AccountCalls.IMAGE_STORE, "/1/buckets/" + bucket + "/images/" + id,
                                UNPACKED_TTL, contentType, entry.bytes());
                    } catch (LunaException e) {
                        if (!e.status().is4xxClientError()) {
                            throw e;
                        }
                        task.error(e, Map.of("filename", name));
                        continue;
                    }
                    items.add(JsonNodeFactory.instance.objectNode().put("filename", name).put("bucket", bucket)
                            .put("image_id", id));
                    if (items.size() > max) {
                        throw TasksErrors.ARCHIVE_BOMB.exception("more than " + max + " images");
                    }
                }
                if (items.isEmpty()) {
                    task.error(TasksErrors.BAD_ARCHIVE.exception("the archive holds no image"), Map.of());
                }
            }
            case "image_store" -> {
                String bucket = source.path("bucket").asString();
                for (String id : sources.imageStore(task, bucket, source.path("prefix").asString(), max)) {
                    items.add(JsonNodeFactory.instance.objectNode().put("filename", id).put("bucket", bucket)
                            .put("image_id", id));
                }
            }
            case "s3" -> {
                for (String key : sources.s3(task, source, max)) {
                    items.add(JsonNodeFactory.instance.objectNode().put("filename", key).put("s3_key", key));
                }
            }
            default -> source.path("urls").forEach(url -> items.add(JsonNodeFactory.instance.objectNode()
                    .put("filename", url.asString()).put("url", url.asString())));
        }
        List<JsonNode> parts = new ArrayList<>();
        for (List<ObjectNode> chunk : TaskType.chunks(items, task.settings().imagesPerSubtask())) {
            ObjectNode part = JsonNodeFactory.instance.objectNode();
            part.putArray("images").addAll(chunk);
            parts.add(part);
        }
        return parts;
    }

    @Override
    public JsonNode run(SubtaskRun run) {
        JsonNode content = run.content();
        JsonNode source = content.path("source");
        ObjectNode partial = JsonNodeFactory.instance.objectNode();
        ArrayNode outcomes = partial.putArray("images");
        MultiValueMap<String, Object> parts = AccountCalls.parts();
        List<ObjectNode> sent = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        try (S3Client s3 = source.path("source_type").asString().equals("s3") ? sources.client(source) : null) {
            for (JsonNode item : run.subtaskContent().path("images")) {
                run.checkCancelled();
                String filename = item.path("filename").asString();
                ObjectNode outcome = JsonNodeFactory.instance.objectNode().put("filename", filename);
                outcomes.add(outcome);
                byte[] bytes;
                try {
                    bytes = sources.fetch(run, source, item, s3);
                    // checked here as a zip's entries are at the split: every source's non-image is 28114
                    if (bytes == null || ImageKinds.contentType(bytes) == null) {
                        throw ImageKinds.notAnImage(filename);
                    }
                } catch (LunaException e) {
                    if (e.status().is5xxServerError() && e.errorCode() != TasksErrors.SOURCE_UNREACHABLE.code()) {
                        throw e;
                    }
                    failed(run, outcome, e);
                    continue;
                }
                // A unique part name per image of the request, so every event finds its image.
                int seen = names.merge(filename, 1, Integer::sum);
                String partName = seen == 1 ? filename : filename + "#" + seen;
                outcome.put("part", partName);
                HttpHeaders headers = new HttpHeaders();
                headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
                headers.setContentDispositionFormData("image", partName);
                parts.add("image", new HttpEntity<>(new ByteArrayResource(bytes), headers));
                sent.add(outcome);
            }
        }
        if (!sent.isEmpty()) {
            if (content.has("policies")) {
                HttpHeaders headers = new HttpHeaders();
                headers.setContentType(MediaType.APPLICATION_JSON);
                parts.add("policies", new HttpEntity<>(content.get("policies").toString(), headers));
            }
            JsonNode answer;
            try {
                answer = run.calls().postMultipart(AccountCalls.HANDLERS, "/1/handlers/"
                        + content.path("handler_id").asString() + "/events", parts);
            } catch (LunaException e) {
                if (!e.status().is4xxClientError() || sent.size() > 1) {
                    throw e;
                }
                // a request with one image answers that image's error
                failed(run, sent.getFirst(), e);
                sent.clear();
                answer = null;
            }
            if (answer != null) {
                record(run, answer, sent);
            }
        }
        outcomes.forEach(outcome -> ((ObjectNode) outcome).remove("part"));
        run.items(outcomes.size());
        return partial;
    }

    private static void record(SubtaskRun run, JsonNode answer, List<ObjectNode> sent) {
        Map<String, ObjectNode> byPart = new LinkedHashMap<>();
        sent.forEach(outcome -> {
            byPart.put(outcome.path("part").asString(), outcome);
            outcome.put("status", 1);
            outcome.putArray("event_ids");
        });
        for (JsonNode image : answer.path("images")) {
            ObjectNode outcome = byPart.get(image.path("filename").asString());
            if (outcome != null && image.path("status").asInt(1) == 0) {
                JsonNode error = image.path("error");
                failed(run, outcome, new LunaException(HttpStatus.BAD_REQUEST, error.path("error_code").asInt(),
                        error.path("desc").asString(""), error.path("detail").asString("")));
            }
        }
        for (JsonNode event : answer.path("events")) {
            String part = event.path("detections").path(0).path("filename").asString(null);
            ObjectNode outcome = part == null ? null : byPart.get(part);
            if (outcome != null && event.path("event_id").isString()) {
                ((ArrayNode) outcome.get("event_ids")).add(event.get("event_id").asString());
            }
        }
    }

    private static void failed(SubtaskRun run, ObjectNode outcome, LunaException error) {
        outcome.put("status", 0);
        outcome.remove("event_ids");
        outcome.putObject("error").put("error_code", error.errorCode()).put("desc", error.desc())
                .put("detail", error.detail());
        run.error(error, Map.of("filename", outcome.path("filename").asString()));
    }

    @Override
    public TaskResult merge(TaskRun task, PartialResults partials) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode images = JsonNodeFactory.instance.arrayNode();
        long[] counts = new long[2];
        partials.forEach(partial -> partial.path("images").forEach(image -> {
            images.add(image);
            counts[0] += image.path("event_ids").size();
            counts[1] += image.path("status").asInt() == 0 ? 1 : 0;
        }));
        result.put("handler_id", task.content().path("handler_id").asString());
        result.put("images_count", images.size());
        result.put("events_count", counts[0]);
        result.put("failed_images_count", counts[1]);
        result.set("images", images);
        return TaskResult.json(result.toString().getBytes(StandardCharsets.UTF_8));
    }
}

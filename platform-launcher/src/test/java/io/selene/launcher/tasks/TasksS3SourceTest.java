package io.selene.launcher.tasks;

import static io.selene.launcher.tasks.TaskProbes.create;
import static io.selene.launcher.tasks.TaskProbes.done;
import static io.selene.launcher.tasks.TaskProbes.errors;
import static io.selene.launcher.tasks.TaskProbes.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.selene.launcher.TestPlatform;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.S3ProxyServer;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The estimator's S3 source against a real S3-compatible server (S3Proxy, the shared platform's allowed
 * endpoint): real photos and a non-image uploaded with the AWS SDK under a prefix, a task through
 * {@code /6/tasks/estimator}, its result, its errors and the handler's events read back through {@code /6}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TasksS3SourceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REGION = "us-east-1";

    private HttpProbe api;
    private S3ProxyServer server;
    private S3Client s3;
    private final String bucket = "estimator-" + UUID.randomUUID().toString().substring(0, 8);
    /** The photo (its {@link TestPhotos} number) under each key of the prefix {@code batch/}. */
    private final Map<String, Integer> photos = new LinkedHashMap<>();

    @BeforeAll
    void start() {
        TestPlatform platform = TestPlatform.shared();
        server = TestPlatform.sharedS3();
        api = platform.newAccount().api();
        s3 = S3Client.builder().endpointOverride(URI.create(server.endpoint())).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
                .forcePathStyle(true).build();
        s3.createBucket(request -> request.bucket(bucket));
        photos.put("batch/one.jpg", 1);
        photos.put("batch/two.jpg", 2);
        photos.put("batch/three.jpg", 3);
        photos.put("batch/deeper/four.jpg", 4);
        photos.forEach((key, n) -> put(key, "image/jpeg", TestPhotos.sample(n)));
        put("batch/notes.txt", "text/plain", "not a photo".getBytes(StandardCharsets.UTF_8));
        put("other/five.jpg", "image/jpeg", TestPhotos.sample(5));
    }

    @AfterAll
    void stop() {
        if (s3 != null) {
            s3.close();
        }
    }

    private void put(String key, String contentType, byte[] bytes) {
        s3.putObject(request -> request.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    private String handler() {
        HttpProbe.Answer answer = api.post("/6/handlers", "{\"description\": \"s3 estimator\", \"policies\": "
                + "{\"extract_policy\": {\"extract_face_descriptor\": 1}}}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().get("handler_id").asString();
    }

    private String s3Source(String secretKey, String extra) {
        return "{\"source_type\": \"s3\", \"endpoint\": \"" + server.endpoint() + "\", \"bucket\": \"" + bucket
                + "\", \"prefix\": \"batch/\", \"region\": \"" + REGION + "\", \"access_key\": \""
                + S3ProxyServer.ACCESS_KEY + "\", \"secret_key\": \"" + secretKey + "\"" + extra + "}";
    }

    private long estimate(String handler, String source) {
        return create(api, "estimator", "{\"content\": {\"handler_id\": \"" + handler + "\", \"source\": " + source
                + "}}");
    }

    /** The handler's event ids through {@code GET /6/events}. */
    private Set<String> eventsOf(String handler) {
        HttpProbe.Answer answer = api.get("/6/events?handler_ids=" + handler + "&page_size=100");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        Set<String> ids = new HashSet<>();
        answer.json().get("events").forEach(event -> ids.add(event.get("event_id").asString()));
        return ids;
    }

    @Test
    void everyImageUnderThePrefixGoesThroughTheHandlerAndTheNonImageIsAnError() {
        String handler = handler();
        long task = estimate(handler, s3Source(S3ProxyServer.SECRET_KEY, ""));
        JsonNode view = done(api, task);
        // 5 keys under batch/, 4 per subtask
        assertThat(view.get("count_task_parts_all").asInt()).isEqualTo(2);
        assertThat(view.get("content").get("source").get("secret_key").asString()).isEqualTo("***");

        JsonNode outcome = JSON.readTree(result(api, task).body());
        assertThat(outcome.get("handler_id").asString()).isEqualTo(handler);
        assertThat(outcome.get("images_count").asInt()).isEqualTo(5);
        assertThat(outcome.get("failed_images_count").asInt()).isEqualTo(1);
        Map<String, JsonNode> images = new HashMap<>();
        outcome.get("images").forEach(image -> images.put(image.get("filename").asString(), image));
        assertThat(images).containsOnlyKeys("batch/one.jpg", "batch/two.jpg", "batch/three.jpg",
                "batch/deeper/four.jpg", "batch/notes.txt");
        Set<String> listed = new HashSet<>();
        int faces = 0;
        for (Map.Entry<String, Integer> photo : photos.entrySet()) {
            JsonNode image = images.get(photo.getKey());
            assertThat(image.get("status").asInt()).as(image.toString()).isEqualTo(1);
            assertThat(image.get("event_ids").size()).as(image.toString())
                    .isEqualTo(TestPhotos.FACES.get(photo.getValue() - 1));
            image.get("event_ids").forEach(id -> listed.add(id.asString()));
            faces += TestPhotos.FACES.get(photo.getValue() - 1);
        }
        assertThat(outcome.get("events_count").asInt()).isEqualTo(faces);
        JsonNode notes = images.get("batch/notes.txt");
        assertThat(notes.get("status").asInt()).isZero();
        assertThat(notes.get("error").get("error_code").asInt()).as(notes.toString()).isEqualTo(28114);
        assertThat(notes.has("event_ids")).isFalse();

        // the non-image is the task's one error, named by its key
        List<JsonNode> errors = errors(api, task);
        assertThat(errors).hasSize(1);
        assertThat(errors.getFirst().get("error_code").asInt()).isEqualTo(28114);
        assertThat(errors.getFirst().get("additional_info").get("filename").asString()).isEqualTo("batch/notes.txt");

        // the events exist, stored by that handler, and are exactly the ones the result lists
        assertThat(listed).hasSize(faces);
        assertThat(eventsOf(handler)).isEqualTo(listed);
        for (String id : listed) {
            HttpProbe.Answer event = api.get("/6/events/" + id);
            assertThat(event.status()).as(event.toString()).isEqualTo(200);
            assertThat(event.json().get("handler_id").asString()).isEqualTo(handler);
        }
    }

    @Test
    void notRecursiveReadsOnlyTheKeysDirectlyUnderThePrefix() {
        String handler = handler();
        long task = estimate(handler, s3Source(S3ProxyServer.SECRET_KEY, ", \"recursive\": false"));
        done(api, task);
        JsonNode outcome = JSON.readTree(result(api, task).body());
        Set<String> names = new HashSet<>();
        outcome.get("images").forEach(image -> names.add(image.get("filename").asString()));
        assertThat(names).containsExactlyInAnyOrder("batch/one.jpg", "batch/two.jpg", "batch/three.jpg",
                "batch/notes.txt");
        int faces = TestPhotos.FACES.get(0) + TestPhotos.FACES.get(1) + TestPhotos.FACES.get(2);
        assertThat(outcome.get("events_count").asInt()).isEqualTo(faces);
        assertThat(eventsOf(handler)).hasSize(faces);
    }

    @Test
    void wrongCredentialsFailTheTaskWithASourceError() {
        String handler = handler();
        long task = estimate(handler, s3Source("not-the-secret", ""));
        JsonNode view = TaskProbes.await(api, task, Duration.ofSeconds(120));
        assertThat(view.get("task_status").asInt()).as(view.toString()).isEqualTo(3);
        List<JsonNode> errors = errors(api, task);
        assertThat(errors).isNotEmpty();
        assertThat(errors.getFirst().get("error_code").asInt()).isEqualTo(28115);
        assertThat(errors.getFirst().get("detail").asString()).doesNotContain("not-the-secret");
        assertThat(eventsOf(handler)).isEmpty();
    }
}

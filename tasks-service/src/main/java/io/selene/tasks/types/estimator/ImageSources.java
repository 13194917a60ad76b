package io.selene.tasks.types.estimator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.selene.commons.error.PlatformErrors;
import io.selene.commons.json.JsonFields;
import io.selene.tasks.TasksErrors;
import io.selene.tasks.clients.AccountCalls;
import io.selene.tasks.config.TasksSettings;
import io.selene.tasks.engine.TaskRun;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/**
 * Where the estimator's images come from, besides a zip archive: an Image Store bucket prefix (the task's
 * account's images only), an S3 prefix (endpoints from {@code selene.tasks.estimator.s3-endpoints} only) and
 * image URLs (hosts from {@code selene.tasks.estimator.url-hosts} only: the service must not become a way to
 * reach addresses inside the deployment). No internal header or secret is ever sent to an outside source.
 */
@Component
class ImageSources {

    private final TasksSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    ImageSources(TasksSettings settings) {
        this.settings = settings;
    }

    // ------------------------------------------------------------------ checks at creation

    void checkUrl(String url, String path) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw JsonFields.bad(path, "not a URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw JsonFields.bad(path, "must be an http(s) URL");
        }
        String host = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        List<String> allowed = settings.estimator().urlHosts();
        if (!allowed.contains(uri.getHost()) && !allowed.contains(host)) {
            throw PlatformErrors.badField(path, TasksErrors.SOURCE_NOT_ALLOWED.exception("host '" + host + "' is not "
                    + "one the estimator may read (selene.tasks.estimator.url-hosts: " + allowed + ")"));
        }
    }

    void checkS3(String endpoint, String path) {
        if (!settings.estimator().s3Endpoints().contains(endpoint)) {
            throw PlatformErrors.badField(path, TasksErrors.SOURCE_NOT_ALLOWED.exception("S3 endpoint '" + endpoint
                    + "' is not one the estimator may read (selene.tasks.estimator.s3-endpoints: "
                    + settings.estimator().s3Endpoints() + ")"));
        }
    }

    // ------------------------------------------------------------------ listing (split)

    /** Ids of the account's images in an Image Store bucket whose id starts with the prefix. */
    List<String> imageStore(TaskRun run, String bucket, String prefix, int max) {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            run.checkCancelled();
            Map<String, Object> query = new java.util.LinkedHashMap<>();
            query.put("prefix", prefix);
            query.put("limit", 1000);
            if (after != null) {
                query.put("after", after);
            }
            JsonNode page = run.calls().get(AccountCalls.IMAGE_STORE, "/1/buckets/" + bucket + "/images", query);
            page.path("images").forEach(id -> ids.add(id.asString()));
            after = page.path("next").isString() ? page.get("next").asString() : null;
            if (ids.size() > max) {
                throw TasksErrors.ARCHIVE_BOMB.exception("more than " + max + " images in the source");
            }
        } while (after != null);
        return ids;
    }

    /** Keys under an S3 prefix (one level unless recursive). */
    List<String> s3(TaskRun run, JsonNode source, int max) {
        try (S3Client s3 = client(source)) {
            List<String> keys = new ArrayList<>();
            String token = null;
            boolean recursive = source.path("recursive").asInt(1) == 1;
            do {
                run.checkCancelled();
                ListObjectsV2Request.Builder request = ListObjectsV2Request.builder()
                        .bucket(source.path("bucket").asString()).prefix(source.path("prefix").asString(""))
                        .continuationToken(token);
                if (!recursive) {
                    request.delimiter("/");
                }
                ListObjectsV2Response page = s3.listObjectsV2(request.build());
                for (S3Object object : page.contents()) {
                    if (!object.key().endsWith("/")) {
                        keys.add(object.key());
                    }
                }
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
                if (keys.size() > max) {
                    throw TasksErrors.ARCHIVE_BOMB.exception("more than " + max + " images in the source");
                }
            } while (token != null);
            return keys;
        } catch (SdkException e) {
            throw TasksErrors.SOURCE_UNREACHABLE.exception("S3 listing failed: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ fetching (parts)

    /** The bytes of one item of a part; a failure is that item's LUNA error. */
    byte[] fetch(TaskRun run, JsonNode source, JsonNode item, S3Client s3) {
        long limit = settings.estimator().maxImageSize().toBytes();
        if (item.has("image_id")) {
            return run.calls().bytes(AccountCalls.IMAGE_STORE, "/1/buckets/" + item.path("bucket").asString()
                    + "/images/" + item.path("image_id").asString()).getBody();
        }
        if (item.has("s3_key")) {
            try (InputStream in = s3.getObject(GetObjectRequest.builder().bucket(source.path("bucket").asString())
                    .key(item.path("s3_key").asString()).build())) {
                return bounded(in, limit, item.path("filename").asString());
            } catch (NoSuchKeyException e) {
                throw TasksErrors.IMAGE_UNREADABLE.exception(item.path("filename").asString(), "no such S3 key");
            } catch (SdkException | IOException e) {
                throw TasksErrors.SOURCE_UNREACHABLE.exception("S3: " + e.getMessage());
            }
        }
        String url = item.path("url").asString();
        checkUrl(url, "content.source.urls");
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw TasksErrors.IMAGE_UNREADABLE.exception(url, "HTTP " + response.statusCode());
                }
                return bounded(in, limit, url);
            }
        } catch (IOException e) {
            throw TasksErrors.IMAGE_UNREADABLE.exception(url, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TasksErrors.SOURCE_UNREACHABLE.exception("interrupted");
        }
    }

    private static byte[] bounded(InputStream in, long limit, String name) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limit + 1));
        if (bytes.length > limit) {
            throw TasksErrors.IMAGE_UNREADABLE.exception(name, "larger than " + limit + " bytes");
        }
        return bytes;
    }

    S3Client client(JsonNode source) {
        return S3Client.builder()
                .endpointOverride(URI.create(source.path("endpoint").asString()))
                .region(Region.of(source.path("region").asString("us-east-1")))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        source.path("access_key").asString(), source.path("secret_key").asString())))
                .forcePathStyle(true)
                .overrideConfiguration(configuration -> configuration.apiCallAttemptTimeout(Duration.ofSeconds(30))
                        .apiCallTimeout(Duration.ofSeconds(90)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }
}

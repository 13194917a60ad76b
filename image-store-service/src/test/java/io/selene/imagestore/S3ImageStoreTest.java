package io.selene.imagestore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.selene.imagestore.storage.S3BlobStore;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The Image Store contract on the S3 back-end, against a real S3Proxy process. */
@ExtendWith(S3ProxyExtension.class)
class S3ImageStoreTest extends AbstractImageStoreTest {

    static final String PREFIX = "t" + UUID.randomUUID().toString().substring(0, 6) + "-";

    @DynamicPropertySource
    static void s3Backend(DynamicPropertyRegistry registry) {
        registry.add("selene.image-store.backend", () -> "s3");
        registry.add("selene.image-store.s3.endpoint", () -> S3ProxyExtension.current().endpoint());
        registry.add("selene.image-store.s3.access-key", () -> S3ProxyServer.ACCESS_KEY);
        registry.add("selene.image-store.s3.secret-key", () -> S3ProxyServer.SECRET_KEY);
        registry.add("selene.image-store.s3.bucket-prefix", () -> PREFIX);
    }

    @Override
    boolean storedRaw(String bucket, String key) {
        S3BlobStore s3 = (S3BlobStore) store;
        try {
            s3.client().headObject(request -> request.bucket(s3.s3Bucket(bucket)).key(key));
            return true;
        } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
            return false;
        }
    }

    @Test
    void healthcheckAsksTheS3Server() {
        HttpProbe.Answer health = HttpProbe.onPort(port).get("/healthcheck");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().get("checks").get(0).get("name").asString()).isEqualTo("s3-storage");
    }

    @Test
    void itemsAreS3ObjectsWithContentTypeAndSeleneMetadata() {
        byte[] json = "{\"x\": 1}".getBytes(StandardCharsets.UTF_8);
        String id = alice().post("/1/buckets/objects/objects", "application/json", json).json().get("object_id").asString();
        S3BlobStore s3 = (S3BlobStore) store;
        assertThat(s3.s3Bucket("objects")).isEqualTo(PREFIX + "objects");
        HeadObjectResponse head = s3.client().headObject(request -> request.bucket(PREFIX + "objects").key("objects/" + id));
        assertThat(head.contentType()).isEqualTo("application/json");
        assertThat(head.contentLength()).isEqualTo(json.length);
        assertThat(head.metadata()).containsEntry("selene-account", ALICE.toString()).containsKey("selene-create-time");
        byte[] raw = s3.client().getObjectAsBytes(request -> request.bucket(PREFIX + "objects").key("objects/" + id))
                .asByteArray();
        assertThat(raw).isEqualTo(json);
    }
}

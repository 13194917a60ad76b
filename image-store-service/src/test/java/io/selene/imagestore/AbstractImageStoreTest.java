package io.selene.imagestore;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import io.selene.imagestore.items.ExpirySweeper;
import io.selene.imagestore.storage.BlobMeta;
import io.selene.imagestore.storage.BlobStore;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

/**
 * The Image Store contract, run once per back-end by {@link LocalDiskImageStoreTest} and
 * {@link S3ImageStoreTest}. Everything goes through HTTP as another service would call it; the
 * back-end is looked at directly only to prove that expired items are really gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "selene.image-store.sweep-interval=500ms",
        "selene.image-store.max-object-size=256KB",
        "selene.http.max-body-size=1MB",
        "selene.image-store.max-ttl=1h"})
abstract class AbstractImageStoreTest {

    static final UUID ALICE = UUID.randomUUID();
    static final UUID BOB = UUID.randomUUID();

    @Value("${local.server.port}")
    int port;

    @Autowired
    BlobStore store;

    @Autowired
    ExpirySweeper sweeper;

    HttpProbe alice() {
        return HttpProbe.internal(port, ALICE);
    }

    HttpProbe bob() {
        return HttpProbe.internal(port, BOB);
    }

    /** What the back-end itself holds under {@code key}, bypassing expiry and account checks. */
    boolean storedRaw(String bucket, String key) {
        return store.head(bucket, key).isPresent();
    }

    // ----------------------------------------------------------------- images

    @Test
    void imageIsCreatedWithGeneratedIdThenReadCheckedAndDeleted() throws IOException {
        byte[] jpeg = jpeg(64, 48);
        HttpProbe.Answer created = alice().post("/1/buckets/images/images", "image/jpeg", jpeg);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("image_id").asString();
        assertThat(UUID.fromString(id).version()).isEqualTo(4);
        String url = "/1/buckets/images/images/" + id;
        assertThat(created.json().get("url").asString()).isEqualTo(url);
        assertThat(created.header("Location")).isEqualTo(url);
        assertThat(created.header("X-Luna-Expiry-Date")).isNull();

        HttpProbe.Answer read = alice().get(url);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(read.body()).isEqualTo(jpeg);

        HttpProbe.Answer head = alice().send("HEAD", url);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(jpeg.length));
        assertThat(head.body()).isEmpty();

        assertThat(alice().send("DELETE", url).status()).isEqualTo(204);
        HttpProbe.Answer gone = alice().get(url);
        assertThat(gone.status()).isEqualTo(404);
        assertLunaError(gone, 13003);
        assertThat(alice().send("HEAD", url).status()).isEqualTo(404);
        assertLunaError(alice().send("DELETE", url), 13003);
        assertThat(storedRaw("images", "images/" + id)).isFalse();
    }

    @Test
    void clientChosenIdIsStoredAndReplacedByItsOwner() throws IOException {
        String id = "sample_" + UUID.randomUUID().toString().replace("-", "");
        String url = "/1/buckets/face-samples/images/" + id;
        byte[] jpeg = jpeg(32, 32);
        HttpProbe.Answer put = alice().send("PUT", url, "image/jpeg", jpeg);
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        assertThat(put.json().get("image_id").asString()).isEqualTo(id);
        assertThat(put.header("Location")).isEqualTo(url);
        assertThat(alice().get(url).body()).isEqualTo(jpeg);

        byte[] png = png(20, 10);
        assertThat(alice().send("PUT", url, "image/png", png).status()).isEqualTo(201);
        HttpProbe.Answer read = alice().get(url);
        assertThat(read.header("Content-Type")).isEqualTo("image/png");
        assertThat(read.body()).isEqualTo(png);

        String uuidId = UUID.randomUUID().toString();
        assertThat(alice().send("PUT", "/1/buckets/body-samples/images/" + uuidId, "image/jpeg", jpeg).status())
                .isEqualTo(201);
        assertThat(alice().get("/1/buckets/body-samples/images/" + uuidId).body()).isEqualTo(jpeg);
    }

    // ---------------------------------------------------------------- objects

    @Test
    void objectsOfEveryTypeComeBackByteForByteWithTheirContentType() throws IOException {
        List<Object[]> cases = List.of(
                new Object[] {"application/json", "{\"a\": [1, 2.50, \"ü\"],\n  \"b\": null}".getBytes(StandardCharsets.UTF_8)},
                new Object[] {"text/plain;charset=UTF-8", "line 1\r\nligne 2 — é\n".getBytes(StandardCharsets.UTF_8)},
                new Object[] {"text/csv", "face_id,similarity\r\nabc,0.93\r\n".getBytes(StandardCharsets.UTF_8)},
                new Object[] {"application/zip", zip()},
                new Object[] {"image/png", png(40, 30)});
        for (Object[] c : cases) {
            String type = (String) c[0];
            byte[] bytes = (byte[]) c[1];
            HttpProbe.Answer created = alice().post("/1/buckets/objects/objects", type, bytes);
            assertThat(created.status()).as(type + " " + created).isEqualTo(201);
            String id = created.json().get("object_id").asString();
            assertThat(created.header("Location")).isEqualTo("/1/buckets/objects/objects/" + id);

            HttpProbe.Answer read = alice().get("/1/buckets/objects/objects/" + id, "Accept", "application/json");
            assertThat(read.status()).as(type).isEqualTo(200);
            assertThat(MediaType.parseMediaType(read.header("Content-Type")))
                    .as(type).isEqualTo(MediaType.parseMediaType(type));
            assertThat(read.body()).as(type).isEqualTo(bytes);
        }
        // Client ids for objects too, e.g. a task result.
        byte[] report = "{\"task_id\": 7}".getBytes(StandardCharsets.UTF_8);
        assertThat(alice().send("PUT", "/1/buckets/objects/objects/task_7_result", "application/json", report).status())
                .isEqualTo(201);
        assertThat(alice().get("/1/buckets/objects/objects/task_7_result").body()).isEqualTo(report);
        assertThat(alice().send("DELETE", "/1/buckets/objects/objects/task_7_result").status()).isEqualTo(204);
    }

    @Test
    void wrongOrMissingMediaTypesAndBodiesAreRefused() throws IOException {
        HttpProbe.Answer textAsImage = alice().post("/1/buckets/images/images", "text/plain", "hi".getBytes());
        assertThat(textAsImage.status()).isEqualTo(415);
        assertLunaError(textAsImage, 13006);

        HttpProbe.Answer video = alice().post("/1/buckets/objects/objects", "video/mp4", new byte[] {0, 0, 0, 24});
        assertThat(video.status()).isEqualTo(415);
        assertLunaError(video, 13006);

        HttpProbe.Answer notJpeg = alice().post("/1/buckets/images/images", "image/jpeg", "hello".getBytes());
        assertThat(notJpeg.status()).isEqualTo(400);
        assertLunaError(notJpeg, 13007);

        HttpProbe.Answer badJson = alice().post("/1/buckets/objects/objects", "application/json", "{\"a\":".getBytes());
        assertThat(badJson.status()).isEqualTo(400);
        assertLunaError(badJson, 13007);

        HttpProbe.Answer notZip = alice().post("/1/buckets/objects/objects", "application/zip", png(2, 2));
        assertLunaError(notZip, 13007);

        HttpProbe.Answer empty = alice().post("/1/buckets/images/images", "image/jpeg", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        assertLunaError(empty, 13008);

        HttpProbe.Answer unknownParameter = alice().post("/1/buckets/images/images?tll=5", "image/jpeg", jpeg(8, 8));
        assertThat(unknownParameter.status()).isEqualTo(400);
        assertLunaError(unknownParameter, 101);

        HttpProbe.Answer noAccount = HttpProbe.internal(port).post("/1/buckets/images/images", "image/jpeg", jpeg(8, 8));
        assertThat(noAccount.status()).isEqualTo(401);
        assertLunaError(noAccount, 12041);
    }

    @Test
    void bodiesOverTheLimitsAre413() {
        byte[] big = new byte[300 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        HttpProbe.Answer overStoreLimit = alice().post("/1/buckets/objects/objects", "text/plain", big);
        assertThat(overStoreLimit.status()).isEqualTo(413);
        assertLunaError(overStoreLimit, 13009);

        byte[] huge = new byte[1536 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        HttpProbe.Answer overPlatformLimit = alice().post("/1/buckets/objects/objects", "text/plain", huge);
        assertThat(overPlatformLimit.status()).isEqualTo(413);
        assertLunaError(overPlatformLimit, 12040);
    }

    // ------------------------------------------------------------ bulk delete

    @Test
    void bulkDeleteRemovesOwnIdsSkipsOthersAndIsBoundedTo1000() throws IOException {
        List<String> own = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            own.add(alice().post("/1/buckets/images/images", "image/jpeg", jpeg(8, 8)).json().get("image_id").asString());
        }
        String bobs = bob().post("/1/buckets/images/images", "image/jpeg", jpeg(8, 8)).json().get("image_id").asString();
        List<String> ids = new ArrayList<>(own);
        ids.add(bobs);
        ids.add(UUID.randomUUID().toString());

        HttpProbe.Answer deleted = alice().send("DELETE", "/1/buckets/images/images", "application/json",
                idsBody("image_ids", ids));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        for (String id : own) {
            assertThat(alice().get("/1/buckets/images/images/" + id).status()).isEqualTo(404);
        }
        assertThat(bob().get("/1/buckets/images/images/" + bobs).status()).isEqualTo(200);

        List<String> thousand = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            thousand.add(UUID.randomUUID().toString());
        }
        assertThat(alice().send("DELETE", "/1/buckets/images/images", "application/json",
                idsBody("image_ids", thousand)).status()).isEqualTo(204);

        thousand.add(UUID.randomUUID().toString());
        HttpProbe.Answer tooMany = alice().send("DELETE", "/1/buckets/images/images", "application/json",
                idsBody("image_ids", thousand));
        assertThat(tooMany.status()).isEqualTo(400);
        assertLunaError(tooMany, 13011);

        HttpProbe.Answer none = alice().send("DELETE", "/1/buckets/objects/objects", "application/json",
                idsBody("object_ids", List.of()));
        assertThat(none.status()).isEqualTo(400);
        assertLunaError(none, 13015);

        HttpProbe.Answer wrongField = alice().send("DELETE", "/1/buckets/objects/objects", "application/json",
                idsBody("image_ids", List.of(UUID.randomUUID().toString())));
        assertThat(wrongField.status()).isEqualTo(400);
        assertLunaError(wrongField, 102);

        HttpProbe.Answer badId = alice().send("DELETE", "/1/buckets/images/images", "application/json",
                idsBody("image_ids", List.of("../../etc/passwd")));
        assertThat(badId.status()).isEqualTo(400);
        assertLunaError(badId, 13005);
    }

    // -------------------------------------------------------------------- TTL

    @Test
    void itemWithTtlShowsItsExpiryThenDisappearsAndIsSweptFromStorage() throws IOException {
        Instant before = Instant.now();
        HttpProbe.Answer created = alice().post("/1/buckets/objects/objects?ttl=2", "application/json",
                "{\"temporary\": true}".getBytes(StandardCharsets.UTF_8));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("object_id").asString();
        String expiryHeader = created.header("X-Luna-Expiry-Date");
        assertThat(expiryHeader).isNotNull();
        Instant expiry = ZonedDateTime.parse(expiryHeader, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(expiry).isBetween(before.plusSeconds(1), before.plusSeconds(3));

        HttpProbe.Answer read = alice().get("/1/buckets/objects/objects/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("X-Luna-Expiry-Date")).isEqualTo(expiryHeader);
        assertThat(alice().send("HEAD", "/1/buckets/objects/objects/" + id).header("X-Luna-Expiry-Date"))
                .isEqualTo(expiryHeader);
        assertThat(storedRaw("objects", "objects/" + id)).isTrue();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> alice().get("/1/buckets/objects/objects/" + id).status() == 404);
        assertThat(Instant.now()).isAfterOrEqualTo(expiry);
        // The background sweep removes it from the back-end itself, marker included.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> !storedRaw("objects", "objects/" + id));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> store.list("objects", "expiry", null, 1000).stream().noneMatch(key -> key.endsWith(id)));
    }

    @Test
    void expiredItemIsInvisibleAtOnceEvenBeforeTheSweep() throws IOException {
        // Stored straight into the back-end without an expiry marker: no sweep will ever remove it.
        String id = UUID.randomUUID().toString();
        store.put("images", "images/" + id,
                new BlobMeta(ALICE, "image/jpeg", 4, Instant.now().minusSeconds(60), Instant.now().minusSeconds(1)),
                new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0});
        sweeper.runOnce();
        assertThat(storedRaw("images", "images/" + id)).isTrue();

        assertLunaError(alice().get("/1/buckets/images/images/" + id), 13003);
        assertThat(alice().send("HEAD", "/1/buckets/images/images/" + id).status()).isEqualTo(404);
        assertLunaError(alice().send("DELETE", "/1/buckets/images/images/" + id), 13003);
        // An expired id is free again, for any account.
        byte[] jpeg = jpeg(8, 8);
        assertThat(bob().send("PUT", "/1/buckets/images/images/" + id, "image/jpeg", jpeg).status()).isEqualTo(201);
        assertThat(bob().get("/1/buckets/images/images/" + id).body()).isEqualTo(jpeg);
    }

    @Test
    void ttlOutsideItsBoundsIsRefused() throws IOException {
        for (String ttl : List.of("0", "-5", "abc", "3601", "1.5", "")) {
            HttpProbe.Answer answer = alice().post("/1/buckets/images/images?ttl=" + ttl, "image/jpeg", jpeg(8, 8));
            assertThat(answer.status()).as("ttl=" + ttl).isEqualTo(400);
            assertLunaError(answer, 13010);
        }
        assertThat(alice().post("/1/buckets/images/images?ttl=3600", "image/jpeg", jpeg(8, 8)).status()).isEqualTo(201);
    }

    // --------------------------------------------------------------- accounts

    @Test
    void anotherAccountCannotReadCheckDeleteOrOverwrite() throws IOException {
        byte[] jpeg = jpeg(16, 16);
        String id = alice().post("/1/buckets/images/images", "image/jpeg", jpeg).json().get("image_id").asString();
        String url = "/1/buckets/images/images/" + id;

        HttpProbe.Answer read = bob().get(url);
        assertThat(read.status()).isEqualTo(404);
        assertLunaError(read, 13003);
        assertThat(bob().send("HEAD", url).status()).isEqualTo(404);
        HttpProbe.Answer delete = bob().send("DELETE", url);
        assertThat(delete.status()).isEqualTo(404);
        assertLunaError(delete, 13003);

        HttpProbe.Answer overwrite = bob().send("PUT", url, "image/png", png(4, 4));
        assertThat(overwrite.status()).isEqualTo(409);
        assertLunaError(overwrite, 13012);

        HttpProbe.Answer bulk = bob().send("DELETE", "/1/buckets/images/images", "application/json",
                idsBody("image_ids", List.of(id)));
        assertThat(bulk.status()).isEqualTo(204);

        HttpProbe.Answer still = alice().get(url);
        assertThat(still.status()).isEqualTo(200);
        assertThat(still.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(still.body()).isEqualTo(jpeg);

        // A caller that sees every account (advanced user) may read, but still not delete.
        HttpProbe advanced = bob().with("X-Selene-Visibility", "all");
        assertThat(advanced.get(url).body()).isEqualTo(jpeg);
        assertThat(advanced.send("DELETE", url).status()).isEqualTo(404);
        assertThat(alice().get(url).status()).isEqualTo(200);
    }

    // ------------------------------------------------------ ids and buckets

    @Test
    void idsThatCouldLeaveTheBucketAreRefused() throws IOException {
        List<String> paths = List.of(
                "/1/buckets/images/images/..%2F..%2F..%2Fetc%2Fpasswd",
                "/1/buckets/images/images/..%2f..%2fimages",
                "/1/buckets/images/images/%2e%2e",
                "/1/buckets/images/images/..%5C..%5Cwin.ini",
                "/1/buckets/images/images/a.b",
                "/1/buckets/images/images/.tmp-x",
                "/1/buckets/images/images/" + "x".repeat(129));
        for (String path : paths) {
            HttpProbe.Answer get = alice().get(path);
            assertThat(get.status()).as(path + " " + get).isIn(400, 404);
            assertThat(get.body().length).as(path).isLessThan(1000);
            assertThat(get.json().has("error_code")).as(path).isTrue();
            HttpProbe.Answer put = alice().send("PUT", path, "image/jpeg", jpeg(8, 8));
            assertThat(put.status()).as("PUT " + path + " " + put).isIn(400, 404);
        }
        // Encoded separators reach the id check undecoded and are refused as bad ids.
        for (String path : List.of(paths.get(0), paths.get(1), paths.get(3), paths.get(4), paths.get(5), paths.get(6))) {
            HttpProbe.Answer refused = alice().send("PUT", path, "image/jpeg", jpeg(8, 8));
            assertThat(refused.status()).as(path).isEqualTo(400);
            assertLunaError(refused, 13005);
            assertLunaError(alice().get(path), 13005);
            assertLunaError(alice().send("DELETE", path), 13005);
        }

        // A literal "../" is resolved by the HTTP stack before routing; it must not reach a file either.
        HttpProbe.Answer literal = alice().send(alice().request("/1/buckets/images/images/../../../etc/passwd")
                .GET().build());
        assertThat(literal.status()).isIn(400, 404);
        assertThat(literal.text()).doesNotContain("root:");
    }

    @Test
    void unknownBucketIs404() throws IOException {
        HttpProbe.Answer post = alice().post("/1/buckets/no-such-bucket/images", "image/jpeg", jpeg(8, 8));
        assertThat(post.status()).isEqualTo(404);
        assertLunaError(post, 13000);
        assertLunaError(alice().get("/1/buckets/no-such-bucket/objects/" + UUID.randomUUID()), 13000);
        assertLunaError(alice().get("/1/buckets/Bad_Name/images/" + UUID.randomUUID()), 13000);
    }

    @Test
    void bucketsAreCreatedListedAndDeletedOnlyWhenEmpty() {
        String bucket = "test-" + UUID.randomUUID().toString().substring(0, 8);
        HttpProbe.Answer created = alice().post("/1/buckets", "{\"bucket\": \"" + bucket + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/1/buckets/" + bucket);
        assertLunaError(alice().post("/1/buckets", "{\"bucket\": \"" + bucket + "\"}"), 13001);

        for (String bad : List.of("Ab", "a", "has_underscore", "dots.not.allowed", "-dash", "x".repeat(64))) {
            HttpProbe.Answer refused = alice().post("/1/buckets", "{\"bucket\": \"" + bad + "\"}");
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertLunaError(refused, 13002);
        }
        assertLunaError(alice().post("/1/buckets", "{\"name\": \"x\"}"), 102);

        List<String> names = new ArrayList<>();
        alice().get("/1/buckets").json().get("buckets").forEach(node -> names.add(node.asString()));
        assertThat(names).contains(bucket, "face-samples", "body-samples", "images", "objects");

        String id = alice().post("/1/buckets/" + bucket + "/objects", "text/plain", "x".getBytes())
                .json().get("object_id").asString();
        String second = alice().post("/1/buckets/" + bucket + "/objects", "text/plain", "four".getBytes())
                .json().get("object_id").asString();
        HttpProbe.Answer usage = alice().get("/1/buckets/" + bucket + "/usage");
        assertThat(usage.status()).as(usage.toString()).isEqualTo(200);
        assertThat(usage.json().get("objects").asLong()).isEqualTo(2);
        assertThat(usage.json().get("images").asLong()).isZero();
        assertThat(usage.json().get("bytes").asLong()).isEqualTo(5);
        assertThat(usage.json().get("complete").asBoolean()).isTrue();
        assertLunaError(alice().get("/1/buckets/no-such-bucket-" + bucket + "/usage"), 13000);
        assertThat(alice().send("DELETE", "/1/buckets/" + bucket + "/objects/" + second).status()).isEqualTo(204);
        HttpProbe.Answer notEmpty = alice().send("DELETE", "/1/buckets/" + bucket);
        assertThat(notEmpty.status()).isEqualTo(409);
        assertLunaError(notEmpty, 13013);
        assertThat(alice().get("/1/buckets/" + bucket + "/objects/" + id).status()).isEqualTo(200);

        assertThat(alice().send("DELETE", "/1/buckets/" + bucket + "/objects/" + id).status()).isEqualTo(204);
        assertThat(alice().send("DELETE", "/1/buckets/" + bucket).status()).isEqualTo(204);
        assertLunaError(alice().send("DELETE", "/1/buckets/" + bucket), 13000);
        assertLunaError(alice().get("/1/buckets/" + bucket + "/objects/" + id), 13000);
        List<String> after = new ArrayList<>();
        alice().get("/1/buckets").json().get("buckets").forEach(node -> after.add(node.asString()));
        assertThat(after).doesNotContain(bucket);
    }

    @Test
    void concurrentReplacementsAreNeverSeenHalfWritten() throws Exception {
        String url = "/1/buckets/images/images/race_" + UUID.randomUUID().toString().replace("-", "");
        List<byte[]> versions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            versions.add(png(40 + 20 * i, 30 + 10 * i));
        }
        assertThat(alice().send("PUT", url, "image/png", versions.get(0)).status()).isEqualTo(201);
        List<java.util.concurrent.Future<?>> work = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < 3; w++) {
                int writer = w;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 8; i++) {
                        byte[] version = versions.get((writer + i) % versions.size());
                        HttpProbe.Answer put = alice().send("PUT", url, "image/png", version);
                        assertThat(put.status()).as(put.toString()).isEqualTo(201);
                    }
                    return null;
                }));
            }
            for (int r = 0; r < 3; r++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        HttpProbe.Answer read = alice().get(url);
                        assertThat(read.status()).isEqualTo(200);
                        assertThat(versions).as("a read sees one whole version")
                                .anyMatch(version -> java.util.Arrays.equals(version, read.body()));
                        assertThat(read.header("Content-Length")).isEqualTo(String.valueOf(read.body().length));
                    }
                    return null;
                }));
            }
            for (var future : work) {
                future.get();
            }
        }
    }

    @Test
    void lunaStyleBulkBodyAndUnknownParametersOnBuckets() throws IOException {
        String id = alice().post("/1/buckets/images/images", "image/jpeg", jpeg(8, 8)).json().get("image_id").asString();
        assertThat(alice().send("DELETE", "/1/buckets/images/images", "application/json",
                idsBody("images", List.of(id))).status()).isEqualTo(204);
        assertThat(alice().get("/1/buckets/images/images/" + id).status()).isEqualTo(404);

        HttpProbe.Answer unknown = alice().get("/1/buckets?page=2");
        assertThat(unknown.status()).isEqualTo(400);
        assertLunaError(unknown, 101);
        assertLunaError(alice().get("/1/buckets/images/images/" + id + "?with_meta=1"), 101);
    }

    // ---------------------------------------------------------------- helpers

    static byte[] jpeg(int width, int height) throws IOException {
        return image(width, height, "jpg");
    }

    static byte[] png(int width, int height) throws IOException {
        return image(width, height, "png");
    }

    private static byte[] image(int width, int height, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, new Color(random.nextInt(256), (x * 7) % 256, (y * 5) % 256).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    private static byte[] zip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("report/result.json"));
            zip.write("{\"clusters\": []}".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("report/table.csv"));
            zip.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    static byte[] idsBody(String field, List<String> ids) {
        StringBuilder json = new StringBuilder("{\"").append(field).append("\": [");
        for (int i = 0; i < ids.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(ids.get(i)).append('"');
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}

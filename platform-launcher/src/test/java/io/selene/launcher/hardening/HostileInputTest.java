package io.selene.launcher.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.selene.launcher.TestPlatform;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The defects of issue #13 found by a hostile caller, each answered now with a LUNA error of the right
 * status instead of a 500, an HTML page, a Java type name or a silent acceptance; through the gateway
 * ({@code /6}) where the defect was public, and on the internal ports where it was there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {

    private final TestPlatform platform = TestPlatform.shared();
    private TestPlatform.Account owner;
    private HttpProbe api;
    private String authorization;
    private int gateway;

    @BeforeAll
    void account() {
        owner = platform.newAccount();
        api = owner.api();
        authorization = TestPlatform.basicHeader(owner.login(), owner.password());
        gateway = platform.port("api-service");
    }

    // 3. NUL in a text value or a filter

    @Test
    void nulInAnyTextOrFilterIs400NamingIt() {
        assertError(api.post("/6/lists", "{\"user_data\": \"a\\u0000b\"}"), 400, 12044, "user_data");
        assertError(api.post("/6/faces", "{\"user_data\": \"ok\", \"external_id\": \"x\\u0000\"}"), 400, 12044,
                "external_id");
        assertError(api.post("/6/objects", "{\"note\": {\"deep\": [\"x\", \"\\u0000\"]}}"), 400, 12044,
                "note.deep[1]");
        assertError(api.post("/6/handlers", "{\"description\": \"\\u0000\"}"), 400, 12044, "description");
        assertError(api.get("/6/faces?user_data=a%00b"), 400, 12044, "user_data");
        assertError(api.get("/6/lists?user_data=%00"), 400, 12044, "user_data");
        assertError(api.get("/6/events?user_data=%00"), 400, 12044, "user_data");
        // an escaped backslash before u0000 is the text \u0000, not a NUL: stored as sent
        HttpProbe.Answer literal = api.post("/6/lists", "{\"user_data\": \"a\\\\u0000b\"}");
        assertThat(literal.status()).as(literal.toString()).isEqualTo(201);
    }

    // An id segment that names a service's internal endpoint at the same depth

    @Test
    void idSegmentsCannotReachInternalEndpoints() {
        // /3/lists/changes is the matcher's change feed, /3/faces/descriptors its bulk descriptor read
        assertError(api.get("/6/lists/changes"), 400, 101, "list_id");
        assertError(api.get("/6/faces/descriptors"), 400, 101, "face_id");
        assertError(api.get("/6/faces/descriptors?face_ids=" + UUID.randomUUID()), 400, 101, "face_id");
        assertError(api.get("/6/tasks/errors-x"), 400, 101, "task_id");
        assertThat(api.send("HEAD", "/6/lists/changes").status()).isEqualTo(400);
        // the feed position the matcher reads for read-your-writes is internal too
        assertThat(api.get("/6/lists/changes/position").status()).isIn(400, 404);
    }

    // 7. broken percent-encoding

    @Test
    void brokenPercentEncodingIs400() {
        assertError(raw("GET /6/faces?user_data=%G1 HTTP/1.1"), 400, 12045, "user_data");
        assertError(raw("GET /6/faces?user_data=%FF HTTP/1.1"), 400, 12045, "user_data");
        assertError(raw("GET /6/faces?user_data=%E2%82 HTTP/1.1"), 400, 12045, "user_data");
        assertError(raw("GET /6/faces?%ZZ=1 HTTP/1.1"), 400, 12045, "%ZZ");
        // in a service, without the gateway in front
        HttpProbe faces = platform.internal("faces-service", owner.id());
        assertError(faces.get("/3/faces?user_data=%FF"), 400, 12045, "user_data");
    }

    // 8. Content-Type: */*

    @Test
    void wildcardContentTypeIs415Everywhere() {
        for (String path : List.of("/6/lists", "/6/faces", "/6/handlers", "/6/verifiers", "/6/objects")) {
            assertError(api.post(path, "*/*", "{}".getBytes(StandardCharsets.UTF_8)), 415, 12024, "*/*");
        }
        assertError(api.post("/6/lists", "application/*", "{}".getBytes(StandardCharsets.UTF_8)), 415, 12024, "");
    }

    // 6. malformed multipart

    @Test
    void malformedMultipartIs400OnEveryMultipartRoute() {
        String handler = created(api.post("/6/handlers", "{\"description\": \"multipart\"}"));
        String verifier = created(api.post("/6/verifiers", "{\"description\": \"multipart\"}"));
        byte[] photo = TestPhotos.sample(1);
        byte[] unclosed = ("--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] nulName = TestPhotos.multipart("b", List.of("image.jpg"), List.of(photo));
        String text = new String(nulName, StandardCharsets.ISO_8859_1).replace("filename=\"", "filename=\"a\0");
        nulName = text.getBytes(StandardCharsets.ISO_8859_1);
        for (String path : List.of("/6/detector", "/6/sdk", "/6/handlers/" + handler + "/events",
                "/6/verifiers/" + verifier + "/verifications", "/6/images", "/6/objects")) {
            assertError(api.post(path, "multipart/form-data", photo), 400, 12046, "boundary");
            for (byte[] body : List.of(unclosed, nulName)) {
                HttpProbe.Answer answer = api.post(path, "multipart/form-data; boundary=b", body);
                assertLuna(answer.status(), "content-type: " + answer.header("Content-Type"), answer.text(), path);
            }
        }
    }

    // 9. /error and Tomcat's own refusals

    @Test
    void errorPathIsNotARouteOnAnyPort() {
        for (String service : platform.services()) {
            assertError(platform.internal(service, owner.id()).get("/error"), 404, 106, "/error");
        }
        assertError(api.get("/error"), 404, 106, "/error");
    }

    @Test
    void pathsAndHeadersTomcatRefusesAreLunaErrors() {
        for (String target : List.of("/6/faces%2Fx", "/6/a%5Cb", "/6/%00", "/6/%FF%FE", "/6/faces/..%2f..%2fx",
                "/6/faces?" + "x".repeat(70_000))) {
            RawHttp.Answer answer = RawHttp.get(gateway, target, "Authorization: " + authorization);
            assertLuna(answer.status(), answer.head(), answer.text(), target);
        }
        RawHttp.Answer bigHeader = RawHttp.get(gateway, "/6/faces", "X-Big: " + "y".repeat(20_000));
        assertLuna(bigHeader.status(), bigHeader.head(), bigHeader.text(), "20 KB header");
        for (String service : platform.services()) {
            RawHttp.Answer answer = RawHttp.get(platform.port(service), "/x%00y", "");
            assertLuna(answer.status(), answer.head(), answer.text(), service);
        }
    }

    // 10. no Java type names in details

    @Test
    void errorDetailsNameNoJavaTypes() {
        List<HttpProbe.Answer> answers = List.of(api.post("/6/events/stats", "[]"),
                api.post("/6/events/stats", "{\"targets\": {\"x\": 1}}"), api.post("/6/lists", "{\"user_data\": [1]}"),
                api.post("/6/attributes", "{\"ttl\": {}}"), api.post("/6/attributes", "[[]]"),
                api.post("/6/matcher/raw", "{\"references\": \"x\", \"candidates\": 5}"),
                api.post("/6/handlers", "{\"policies\": []}"), api.post("/6/verifiers", "{\"policies\": 7}"));
        for (HttpProbe.Answer answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
            String detail = answer.json().get("detail").asString();
            assertThat(detail).as(answer.toString()).doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Za-z]")
                    .doesNotContain("JsonToken", "START_", "VALUE_", "$", "`");
        }
    }

    // 12. strict numbers and keys

    @Test
    void thresholdsTtlsAndIdempotencyKeysAreStrict() {
        String item = "{\"id\": \"a\", \"type\": \"raw_descriptor\", \"descriptor_version\": 201, \"data\": \""
                + descriptor(unit(new Random(1))) + "\"}";
        assertError(api.post("/6/matcher/raw", "{\"references\": [" + item + "], \"candidates\": [" + item
                + "], \"threshold\": \"NaN\"}"), 400, 102, "threshold");
        String attribute = "{\"descriptors\": [{\"version\": 201, \"data\": \"" + descriptor(unit(new Random(2)))
                + "\"}], \"ttl\": ";
        assertError(api.post("/6/attributes", attribute + "1.5}"), 400, 102, "ttl");
        assertError(api.post("/6/attributes", attribute + "\"10\"}"), 400, 102, "ttl");
        assertThat(api.post("/6/attributes", attribute + "10}").status()).isEqualTo(201);
        for (String path : List.of("/6/lists", "/6/faces")) {
            RawHttp.Answer answer = RawHttp.send(gateway, "POST " + path + " HTTP/1.1", "Authorization: "
                    + authorization + "\r\nContent-Type: application/json\r\nIdempotency-Key: "
                    + new String("ключ-1".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1),
                    "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(answer.status()).as(path + " " + answer).isEqualTo(400);
            assertThat(answer.text()).as(path).contains("Idempotency-Key");
        }
    }

    // 2. descriptors without a direction

    @Test
    void zeroNormAndNonFiniteDescriptorsAreRefusedAtEveryEntry() {
        float[] tiny = new float[512];
        java.util.Arrays.fill(tiny, 1e-45f);
        float[] nan = unit(new Random(3));
        nan[7] = Float.NaN;
        float[] inf = unit(new Random(4));
        inf[9] = Float.POSITIVE_INFINITY;
        String handler = created(api.post("/6/handlers", "{\"description\": \"raw events\"}"));
        String verifier = created(api.post("/6/verifiers", "{\"description\": \"raw\"}"));
        String good = "{\"id\": \"good\", \"type\": \"raw_descriptor\", \"descriptor_version\": 201, \"data\": \""
                + descriptor(unit(new Random(5))) + "\"}";
        for (float[] bad : List.of(new float[512], tiny, nan, inf)) {
            String data = descriptor(bad);
            int code = bad == nan || bad == inf ? 12051 : 12055;
            String item = "{\"id\": \"bad\", \"type\": \"raw_descriptor\", \"descriptor_version\": 201, \"data\": \""
                    + data + "\"}";
            assertError(api.post("/6/faces", "{\"descriptors\": [{\"version\": 201, \"data\": \"" + data + "\"}]}"),
                    400, code, "");
            assertError(api.post("/6/attributes", "{\"descriptors\": [{\"version\": 201, \"data\": \"" + data
                    + "\"}]}"), 400, code, "");
            assertError(api.post("/6/matcher/raw", "{\"references\": [" + good + "], \"candidates\": [" + item
                    + "]}"), 400, code, "");
            assertError(api.post("/6/matcher/raw", "{\"references\": [" + item + "], \"candidates\": [" + good
                    + "]}"), 400, code, "");
            assertError(api.post("/6/verifiers/" + verifier + "/raw", "{\"references\": [" + good
                    + "], \"candidates\": [" + item + "]}"), 400, code, "");
            assertError(api.post("/6/handlers/" + handler + "/events/raw", "{\"events\": [{\"descriptor\": "
                    + "{\"version\": 201, \"data\": \"" + data + "\"}}]}"), 400, code, "");
        }
        HttpProbe.Answer faces = api.get("/6/faces/count");
        assertThat(faces.json().get("faces_count").asLong()).as(faces.toString()).isZero();
    }

    // 13. another account's list in a handler

    @Test
    void handlersNamingAnotherAccountsListAreRefusedAtCreation() {
        String theirs = created(platform.newAccount().api().post("/6/lists", "{\"user_data\": \"not yours\"}"));
        String mine = created(api.post("/6/lists", "{\"user_data\": \"mine\"}"));
        String match = "{\"policies\": {\"extract_policy\": {\"extract_face_descriptor\": 1}, \"match_policy\": "
                + "[{\"label\": \"l\", \"candidates\": {\"origin\": \"faces\", \"list_id\": \"%s\"}}]}}";
        String link = "{\"policies\": {\"extract_policy\": {\"extract_face_descriptor\": 1}, \"storage_policy\": "
                + "{\"face_policy\": {\"store_face\": 1, \"link_to_lists_policy\": [{\"list_id\": \"%s\"}]}}}}";
        for (String foreign : List.of(theirs, UUID.randomUUID().toString())) {
            assertError(api.post("/6/handlers", match.formatted(foreign)), 400, 14203,
                    "policies.match_policy[0].candidates.list_id");
            assertError(api.post("/6/handlers", link.formatted(foreign)), 400, 14203,
                    "policies.storage_policy.face_policy.link_to_lists_policy[0].list_id");
            assertError(api.post("/6/handlers/validator", match.formatted(foreign)), 400, 14203, foreign);
        }
        String handler = created(api.post("/6/handlers", match.formatted(mine)));
        assertThat(api.send("PUT", "/6/handlers/" + handler, "application/json",
                link.formatted(mine).getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        assertError(api.send("PUT", "/6/handlers/" + handler, "application/json",
                link.formatted(theirs).getBytes(StandardCharsets.UTF_8)), 400, 14203, theirs);
        assertThat(api.get("/6/handlers/" + handler).json().at("/policies/storage_policy/face_policy/"
                + "link_to_lists_policy/0/list_id").asString()).isEqualTo(mine);
    }

    // 11. the image formats decode and store agree on; a failed store fails the request

    @Test
    void everyImageTheHandlerAnalysesItStoresAndGifIsRefusedAsInput() throws java.io.IOException {
        String handler = created(api.post("/6/handlers", "{\"policies\": {\"storage_policy\": "
                + "{\"image_origin_policy\": {\"store_image\": 1}}}}"));
        java.awt.image.BufferedImage photo = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                TestPhotos.sample(1)));
        for (String format : List.of("jpeg", "png", "bmp", "tiff")) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            assertThat(javax.imageio.ImageIO.write(photo, format, out)).as(format).isTrue();
            HttpProbe.Answer answer = api.post("/6/handlers/" + handler + "/events", "image/" + format, out.toByteArray());
            assertThat(answer.status()).as(format + " " + answer).isEqualTo(201);
            assertThat(answer.json().get("images").get(0).get("status").asInt()).as(format + " " + answer).isEqualTo(1);
            java.util.regex.Matcher stored = java.util.regex.Pattern.compile("/6/images/([0-9a-f-]{36})")
                    .matcher(answer.text());
            assertThat(stored.find()).as(format + " " + answer).isTrue();
            HttpProbe.Answer image = api.get("/6/images/" + stored.group(1));
            assertThat(image.status()).as(format).isEqualTo(200);
            assertThat(image.header("Content-Type")).as(format).startsWith("image/" + format);
        }
        java.io.ByteArrayOutputStream gif = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(photo, "gif", gif);
        int events = api.get("/6/events?page_size=100&handler_ids=" + handler).json().get("events").size();
        assertThat(events).isPositive();
        HttpProbe.Answer answer = api.post("/6/handlers/" + handler + "/events", "image/gif", gif.toByteArray());
        // refused as the image's own error (14001), as any unsupported format: no event, nothing stored
        assertError(answer, 400, 14001, "GIF");
        assertThat(api.get("/6/events?page_size=100&handler_ids=" + handler).json().get("events").size())
                .isEqualTo(events);
    }

    // 1. matching answers no more than the token may view

    @Test
    void matchingWithoutViewRightsAnswersIdsAndSimilarityOnly() {
        float[] anna = unit(new Random(11));
        String face = created(api.post("/6/faces", "{\"user_data\": \"secret note\", \"external_id\": \"ext-1\", "
                + "\"descriptors\": [{\"version\": 201, \"data\": \"" + descriptor(anna) + "\"}]}"));
        HttpProbe matchingOnly = bearer("{\"permissions\": {\"matching\": [\"matching\"]}}");
        HttpProbe facesToo = bearer("{\"permissions\": {\"matching\": [\"matching\"], \"face\": [\"view\"]}}");
        String reference = "{\"type\": \"raw_descriptor\", \"id\": \"probe\", \"descriptor_version\": 201, "
                + "\"data\": \"" + descriptor(anna) + "\"}";
        String faces = "{\"references\": [" + reference + "], \"candidates\": [{\"filters\": {\"origin\": \"faces\", "
                + "\"face_ids\": [\"" + face + "\"]}, \"targets\": [\"face_id\", \"similarity\", \"user_data\", "
                + "\"external_id\"]}]}";

        assertThat(matchingOnly.get("/6/faces/" + face).status()).isEqualTo(403);
        assertError(matchingOnly.post("/6/matcher/faces", faces), 403, 15011, "user_data");
        assertError(matchingOnly.post("/6/matcher/faces", "{\"references\": [" + reference + "], \"candidates\": "
                + "[{\"filters\": {\"origin\": \"events\"}, \"targets\": [\"event_id\", \"user_data\"]}]}"),
                403, 15011, "event");
        HttpProbe.Answer idsOnly = matchingOnly.post("/6/matcher/faces", faces.replace(", \"user_data\", \"external_id\"",
                ""));
        assertThat(idsOnly.status()).as(idsOnly.toString()).isEqualTo(200);
        JsonNode candidate = idsOnly.json().get(0).get("matches").get(0).get("candidates").get(0);
        assertThat(candidate.get("face").propertyNames()).containsExactly("face_id");
        assertThat(candidate.get("similarity").asDouble()).isGreaterThan(0.99);

        HttpProbe.Answer detailed = facesToo.post("/6/matcher/faces", faces);
        assertThat(detailed.status()).as(detailed.toString()).isEqualTo(200);
        assertThat(detailed.json().get(0).get("matches").get(0).get("candidates").get(0).get("face").get("user_data")
                .asString()).isEqualTo("secret note");
    }

    private HttpProbe bearer(String token) {
        HttpProbe.Answer made = api.post("/6/accounts/tokens", token);
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        return platform.api().with("Authorization", "Bearer " + made.json().get("token").asString());
    }

    // 5. the brute-force lock under concurrency

    @Test
    void concurrentGuessesGetNoMorePasswordChecksThanTheLimit() throws Exception {
        TestPlatform.Account victim = platform.newAccount();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> guesses = new java.util.ArrayList<>();
        for (int i = 0; i < 32; i++) {
            HttpProbe guesser = platform.basic(victim.login(), "guess-" + i);
            guesses.add(pool.submit(() -> {
                start.await();
                return guesser.get("/6/lists").status();
            }));
        }
        start.countDown();
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (java.util.concurrent.Future<Integer> guess : guesses) {
            statuses.merge(guess.get(), 1, Integer::sum);
        }
        pool.shutdown();
        // max-failed-logins is 5: exactly 5 passwords were checked (401), every other guess was refused unchecked
        assertThat(statuses).as(statuses.toString()).containsOnlyKeys(401, 429).containsEntry(401, 5);
        HttpProbe.Answer right = victim.api().get("/6/lists");
        assertError(right, 429, 10005, victim.login());
        assertThat(right.header("Retry-After")).isNotNull();
    }

    // helpers

    private RawHttp.Answer raw(String requestLine) {
        return RawHttp.send(gateway, requestLine, "Authorization: " + authorization, null);
    }

    static void assertError(HttpProbe.Answer answer, int status, int code, String detailContains) {
        assertError(answer.status(), answer.header("Content-Type"), answer.text(), status, code, detailContains);
    }

    static void assertError(RawHttp.Answer answer, int status, int code, String detailContains) {
        String type = answer.head().lines().filter(line -> line.toLowerCase().startsWith("content-type:"))
                .findFirst().orElse("");
        assertError(answer.status(), type, answer.text(), status, code, detailContains);
    }

    private static void assertError(int actualStatus, String contentType, String body, int status, int code,
            String detailContains) {
        String what = actualStatus + " " + body;
        assertThat(actualStatus).as(what).isEqualTo(status);
        assertThat(contentType).as(what).contains("application/json");
        JsonNode json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
        assertThat(json.propertyNames()).as(what).containsExactlyInAnyOrder("error_code", "desc", "detail", "link");
        if (code != 0) {
            assertThat(json.get("error_code").asInt()).as(what).isEqualTo(code);
        }
        assertThat(json.get("detail").asString()).as(what).contains(detailContains);
    }

    /** Any 4xx answer with the LUNA error shape. */
    static void assertLuna(int status, String head, String body, String what) {
        assertThat(status).as(what + ": " + status + " " + body).isBetween(400, 499);
        assertThat(head.toLowerCase()).as(what + ": " + head).contains("content-type: application/json");
        JsonNode json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
        assertThat(json.propertyNames()).as(what + ": " + body)
                .containsExactlyInAnyOrder("error_code", "desc", "detail", "link");
    }

    static String created(HttpProbe.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        JsonNode json = answer.json();
        for (String id : List.of("face_id", "list_id", "handler_id", "verifier_id", "attribute_id")) {
            if (json.has(id)) {
                return json.get(id).asString();
            }
        }
        throw new AssertionError("no id in " + answer);
    }

    static float[] unit(Random random) {
        float[] vector = new float[512];
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) random.nextGaussian();
            norm += vector[i] * vector[i];
        }
        for (int i = 0; i < vector.length; i++) {
            vector[i] /= (float) Math.sqrt(norm);
        }
        return vector;
    }

    static String descriptor(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    static UUID uuid(String text) {
        return UUID.fromString(text);
    }
}

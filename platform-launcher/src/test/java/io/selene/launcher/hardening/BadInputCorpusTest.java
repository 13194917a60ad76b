package io.selene.launcher.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.selene.api.routing.PublicRoute;
import io.selene.api.routing.RoutingTable;
import io.selene.launcher.TestPlatform;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every route of the gateway's routing table against a corpus of bad input, as a hostile client sends it:
 * bodies (malformed, deep, huge and wrongly typed JSON, NUL and control characters, bad multipart,
 * truncated and corrupt images of each format, a pixel bomb, wrong-length, NaN and zero descriptors,
 * wildcard and foreign content types), queries (bad percent-encoding, NUL, bad UUIDs and timestamps,
 * paging out of range, unknown parameters) and path variables (not a UUID, NUL, traversal, over-long).
 * No answer may be a 5xx; every 4xx must be the LUNA error body; the platform answers normally after.
 * A route added to the table is covered without touching this test. Prints the number of cases.
 */
class BadInputCorpusTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z_]+)}");
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    /** One bad input: what it does to the path, the query and the body of a route's request. */
    private record Input(String name, String pathVariable, String rawQuery, String contentType, byte[] body) {

        static Input body(String name, String contentType, byte[] body) {
            return new Input(name, null, null, contentType, body);
        }

        static Input json(String name, String json) {
            return body(name, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        static Input query(String name, String rawQuery) {
            return new Input(name, null, rawQuery, null, null);
        }

        static Input path(String name, String variable) {
            return new Input(name, variable, null, null, null);
        }
    }

    private final TestPlatform platform = TestPlatform.shared();

    @Test
    void everyRouteAnswersEveryBadInputWithALunaErrorAndNeverA5xx() {
        TestPlatform.Account caller = platform.newAccount();
        String authorization = TestPlatform.basicHeader(caller.login(), caller.password());
        HttpProbe api = caller.api();
        int gateway = platform.port("api-service");
        List<PublicRoute> routes = platform.bean("api-service", RoutingTable.class).routes();
        List<Input> corpus = corpus();

        int cases = 0;
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (PublicRoute route : routes) {
            String method = route.method().name();
            for (Input input : corpus) {
                boolean bodyInput = input.body() != null;
                if (bodyInput && !BODY_METHODS.contains(method)
                        || input.pathVariable() != null && !VARIABLE.matcher(route.publicPath()).find()) {
                    continue;
                }
                String path = fill(route.publicPath(), input.pathVariable());
                String what = method + " " + route.publicPath() + " × " + input.name();
                cases++;
                try {
                    int status;
                    String contentType;
                    String body;
                    if (input.rawQuery() != null || input.pathVariable() != null) {
                        // sent byte for byte: a client library would re-encode or refuse these
                        String target = path + (input.rawQuery() == null ? "" : "?" + input.rawQuery());
                        RawHttp.Answer answer = RawHttp.send(gateway, method + " " + target + " HTTP/1.1",
                                "Authorization: " + authorization, BODY_METHODS.contains(method) ? new byte[0] : null);
                        status = answer.status();
                        contentType = answer.head().toLowerCase(Locale.ROOT).contains("content-type: application/json")
                                ? "application/json" : answer.head();
                        body = answer.text();
                    } else {
                        HttpRequest request = api.request(path).header("Content-Type", input.contentType())
                                .method(method, HttpRequest.BodyPublishers.ofByteArray(input.body())).build();
                        HttpProbe.Answer answer = api.send(request);
                        status = answer.status();
                        contentType = String.valueOf(answer.header("Content-Type"));
                        body = answer.text();
                    }
                    // HEAD answers carry no body: only the status is checked
                    String problem = method.equals("HEAD") ? (status >= 500 ? status + " on HEAD" : null)
                            : problem(status, contentType, body);
                    if (problem != null) {
                        failures.add(what + ": " + problem);
                    }
                } catch (RuntimeException e) {
                    failures.add(what + ": no answer: " + e.getMessage());
                }
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        System.out.printf("BadInputCorpusTest: %d cases (%d routes × %d inputs where they apply) in %d s, %d failed%n",
                cases, routes.size(), corpus.size(), seconds, failures.size());

        assertThat(failures).as("cases answered with a 5xx or without the LUNA error body (of " + cases + ")")
                .isEmpty();
        assertThat(cases).isGreaterThanOrEqualTo(1_000);
        // healthy after: health checks pass and a normal create and read work
        assertThat(HttpProbe.onPort(gateway).get("/healthcheck").status()).isEqualTo(200);
        HttpProbe.Answer list = api.post("/6/lists", "{\"user_data\": \"after the corpus\"}");
        assertThat(list.status()).as(list.toString()).isEqualTo(201);
        assertThat(api.get("/6/lists/" + list.json().get("list_id").asString()).status()).isEqualTo(200);
    }

    /** Null when the answer is acceptable: below 500, and a 4xx carries exactly the LUNA error fields. */
    private static String problem(int status, String contentType, String body) {
        if (status >= 500) {
            return status + " " + abbreviate(body);
        }
        if (status < 400) {
            return null;
        }
        if (contentType == null || !contentType.contains("application/json")) {
            return status + " not JSON (" + abbreviate(contentType) + "): " + abbreviate(body);
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (!Set.copyOf(json.propertyNames()).equals(Set.of("error_code", "desc", "detail", "link"))
                    || !json.get("error_code").isIntegralNumber()) {
                return status + " not the LUNA error shape: " + abbreviate(body);
            }
            String detail = json.get("detail").asString();
            if (detail.contains("io.selene") || detail.contains("java.") || detail.contains("JsonToken")) {
                return status + " Java names in the detail: " + abbreviate(detail);
            }
        } catch (RuntimeException e) {
            return status + " unreadable body: " + abbreviate(body);
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** The route's path with its variables filled: ids get an unknown UUID, or the input's bad value. */
    private static String fill(String template, String badValue) {
        Matcher variables = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (variables.find()) {
            String value = badValue != null ? badValue
                    : variables.group(1).equals("task_type") ? "exporter" : variables.group(1).endsWith("_id")
                            ? UUID.randomUUID().toString() : "x";
            variables.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return variables.appendTail(out).toString();
    }

    private static List<Input> corpus() {
        List<Input> inputs = new ArrayList<>();
        // JSON: malformed, deep, huge, wrong types, NUL and control characters
        inputs.add(Input.json("truncated JSON", "{\"user_data\": "));
        inputs.add(Input.json("trailing garbage", "{}}}"));
        inputs.add(Input.json("not JSON", "hello"));
        inputs.add(Input.json("empty body", ""));
        inputs.add(Input.json("deep JSON", "[".repeat(20_000) + "]".repeat(20_000)));
        inputs.add(Input.json("deep objects", "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)));
        inputs.add(Input.json("huge string", "{\"user_data\": \"" + "x".repeat(1_000_000) + "\"}"));
        inputs.add(Input.json("huge array", "{\"face_ids\": [" + "\"x\",".repeat(200_000) + "\"x\"]}"));
        inputs.add(Input.json("array body", "[]"));
        inputs.add(Input.json("string body", "\"x\""));
        inputs.add(Input.json("number body", "12345678901234567890123"));
        inputs.add(Input.json("null body", "null"));
        inputs.add(Input.json("wrong types", "{\"user_data\": 5, \"description\": [], \"policies\": \"x\", "
                + "\"descriptors\": {}, \"filters\": 7, \"limit\": \"ten\", \"threshold\": \"NaN\", \"ttl\": 1.5, "
                + "\"face_ids\": \"x\", \"events\": {}, \"content\": [], \"references\": 1, \"candidates\": true}"));
        inputs.add(Input.json("NUL in values", "{\"user_data\": \"a\\u0000\", \"description\": \"\\u0000\", "
                + "\"external_id\": \"\\u0000\", \"note\": \"\\u0000\", \"login\": \"\\u0000\"}"));
        inputs.add(Input.json("NUL in a name", "{\"\\u0000\": 1}"));
        inputs.add(Input.json("control characters", "{\"user_data\": \"\\u0001\\u001b[31m\\n\\r\", "
                + "\"description\": \"\\u007f\\u2028\"}"));
        inputs.add(Input.json("bad UUIDs", "{\"face_id\": \"not-a-uuid\", \"list_id\": \"%00\", \"attribute_id\": 7, "
                + "\"face_ids\": [\"x\"], \"handler_id\": \"zz\", \"lists\": [\"x\"]}"));
        inputs.add(Input.json("bad timestamps", "{\"filters\": {\"create_time__gte\": \"yesterday\", "
                + "\"create_time__lt\": \"2024-13-45T99:00:00Z\"}}"));
        inputs.add(Input.json("huge numbers", "{\"limit\": 1e400, \"threshold\": -1e400, \"ttl\": 99999999999999999999, "
                + "\"page_size\": -1}"));
        inputs.add(Input.body("invalid UTF-8 bytes", "application/json",
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'}));
        // descriptors: wrong length, NaN, zero
        for (String[] descriptor : List.of(new String[] {"short descriptor", base64(new float[100])},
                new String[] {"NaN descriptor", base64(filled(Float.NaN))},
                new String[] {"zero descriptor", base64(new float[512])},
                new String[] {"tiny descriptor", base64(filled(1e-45f))},
                new String[] {"not base64 descriptor", "***"})) {
            String data = descriptor[1];
            inputs.add(Input.json(descriptor[0], "{\"descriptors\": [{\"version\": 201, \"data\": \"" + data + "\"}], "
                    + "\"references\": [{\"id\": \"r\", \"type\": \"raw_descriptor\", \"descriptor_version\": 201, "
                    + "\"data\": \"" + data + "\"}], \"candidates\": [{\"id\": \"c\", \"type\": \"sdk_descriptor\", "
                    + "\"data\": \"" + data + "\"}], \"events\": [{\"descriptor\": {\"version\": 201, \"data\": \""
                    + data + "\"}}]}"));
        }
        // content types
        inputs.add(Input.body("wildcard content type", "*/*", "{}".getBytes(StandardCharsets.UTF_8)));
        inputs.add(Input.body("XML", "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8)));
        inputs.add(Input.body("text", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)));
        inputs.add(Input.body("bad content type", "nonsense", "x".getBytes(StandardCharsets.UTF_8)));
        // multipart
        byte[] photo = TestPhotos.sample(1);
        inputs.add(Input.body("multipart without boundary", "multipart/form-data", photo));
        inputs.add(Input.body("multipart not closed", "multipart/form-data; boundary=b",
                ("--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.jpg\"\r\nContent-Type: "
                        + "image/jpeg\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)));
        inputs.add(Input.body("multipart NUL file name", "multipart/form-data; boundary=b",
                new String(TestPhotos.multipart("b", List.of("a.jpg"), List.of(Arrays.copyOf(photo, 4096))),
                        StandardCharsets.ISO_8859_1).replace("filename=\"", "filename=\"\0")
                        .getBytes(StandardCharsets.ISO_8859_1)));
        inputs.add(Input.body("multipart garbage", "multipart/form-data; boundary=b", "--b\r\n\r\n\r\n--".getBytes(
                StandardCharsets.ISO_8859_1)));
        // images: truncated, corrupt, bombs
        inputs.add(Input.body("truncated JPEG", "image/jpeg", Arrays.copyOf(photo, 2048)));
        inputs.add(Input.body("corrupt JPEG", "image/jpeg", corrupt(photo)));
        inputs.add(Input.body("JPEG header only", "image/jpeg", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}));
        byte[] bomb = TestPhotos.pngDeclaring(60_000, 60_000);
        inputs.add(Input.body("PNG pixel bomb", "image/png", bomb));
        inputs.add(Input.body("PNG pixel bomb as octets", "application/octet-stream", bomb));
        inputs.add(Input.body("truncated PNG", "image/png", Arrays.copyOf(TestPhotos.onePixelPng(), 30)));
        inputs.add(Input.body("corrupt GIF", "image/gif", "GIF89a\u0001\u0000\u0001\u0000garbage".getBytes(
                StandardCharsets.ISO_8859_1)));
        inputs.add(Input.body("corrupt BMP", "image/bmp", "BM\u00ff\u00ff\u00ff\u00ffgarbage".getBytes(
                StandardCharsets.ISO_8859_1)));
        inputs.add(Input.body("corrupt WebP", "image/webp", "RIFF\u0010\u0000\u0000\u0000WEBPVP8 garbage".getBytes(
                StandardCharsets.ISO_8859_1)));
        inputs.add(Input.body("corrupt TIFF", "image/tiff", "II*\u0000\u00ff\u00ff\u00ff\u00ff".getBytes(
                StandardCharsets.ISO_8859_1)));
        inputs.add(Input.body("empty image", "image/jpeg", new byte[0]));
        // queries, sent byte for byte
        inputs.add(Input.query("bad percent-encoding", "user_data=%G1"));
        inputs.add(Input.query("not UTF-8", "user_data=%FF%FE"));
        inputs.add(Input.query("bad parameter name", "%ZZ=1"));
        inputs.add(Input.query("NUL in a value", "user_data=%00&description=%00"));
        inputs.add(Input.query("NUL in a name", "a%00b=1"));
        inputs.add(Input.query("control characters", "user_data=%1B%5B31m%0A"));
        inputs.add(Input.query("page 0", "page=0"));
        inputs.add(Input.query("negative page", "page=-1&page_size=-5"));
        inputs.add(Input.query("huge page", "page=99999999999999999999&page_size=1000000"));
        inputs.add(Input.query("bad UUIDs", "face_ids=not-a-uuid&list_id=x&account_id=zz&handler_id=%00"));
        inputs.add(Input.query("bad timestamps", "create_time__gte=yesterday&create_time__lt=2024-13-45T99:00:00Z"));
        inputs.add(Input.query("unknown and repeated", "zzz=1&page=1&page=2"));
        inputs.add(Input.query("huge query", "user_data=" + "x".repeat(20_000)));
        // path variables
        inputs.add(Input.path("not a UUID", "not-a-uuid"));
        inputs.add(Input.path("NUL in the path", "%00"));
        inputs.add(Input.path("traversal", "..%2F..%2Fetc"));
        inputs.add(Input.path("over-long", "a".repeat(3_000)));
        inputs.add(Input.path("bad UTF-8 in the path", "%C3%28"));
        return inputs;
    }

    private static float[] filled(float value) {
        float[] values = new float[512];
        Arrays.fill(values, value);
        return values;
    }

    private static String base64(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    private static byte[] corrupt(byte[] jpeg) {
        byte[] copy = jpeg.clone();
        for (int i = 600; i < copy.length; i += 97) {
            copy[i] = (byte) 0xff;
        }
        return copy;
    }
}

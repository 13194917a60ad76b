package io.selene.commons;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls between services: the shared secret is demanded and sent, the caller's account and request
 * id travel with the call, and a downstream LUNA error comes back to the client unchanged.
 */
@SpringBootTest(classes = ProbeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
                "selene.internal.secret=s3cret-for-tests",
                "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                        + "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration"})
class InternalCallsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int PORT = freePort();
    private static final String ACCOUNT = "6f1c0c64-53c5-4b6a-9f4e-8a2b1c3d4e5f";
    private static final String REQUEST_ID = "1764288000,11111111-2222-3333-4444-555555555555";

    private final HttpClient client = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void port(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("selene.services.probe-service.url", () -> "http://127.0.0.1:" + PORT);
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void callsWithoutTheSecretAreRefusedButServiceRoutesStayOpen() throws Exception {
        HttpResponse<String> refused = get("/probe/whoami", "X-Selene-Account-Id", ACCOUNT);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).get("error_code").asInt()).isEqualTo(12043);

        assertThat(get("/version").statusCode()).isEqualTo(200);
        assertThat(get("/healthcheck").statusCode()).isEqualTo(200);
        assertThat(get("/docs/spec").statusCode()).isEqualTo(200);
    }

    @Test
    void accountAndRequestIdTravelWithTheInternalCall() throws Exception {
        HttpResponse<String> answer = get("/probe/relay?path=/probe/whoami",
                "X-Selene-Internal-Secret", "s3cret-for-tests", "X-Selene-Account-Id", ACCOUNT,
                "X-Selene-Visibility", "all", "Luna-Request-Id", REQUEST_ID);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode seenDownstream = JSON.readTree(answer.body());
        assertThat(seenDownstream.get("account_id").asString()).isEqualTo(ACCOUNT);
        assertThat(seenDownstream.get("visibility").asString()).isEqualTo("all");
        assertThat(seenDownstream.get("request_id").asString()).isEqualTo(REQUEST_ID);
    }

    @Test
    void downstreamLunaErrorReachesTheClientUnchanged() throws Exception {
        HttpResponse<String> answer = get("/probe/relay?path=/probe/conflict",
                "X-Selene-Internal-Secret", "s3cret-for-tests", "X-Selene-Account-Id", ACCOUNT);

        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.get("error_code").asInt()).isEqualTo(101);
        assertThat(error.get("detail").asString()).isEqualTo("custom detail 42");
    }

    @Test
    void downstreamStatusWithoutBodyKeepsItsStatus() throws Exception {
        HttpResponse<String> answer = get("/probe/relay-head?path=/probe/no-such-thing",
                "X-Selene-Internal-Secret", "s3cret-for-tests", "X-Selene-Account-Id", ACCOUNT);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(answer.body()).get("error_code").asInt()).isEqualTo(12);
    }

    @Test
    void badAccountHeaderIsRefused() throws Exception {
        HttpResponse<String> answer = get("/probe/whoami", "X-Selene-Internal-Secret", "s3cret-for-tests",
                "X-Selene-Account-Id", "not-a-uuid");
        assertThat(answer.statusCode()).isEqualTo(400);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

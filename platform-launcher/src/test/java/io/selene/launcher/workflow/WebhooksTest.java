package io.selene.launcher.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;
import io.selene.launcher.TestPlatform;
import io.selene.launcher.TestPlatform.Account;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Handler callbacks through the gateway, as a LUNA client sets them up: a handler names HTTP callbacks
 * in {@code storage_policy.callbacks}; each event it generates from a real photo is POSTed to the
 * callbacks whose filters pass, signed as documented; a receiver that fails first gets it again; the
 * delivery state shows in the handler's GET, the secret never does; another account can neither see
 * nor change the handler.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhooksTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET = "webhooks-test-secret-1";

    record Received(String signature, String timestamp, String eventId, String body) {
    }

    private final List<HttpServer> servers = new ArrayList<>();
    private TestPlatform platform;
    private Account owner;
    private Account stranger;

    @BeforeAll
    void start() {
        platform = TestPlatform.shared();
        owner = platform.newAccount();
        stranger = platform.newAccount();
    }

    @AfterAll
    void stopReceivers() {
        servers.forEach(server -> server.stop(0));
    }

    /** A receiver on 127.0.0.1 that answers 503 to its first {@code failFirst} POSTs, then 200. */
    private String receiver(BlockingQueue<Received> received, int failFirst) throws IOException {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean fail = calls.incrementAndGet() <= failFirst;
            if (!fail) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("X-Selene-Signature"),
                        exchange.getRequestHeaders().getFirst("X-Selene-Timestamp"),
                        exchange.getRequestHeaders().getFirst("X-Selene-Event-Id"), body));
            }
            exchange.sendResponseHeaders(fail ? 503 : 200, -1);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Test
    void eventsArePostedSignedToTheCallbacksWhoseFiltersPassAndTheStateIsVisible() throws Exception {
        BlockingQueue<Received> flaky = new LinkedBlockingQueue<>();
        BlockingQueue<Received> filteredOut = new LinkedBlockingQueue<>();
        String policies = "{\"extract_policy\": {\"extract_basic_attributes\": 1}, \"storage_policy\": {"
                + "\"notification_policy\": {\"send_notification\": 0}, \"callbacks\": ["
                + "{\"type\": \"http\", \"url\": \"" + receiver(flaky, 1) + "\", \"secret\": \"" + SECRET + "\"},"
                + "{\"type\": \"http\", \"url\": \"" + receiver(filteredOut, 0) + "\", \"secret\": \"" + SECRET
                + "\", \"filters\": {\"age__gte\": 150}}]}}";
        HttpProbe.Answer made = owner.api().post("/6/handlers", "{\"description\": \"webhooks\", \"policies\": "
                + policies + "}");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        String handler = made.json().get("handler_id").asString();

        HttpProbe.Answer generated = owner.api().post("/6/handlers/" + handler + "/events", "image/jpeg",
                TestPhotos.sample(1));
        assertThat(generated.status()).as(generated.toString()).isEqualTo(201);
        Set<JsonNode> events = new HashSet<>();
        generated.json().get("events").forEach(events::add);
        assertThat(events).hasSize(TestPhotos.FACES.get(0));

        // Every event once, signed over "<timestamp>.<body>"; the first answered 503 and came again.
        Set<JsonNode> got = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            Received delivery = flaky.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(delivery).as("delivery " + i + " of " + events.size()).isNotNull();
            assertThat(delivery.signature()).isEqualTo("v1=" + hmac(delivery.timestamp() + "." + delivery.body()));
            JsonNode event = JSON.readTree(delivery.body());
            assertThat(delivery.eventId()).isEqualTo(event.get("event_id").asString());
            got.add(event);
        }
        assertThat(got).isEqualTo(events);
        assertThat(flaky.poll(1, TimeUnit.SECONDS)).as("an event delivered twice").isNull();
        assertThat(filteredOut).as("a callback whose filters no event passes").isEmpty();

        JsonNode callbacks = awaitDelivered(handler, events.size());
        JsonNode first = callbacks.get(0);
        assertThat(first.has("secret")).as("the secret is write-only").isFalse();
        assertThat(first.get("delivery").get("delivered").asInt()).isEqualTo(events.size());
        assertThat(first.get("delivery").get("failures").asInt()).isEqualTo(1);
        assertThat(first.get("delivery").get("last_status").asInt()).isEqualTo(200);
        assertThat(callbacks.get(1).get("delivery").get("delivered").asInt()).isZero();
        assertThat(callbacks.get(1).get("delivery").get("last_status").isNull()).isTrue();

        // Another account: not found, whether it reads or replaces the handler.
        assertThat(stranger.api().get("/6/handlers/" + handler).status()).isEqualTo(404);
        assertThat(put(stranger, handler, "{\"policies\": " + policies + "}").status())
                .isEqualTo(404);
        // A GET answer sent back needs the secret again (it is never shown).
        JsonNode shown = owner.api().get("/6/handlers/" + handler).json().get("policies");
        HttpProbe.Answer without = put(owner, handler, "{\"policies\": " + shown + "}");
        assertThat(without.status()).as(without.toString()).isEqualTo(400);
        assertThat(without.json().get("detail").asString()).contains("policies.storage_policy.callbacks[0].secret");
        ((ObjectNode) shown.get("storage_policy").get("callbacks").get(0)).put("secret", SECRET);
        ((ObjectNode) shown.get("storage_policy").get("callbacks").get(1)).put("secret", SECRET);
        HttpProbe.Answer with = put(owner, handler, "{\"policies\": " + shown + "}");
        assertThat(with.status()).as(with.toString()).isEqualTo(200);
    }

    @Test
    void aCallbackOfAnotherTypeOrWithoutSecretIsRefusedAtCreation() {
        HttpProbe.Answer ws = owner.api().post("/6/handlers", "{\"policies\": {\"storage_policy\": {\"callbacks\": "
                + "[{\"type\": \"luna-ws-notification\", \"url\": \"http://127.0.0.1:1/h\", \"secret\": \"" + SECRET
                + "\"}]}}}");
        assertThat(ws.status()).as(ws.toString()).isEqualTo(400);
        assertThat(ws.json().get("error_code").asInt()).isEqualTo(14202);
        HttpProbe.Answer noSecret = owner.api().post("/6/handlers", "{\"policies\": {\"storage_policy\": "
                + "{\"callbacks\": [{\"type\": \"http\", \"url\": \"http://127.0.0.1:1/h\"}]}}}");
        assertThat(noSecret.status()).as(noSecret.toString()).isEqualTo(400);
        assertThat(noSecret.json().get("detail").asString()).contains("secret");
    }

    private static HttpProbe.Answer put(Account account, String handler, String body) {
        return account.api().send("PUT", "/6/handlers/" + handler, "application/json",
                body.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode awaitDelivered(String handler, int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            HttpProbe.Answer answer = owner.api().get("/6/handlers/" + handler);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            JsonNode callbacks = answer.json().get("policies").get("storage_policy").get("callbacks");
            if (callbacks.get(0).get("delivery").get("delivered").asInt() >= count || System.nanoTime() > deadline) {
                return callbacks;
            }
            Thread.sleep(100);
        }
    }

    private static String hmac(String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}

package io.selene.sender.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import com.sun.net.httpserver.HttpServer;
import io.selene.commons.bus.EventStream;
import io.selene.commons.bus.WebhookStates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Webhook deliveries from bus messages appended to the real Redis stream of this test run, to JDK
 * HttpServer receivers on 127.0.0.1: signed as documented, retried after a failure until delivered,
 * given up after the last attempt, and each outcome in the callback's state.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "selene.sender.webhooks.allow-private-hosts=true", "selene.sender.webhooks.first-retry=200ms",
        "selene.sender.webhooks.max-attempts=3"})
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SECRET = "a-secret-of-the-callback";

    record Received(Map<String, List<String>> headers, String body) {
    }

    @Value("${selene.redis.key-prefix}")
    String prefix;
    @Autowired
    StringRedisTemplate redis;

    private final UUID account = UUID.randomUUID();
    private HttpServer server;

    @AfterEach
    void stopReceiver() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A receiver on 127.0.0.1 answering each POST with the next status; returns its URL. */
    private String receiver(BlockingQueue<Received> received, IntSupplier status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(new Received(exchange.getRequestHeaders(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(status.getAsInt(), -1);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private ObjectNode publish(UUID handler, String url, boolean websocket) {
        ObjectNode event = JSON.createObjectNode().put("event_id", UUID.randomUUID().toString())
                .put("handler_id", handler.toString()).put("source", "door");
        ObjectNode message = JSON.createObjectNode().put("account_id", account.toString())
                .put("handler_id", handler.toString());
        message.set("event", event);
        message.put("websocket", websocket);
        message.putArray("webhooks").addObject().put("callback", 0).put("url", url).put("secret", SECRET)
                .put("timeout", 5);
        new EventStream(redis, prefix).append(event.get("event_id").asString(), JSON.writeValueAsString(message), 10_000);
        return event;
    }

    private WebhookStates.State awaitState(UUID handler, java.util.function.Predicate<WebhookStates.State> done)
            throws InterruptedException {
        WebhookStates states = new WebhookStates(redis, prefix);
        long deadline = System.nanoTime() + WAIT.toNanos();
        WebhookStates.State state = states.read(handler, 0);
        while (!done.test(state) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            state = states.read(handler, 0);
        }
        return state;
    }

    @Test
    void anEventIsPostedSignedWithTheTimestampAndBody() throws Exception {
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        UUID handler = UUID.randomUUID();
        ObjectNode event = publish(handler, receiver(received, () -> 204), false);

        Received got = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(got).as("delivery").isNotNull();
        assertThat(JSON.readTree(got.body())).isEqualTo(event);
        String timestamp = got.headers().get("X-selene-timestamp").getFirst();
        assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
        assertThat(got.headers().get("X-selene-signature")).containsExactly(
                "v1=" + WebhookDeliverer.sign(SECRET, timestamp, got.body()));
        assertThat(got.headers().get("X-selene-event-id")).containsExactly(event.get("event_id").asString());
        assertThat(got.headers().get("Content-type")).containsExactly("application/json");

        WebhookStates.State state = awaitState(handler, s -> s.delivered() == 1);
        assertThat(state.delivered()).isEqualTo(1);
        assertThat(state.lastStatus()).isEqualTo(204);
        assertThat(state.failures()).isZero();
        assertThat(state.lastError()).isNull();
        assertThat(received.poll(500, TimeUnit.MILLISECONDS)).as("delivered twice").isNull();
    }

    @Test
    void aReceiverThatFailsFirstGetsTheEventAgainAndTheStateShowsBoth() throws Exception {
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        AtomicInteger calls = new AtomicInteger();
        UUID handler = UUID.randomUUID();
        ObjectNode event = publish(handler, receiver(received, () -> calls.incrementAndGet() == 1 ? 503 : 200), true);

        Received first = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        Received second = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(second).as("retry after the 503").isNotNull();
        assertThat(JSON.readTree(second.body())).isEqualTo(event);
        assertThat(first.headers().get("X-selene-delivery-attempt")).containsExactly("1");
        assertThat(second.headers().get("X-selene-delivery-attempt")).containsExactly("2");

        WebhookStates.State state = awaitState(handler, s -> s.delivered() == 1);
        assertThat(state.delivered()).isEqualTo(1);
        assertThat(state.failures()).isEqualTo(1);
        assertThat(state.lastStatus()).isEqualTo(200);
        assertThat(state.dropped()).isZero();
        assertThat(received.poll(700, TimeUnit.MILLISECONDS)).as("delivered again after a success").isNull();
    }

    @Test
    void aReceiverThatNeverAnswers2xxIsGivenUpAfterTheLastAttempt() throws Exception {
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        UUID handler = UUID.randomUUID();
        publish(handler, receiver(received, () -> 500), true);

        WebhookStates.State state = awaitState(handler, s -> s.dropped() == 1);
        assertThat(state.dropped()).isEqualTo(1);
        assertThat(state.failures()).isEqualTo(3);
        assertThat(state.delivered()).isZero();
        assertThat(state.lastStatus()).isEqualTo(500);
        assertThat(state.lastError()).isEqualTo("HTTP 500");
        assertThat(received).hasSize(3);
    }

    @Test
    void aCallbackNobodyListensOnIsRetriedAndRecordedAsNoAnswer() throws Exception {
        UUID handler = UUID.randomUUID();
        // A port just freed: connection refused.
        HttpServer closed = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int port = closed.getAddress().getPort();
        closed.stop(0);
        publish(handler, "http://127.0.0.1:" + port + "/hook", true);
        WebhookStates.State state = awaitState(handler, s -> s.dropped() == 1);
        assertThat(state.lastStatus()).isZero();
        assertThat(state.lastError()).isNotBlank();
        assertThat(state.failures()).isEqualTo(3);
    }

    @Test
    void loopbackPrivateAndLinkLocalHostsAreRecognised() throws Exception {
        for (String host : List.of("127.0.0.1", "localhost", "10.1.2.3", "192.168.0.1", "172.16.5.5", "169.254.169.254",
                "[::1]", "0.0.0.0", "[fd00::1]")) {
            assertThat(WebhookDeliverer.isPrivate(host)).as(host).isTrue();
        }
        assertThat(WebhookDeliverer.isPrivate("8.8.8.8")).isFalse();
        assertThat(WebhookDeliverer.isPrivate("[2001:4860:4860::8888]")).isFalse();
    }

    @Test
    void backoffDoublesUpToTheLongestWait() {
        WebhookSettings settings = new WebhookSettings(null, null, 8, Duration.ofSeconds(2), Duration.ofSeconds(10),
                null, 0, false);
        assertThat(List.of(settings.backoff(1), settings.backoff(2), settings.backoff(3), settings.backoff(4),
                settings.backoff(40))).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }
}

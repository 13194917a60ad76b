package io.selene.launcher.workflow;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.selene.commons.bus.EventStream;
import io.selene.launcher.TestPlatform;
import io.selene.launcher.TestPlatform.Account;
import io.selene.sender.SenderServiceApplication;
import io.selene.sender.subscriptions.SubscriberRegistry;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestPhotos;
import io.selene.testsupport.WebSocketProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /6/ws} through the gateway, as a LUNA client uses it: the handshake is authenticated like
 * every {@code /6} call (Basic or Bearer, permission {@code view} on {@code event}), relayed to
 * sender-service, and each event published on the Redis bus for the caller's account arrives, with
 * nothing of another account; an event a handler generates from a real photo reaches the subscribers of
 * that handler exactly as the generate-events answer has it; a subscriber that reconnects with its last
 * event id after sender was stopped and started gets what was made meanwhile, in order, once. Every service the flow touches runs in
 * this JVM on free ports, as {@code bin/platform up} runs them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebsocketGatewayTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<WebSocketProbe> subscribers = new ArrayList<>();
    private TestPlatform platform;
    private EventStream bus;
    private Account owner;
    private Account stranger;

    @BeforeAll
    void start() {
        platform = TestPlatform.shared();
        // handlers' Redis client: it outlives a sender restart
        bus = new EventStream(platform.bean("handlers-service", StringRedisTemplate.class),
                platform.context("handlers-service").getEnvironment().getProperty("selene.redis.key-prefix"));
        owner = platform.newAccount();
        stranger = platform.newAccount();
    }

    @AfterEach
    void closeSubscribers() {
        subscribers.forEach(WebSocketProbe::close);
        subscribers.clear();
    }

    @Test
    void anAccountReceivesItsEventsInOrderAndNothingOfAnotherAccount() throws Exception {
        WebSocketProbe mine = subscribe(basic(owner), "");
        WebSocketProbe cam2Only = subscribe(basic(owner), "sources=cam2");
        WebSocketProbe theirs = subscribe(basic(stranger), "");

        publish(owner, "o1", "cam1");
        publish(owner, "o2", "cam2");
        publish(owner, "o3", "cam1");
        publish(stranger, "s1", "cam1");

        assertThat(names(mine, 3)).containsExactly("o1", "o2", "o3");
        assertThat(names(cam2Only, 1)).containsExactly("o2");
        assertThat(names(theirs, 1)).containsExactly("s1");
        for (WebSocketProbe subscriber : List.of(mine, cam2Only, theirs)) {
            assertThat(subscriber.poll(Duration.ofMillis(400))).as("extra event").isNull();
        }
        // Sender's autoping reaches the client through the relay.
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (mine.pings() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(mine.pings()).isPositive();
    }

    @Test
    void anEventGeneratedByAHandlerReachesTheSubscribersOfThatHandlerOnly() throws Exception {
        String handler = handler(owner);
        WebSocketProbe ofHandler = subscribe(basic(owner), "handler_ids=" + handler);
        WebSocketProbe ofAnotherHandler = subscribe(basic(owner), "handler_ids=" + UUID.randomUUID());
        WebSocketProbe ofStranger = subscribe(basic(stranger), "");

        HttpProbe.Answer generated = owner.api().post("/6/handlers/" + handler + "/events", "image/jpeg",
                TestPhotos.sample(1));
        assertThat(generated.status()).as(generated.toString()).isEqualTo(201);
        JsonNode events = generated.json().get("events");
        assertThat(events).hasSize(TestPhotos.FACES.get(0));

        // One event per face, in the answer's order, each exactly as answered.
        for (JsonNode event : events) {
            JsonNode pushed = ofHandler.poll(WAIT);
            assertThat(pushed).as("generated event " + event.get("event_id") + " on the websocket").isNotNull();
            assertThat(pushed).isEqualTo(event);
            assertThat(pushed.get("handler_id").asString()).isEqualTo(handler);
            // Published after it was stored: the subscriber can read it at once.
            assertThat(owner.api().get("/6/events/" + pushed.get("event_id").asString()).status()).isEqualTo(200);
        }
        assertThat(ofHandler.poll(Duration.ofMillis(500))).as("extra event").isNull();
        assertThat(ofAnotherHandler.poll(Duration.ofMillis(100))).as("other handler's subscriber").isNull();
        assertThat(ofStranger.poll(Duration.ofMillis(100))).as("another account's subscriber").isNull();
    }

    @Test
    void aBearerTokenWithEventViewMaySubscribe() throws Exception {
        String token = createdToken(owner, "{\"permissions\": {\"event\": [\"view\"]}}");
        WebSocketProbe subscriber = subscribe("Bearer " + token, "");
        publish(owner, "bearer", "cam1");
        assertThat(names(subscriber, 1)).containsExactly("bearer");
    }

    @Test
    void theHandshakeIsRefusedLikeAnyUnauthorisedOrBadCall() {
        assertRefused(null, "", 401, 10001);
        assertRefused(TestPlatform.basicHeader(owner.login(), "wrong"), "", 401, 11010);
        assertRefused("Bearer not-a-jwt", "", 401, 11011);
        String facesOnly = createdToken(owner, "{\"permissions\": {\"face\": [\"view\"]}}");
        assertRefused("Bearer " + facesOnly, "", 403, 10004);
        // Another account's events: refused by the gateway; bad filters: refused by sender, relayed as they came.
        assertRefused(basic(owner), "account_id=" + stranger.id(), 403, 12042);
        assertRefused(basic(owner), "colour=red", 400, 101);
        assertRefused(basic(owner), "handler_ids=x", 400, 101);

        HttpProbe.Answer plain = platform.api().get("/6/ws", "Authorization", basic(owner));
        assertThat(plain.status()).as(plain.toString()).isEqualTo(426);
        assertLunaError(plain, 27001);
    }

    @Test
    void aClientClosingFreesItsSenderSubscriber() throws Exception {
        SubscriberRegistry registry = platform.bean("sender-service", SubscriberRegistry.class);
        // The earlier tests' subscribers were closed after each test; their close reaches sender a moment later.
        awaitSize(registry, 0);
        WebSocketProbe subscriber = subscribe(basic(owner), "");
        awaitSize(registry, 1);
        subscriber.close();
        awaitSize(registry, 0);
    }

    @Test
    void aStalledClientIsClosedWith4008ThroughTheRelayWhileAnotherKeepsReceiving() throws Exception {
        MeterRegistry meters = platform.bean("sender-service", MeterRegistry.class);
        WebSocketProbe stalled = subscribe(basic(owner), "", false);
        WebSocketProbe reader = subscribe(basic(owner), "");
        double closedBefore = meters.counter("selene.sender.subscribers.slow_closed").count();
        String padding = "x".repeat(32 * 1024);
        int sent = 0;
        // The relay stops taking frames from sender while it cannot write to the stalled client, so
        // sender's queue for it fills once the sockets' buffers on both hops are full.
        while (meters.counter("selene.sender.subscribers.slow_closed").count() == closedBefore) {
            assertThat(sent).as("stalled subscriber never closed").isLessThan(4000);
            for (int i = 0; i < 10; i++, sent++) {
                publish(owner, "big" + sent, "cam1", padding);
            }
            reader.take(10, WAIT);
        }
        publish(owner, "after-close", "cam1", "");
        assertThat(names(reader, 1)).containsExactly("after-close");

        stalled.startReading();
        assertThat(stalled.closeCode(WAIT)).isEqualTo(4008);
        List<JsonNode> got = stalled.received();
        assertThat(got.size()).isLessThan(sent);
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).get("user_data").asString()).isEqualTo("big" + i);
        }
    }

    @Test
    void aSubscriberReconnectingWithItsLastEventIdGetsWhatWasMadeWhileSenderWasDown() throws Exception {
        Account account = platform.newAccount();
        String handler = handler(account);
        WebSocketProbe before = subscribe(basic(account), "");
        String last = publish(account, "before", "cam1");
        assertThat(names(before, 1)).containsExactly("before");

        platform.context("sender-service").close();
        assertThat(before.closeCode(WAIT)).as("the relay closes when sender goes").isPositive();
        // While sender is down: a handler generates events from a real photo, and one more comes on the bus.
        HttpProbe.Answer generated = account.api().post("/6/handlers/" + handler + "/events", "image/jpeg",
                TestPhotos.sample(1));
        assertThat(generated.status()).as(generated.toString()).isEqualTo(201);
        List<String> expected = new ArrayList<>();
        generated.json().get("events").forEach(event -> expected.add(event.get("event_id").asString()));
        assertThat(expected).hasSize(TestPhotos.FACES.get(0));
        expected.add(publish(account, "while-down", "cam1"));
        platform.startMore(List.of(SenderServiceApplication.class));
        expected.add(publish(account, "after-start", "cam1"));

        WebSocketProbe again = subscribe(basic(account), "last_event_id=" + last);
        expected.add(publish(account, "live", "cam1"));
        List<String> got = again.take(expected.size(), WAIT).stream().map(event -> event.get("event_id").asString())
                .toList();
        assertThat(got).containsExactlyElementsOf(expected);
        assertThat(again.poll(Duration.ofMillis(500))).as("an event pushed twice").isNull();
    }

    // ------------------------------------------------------------------ helpers

    /** A handler that generates one event per face (basic attributes) and sends each to the bus. */
    private static String handler(Account account) {
        HttpProbe.Answer made = account.api().post("/6/handlers", "{\"description\": \"websocket\", \"policies\": "
                + "{\"extract_policy\": {\"extract_basic_attributes\": 1}, "
                + "\"storage_policy\": {\"notification_policy\": {\"send_notification\": 1}}}}");
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        return made.json().get("handler_id").asString();
    }

    private void awaitSize(SubscriberRegistry registry, int size) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (registry.size() != size && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(registry.size()).isEqualTo(size);
    }

    /** One event for the account on the bus, as handlers-service publishes it; answers its event_id. */
    private String publish(Account account, String name, String source) {
        return publish(account, name, source, "");
    }

    private String publish(Account account, String name, String source, String meta) {
        String id = UUID.randomUUID().toString();
        String event = "{\"event_id\": \"" + id + "\", \"account_id\": \"" + account.id()
                + "\", \"source\": \"" + source + "\", \"user_data\": \"" + name + "\", \"meta\": \"" + meta + "\"}";
        bus.append(id, "{\"account_id\": \"" + account.id() + "\", \"handler_id\": \""
                + UUID.randomUUID() + "\", \"event\": " + event + "}", 10_000);
        return id;
    }

    private String wsUrl(String query) {
        return "ws://127.0.0.1:" + platform.port("api-service") + "/6/ws" + (query.isEmpty() ? "" : "?" + query);
    }

    private WebSocketProbe subscribe(String authorization, String query) {
        return subscribe(authorization, query, true);
    }

    /** {@code reading=false}: the client requests nothing, so it stops reading its socket (a stalled consumer). */
    private WebSocketProbe subscribe(String authorization, String query, boolean reading) {
        WebSocketProbe subscriber = WebSocketProbe.open(wsUrl(query), reading, "Authorization", authorization);
        subscribers.add(subscriber);
        return subscriber;
    }

    /** The user_data of the subscriber's next {@code count} events. */
    private static List<String> names(WebSocketProbe subscriber, int count) throws InterruptedException {
        return subscriber.take(count, WAIT).stream().map(event -> event.get("user_data").asString()).toList();
    }

    private void assertRefused(String authorization, String query, int status, int code) {
        WebSocketProbe.Refusal refusal = authorization == null ? WebSocketProbe.refusal(wsUrl(query))
                : WebSocketProbe.refusal(wsUrl(query), "Authorization", authorization);
        assertThat(refusal.status()).as(query + " " + refusal.body()).isEqualTo(status);
        assertThat(refusal.body().get("error_code").asInt()).as(refusal.body().toString()).isEqualTo(code);
    }

    private String basic(Account account) {
        return TestPlatform.basicHeader(account.login(), account.password());
    }

    private String createdToken(Account account, String body) {
        HttpProbe.Answer answer = account.api().post("/6/accounts/tokens", body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().get("token").asString();
    }
}

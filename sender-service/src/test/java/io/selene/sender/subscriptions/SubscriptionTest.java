package io.selene.sender.subscriptions;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.selene.commons.bus.EventStream;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestInfrastructure;
import io.selene.testsupport.WebSocketProbe;
import io.selene.testsupport.WebSocketProbe.Refusal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Subscribers on {@code /1/ws} with real websockets (the JDK client) and events appended to the real
 * Redis bus stream of this test run, as handlers-service appends them; reconnections with
 * {@code last_event_id} replayed from it.
 */
// Its own consumer group: the other sender contexts Spring keeps alive in this JVM read the same stream
// with the default group and consumer, and an entry one of them takes never reaches this context's reader.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "selene.sender.queue-size=32", "selene.sender.ping-interval=300ms",
        "selene.sender.bus-group=subscription-test", "selene.sender.bus-consumer=subscription-test"})
class SubscriptionTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;
    @Value("${selene.redis.key-prefix}")
    String prefix;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    MeterRegistry meters;
    @Autowired
    SubscriberRegistry registry;

    private final UUID accountA = UUID.randomUUID();
    private final UUID accountB = UUID.randomUUID();
    private final UUID handler1 = UUID.randomUUID();
    private final UUID handler2 = UUID.randomUUID();
    private final List<WebSocketProbe> clients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(WebSocketProbe::close);
    }

    private String url(String query) {
        return "ws://127.0.0.1:" + port + "/1/ws" + (query.isEmpty() ? "" : "?" + query);
    }

    private String[] internal(UUID account, String visibility) {
        return new String[] {"X-Selene-Internal-Secret", TestInfrastructure.get().internalSecret(),
                "X-Selene-Account-Id", account.toString(), "X-Selene-Visibility", visibility};
    }

    private WebSocketProbe subscribe(UUID account, String query) {
        return subscribe(account, "account", query, true);
    }

    private WebSocketProbe subscribe(UUID account, String visibility, String query, boolean reading) {
        WebSocketProbe client = WebSocketProbe.open(url(query), reading, internal(account, visibility));
        clients.add(client);
        return client;
    }

    /** One event as handlers-service publishes it on the bus. */
    private void publish(UUID account, UUID handler, JsonNode event) {
        ObjectNode message = JSON.createObjectNode();
        message.put("account_id", account.toString());
        message.put("handler_id", handler.toString());
        message.set("event", event);
        append(event.path("event_id").asString(), JSON.writeValueAsString(message));
    }

    private void append(String eventId, String message) {
        new EventStream(redis, prefix).append(eventId, message, 10_000);
    }

    private static ObjectNode event(String name, String source, List<String> tags, String label, Double similarity,
            Double age, Integer gender) {
        ObjectNode event = JSON.createObjectNode();
        event.put("event_id", UUID.randomUUID().toString());
        event.put("user_data", name);
        event.put("source", source);
        tags.forEach(event.putArray("tags")::add);
        if (label != null) {
            ObjectNode match = event.putArray("matches").addObject();
            match.put("label", label);
            ObjectNode candidate = match.putArray("candidates").addObject();
            candidate.putObject("face").put("face_id", UUID.randomUUID().toString());
            candidate.put("similarity", similarity);
        }
        if (age != null) {
            ObjectNode basic = JSON.createObjectNode().put("age", age).put("gender", gender);
            if (name.endsWith("detections")) {
                event.putArray("detections").addObject().putObject("samples").putObject("face").putObject("detection")
                        .putObject("attributes").set("basic_attributes", basic);
            } else {
                event.putObject("face_attributes").set("basic_attributes", basic);
            }
        }
        return event;
    }

    private static List<String> names(List<JsonNode> events) {
        return events.stream().map(e -> e.get("user_data").asString()).toList();
    }

    /** Exactly these events arrive (in bus order), and nothing more within a short grace time. */
    private static void assertReceives(WebSocketProbe client, String... expected) throws InterruptedException {
        assertThat(names(client.take(expected.length, WAIT))).containsExactly(expected);
        assertThat(client.poll(Duration.ofMillis(400))).as("unexpected extra event").isNull();
    }

    @Test
    void eachSubscriberGetsExactlyTheMatchingEventsOfItsAccountInBusOrder() throws Exception {
        WebSocketProbe all = subscribe(accountA, "");
        WebSocketProbe byHandler = subscribe(accountA, "handler_ids=" + handler1 + "," + UUID.randomUUID());
        WebSocketProbe bySource = subscribe(accountA, "sources=cam2");
        WebSocketProbe byTags = subscribe(accountA, "tags=vip,nobody");
        WebSocketProbe byLabel = subscribe(accountA, "matching_candidates_labels=blacklist&object_similarity__gte=0.9");
        WebSocketProbe bySimilarity = subscribe(accountA, "object_similarity__lt=0.6");
        WebSocketProbe byAgeGender = subscribe(accountA, "age__gte=18&age__lt=40&gender=0");
        WebSocketProbe otherAccount = subscribe(accountB, "");
        WebSocketProbe ownAccountNamed = subscribe(accountA, "account_id=" + accountA);
        WebSocketProbe seesAll = subscribe(UUID.randomUUID(), "all", "", true);
        WebSocketProbe seesAllAskingB = subscribe(UUID.randomUUID(), "all", "account_id=" + accountB, true);

        publish(accountA, handler1, event("e1", "cam1", List.of("vip"), "blacklist", 0.93, 30.0, 1));
        publish(accountA, handler2, event("e2", "cam2", List.of(), null, null, 60.0, 0));
        publish(accountA, handler1, event("e3-detections", "cam2", List.of("staff"), "whitelist", 0.5, 20.0, 0));
        publish(accountB, handler1, event("b1", "cam1", List.of("vip"), "blacklist", 0.99, 30.0, 0));

        assertReceives(all, "e1", "e2", "e3-detections");
        assertReceives(byHandler, "e1", "e3-detections");
        assertReceives(bySource, "e2", "e3-detections");
        assertReceives(byTags, "e1");
        assertReceives(byLabel, "e1");
        assertReceives(bySimilarity, "e3-detections");
        assertReceives(byAgeGender, "e3-detections");
        assertReceives(otherAccount, "b1");
        assertReceives(ownAccountNamed, "e1", "e2", "e3-detections");
        assertReceives(seesAll, "e1", "e2", "e3-detections", "b1");
        assertReceives(seesAllAskingB, "b1");
    }

    @Test
    void externalIdsStreamsUserDataAndEstimationsFilterAsTheEventsSearchDoes() throws Exception {
        WebSocketProbe byExternalId = subscribe(accountA, "external_ids=door-1,door-9");
        WebSocketProbe byUserData = subscribe(accountA, "user_data=x2");
        WebSocketProbe byEmotion = subscribe(accountA, "emotions=happiness,7"); // 7: surprise
        WebSocketProbe byLiveness = subscribe(accountA, "liveness=1"); // 1: real
        WebSocketProbe byMask = subscribe(accountA, "masks=medical_mask&external_ids=door-2");
        UUID stream = UUID.randomUUID();
        WebSocketProbe byStream = subscribe(accountA, "stream_ids=" + UUID.randomUUID() + "," + stream);
        // LUNA's names of estimations Selene never makes: accepted at the handshake, and nothing matches them
        WebSocketProbe byApparentGender = subscribe(accountA, "apparent_gender=1");
        WebSocketProbe byEthnicity = subscribe(accountA, "ethnic_groups=4&apparent_age__gte=18");

        ObjectNode x1 = event("x1", "cam1", List.of(), null, null, null, null);
        x1.put("external_id", "door-1");
        ObjectNode estimations = x1.putObject("face_attributes");
        estimations.putObject("emotions").put("predominant_emotion", "happiness");
        estimations.putObject("liveness").put("prediction", "real");
        ObjectNode x2 = event("x2", "cam1", List.of(), null, null, null, null);
        x2.put("external_id", "door-2");
        ObjectNode detected = x2.putArray("detections").addObject().putObject("samples").putObject("face")
                .putObject("detection").putObject("attributes");
        detected.putObject("emotions").put("predominant_emotion", "surprise");
        detected.putObject("mask").put("predominant_mask", "medical_mask");
        ObjectNode x3 = event("x3", "cam1", List.of(), null, null, 30.0, 1);
        x3.put("stream_id", stream.toString());
        x2.put("stream_id", "not-a-uuid");
        publish(accountA, handler1, x1);
        publish(accountA, handler1, x2);
        publish(accountA, handler1, x3);

        assertReceives(byExternalId, "x1");
        assertReceives(byUserData, "x2");
        assertReceives(byEmotion, "x1", "x2");
        assertReceives(byLiveness, "x1");
        assertReceives(byMask, "x2");
        assertReceives(byStream, "x3");
        assertReceives(byApparentGender);
        assertReceives(byEthnicity);
    }

    @Test
    void aLongBurstArrivesCompleteAndInOrder() throws Exception {
        WebSocketProbe one = subscribe(accountA, "handler_ids=" + handler1);
        WebSocketProbe two = subscribe(accountA, "");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            publish(accountA, handler1, event("n" + i, "cam1", List.of(), null, null, null, null));
            expected.add("n" + i);
            if (i % 20 == 19) {
                // Paced so that these readers are never queue-size behind (that is the slow-subscriber case).
                one.take(20, WAIT).forEach(e -> assertThat(e.get("user_data").asString()).isEqualTo(expected.remove(0)));
            }
        }
        assertThat(names(two.take(200, WAIT))).startsWith("n0", "n1", "n2").endsWith("n198", "n199")
                .doesNotHaveDuplicates();
    }

    @Test
    void malformedBusMessagesAreDroppedAndTheBusGoesOn() throws Exception {
        WebSocketProbe client = subscribe(accountA, "");
        append(null, "not json");
        append(null, "{\"account_id\": \"" + accountA + "\"}");
        append(null, "{\"account_id\": \"x\", \"event\": {}}");
        publish(accountA, handler1, event("after", "cam1", List.of(), null, null, null, null));
        assertReceives(client, "after");
    }

    @Test
    void aSubscriberReconnectingWithItsLastEventIdGetsWhatItMissedThenLiveEvents() throws Exception {
        WebSocketProbe first = subscribe(accountA, "sources=cam1");
        ObjectNode seen = event("r1", "cam1", List.of(), null, null, null, null);
        publish(accountA, handler1, seen);
        assertReceives(first, "r1");
        first.close();
        // While it is away: one of its events, one of another source, one of another account, one malformed.
        publish(accountA, handler1, event("r2", "cam1", List.of(), null, null, null, null));
        publish(accountA, handler1, event("r3", "cam2", List.of(), null, null, null, null));
        publish(accountB, handler1, event("r4", "cam1", List.of(), null, null, null, null));
        append(null, "not json");
        publish(accountA, handler2, event("r5", "cam1", List.of(), null, null, null, null));

        WebSocketProbe again = subscribe(accountA, "sources=cam1&last_event_id=" + seen.get("event_id").asString());
        assertThat(names(again.take(2, WAIT))).containsExactly("r2", "r5");
        publish(accountA, handler1, event("r6", "cam1", List.of(), null, null, null, null));
        assertReceives(again, "r6");
    }

    @Test
    void aReplayRacingLiveEventsSendsEachEventOnceInOrder() throws Exception {
        List<ObjectNode> events = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            events.add(event("q" + i, "race", List.of(), null, null, null, null));
        }
        for (int i = 0; i < 50; i++) {
            publish(accountA, handler1, events.get(i));
        }
        // The reconnection happens while the rest are being appended: some come by replay, some live, some both.
        Thread writer = Thread.ofVirtual().start(() -> {
            for (int i = 50; i < events.size(); i++) {
                publish(accountA, handler1, events.get(i));
            }
        });
        WebSocketProbe again = subscribe(accountA, "sources=race&last_event_id=" + events.get(9).get("event_id").asString());
        writer.join();
        List<String> expected = events.subList(10, events.size()).stream().map(e -> e.get("user_data").asString())
                .toList();
        assertThat(names(again.take(expected.size(), WAIT))).containsExactlyElementsOf(expected);
        assertThat(again.poll(Duration.ofMillis(400))).as("an event sent twice").isNull();
    }

    @Test
    void anUnknownOrBadLastEventIdIsRefusedAtTheHandshake() {
        Refusal gone = WebSocketProbe.refusal(url("last_event_id=" + UUID.randomUUID()), internal(accountA, "account"));
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.body().get("error_code").asInt()).isEqualTo(27003);
        for (String bad : List.of("last_event_id=x", "last_event_id=", "last_event_id=" + UUID.randomUUID()
                + "&last_event_id=" + UUID.randomUUID())) {
            Refusal refusal = WebSocketProbe.refusal(url(bad), internal(accountA, "account"));
            assertThat(refusal.status()).as(bad).isEqualTo(400);
            assertThat(refusal.body().get("error_code").asInt()).as(bad).isEqualTo(101);
            assertThat(refusal.body().get("detail").asString()).as(bad).contains("last_event_id");
        }
    }

    @Test
    void badFiltersAndCallersAreRefusedAtTheHandshake() {
        Map<String, Integer> refused = Map.of(
                "colour=red", 101,
                "handler_ids=not-a-uuid", 101,
                "gender=2", 101,
                "object_similarity__gte=1.5", 101,
                "age__lt=abc", 101,
                "sources=a&sources=b", 101,
                "tags=", 101,
                "emotions=joy", 101,
                "masks=4", 101,
                "liveness=3", 101);
        refused.forEach((query, code) -> {
            Refusal refusal = WebSocketProbe.refusal(url(query), internal(accountA, "account"));
            assertThat(refusal.status()).as(query).isEqualTo(400);
            assertThat(refusal.body().get("error_code").asInt()).as(query).isEqualTo(code);
            assertThat(refusal.body().get("detail").asString()).as(query).isNotBlank();
        });
        Refusal otherAccount = WebSocketProbe.refusal(url("account_id=" + accountB), internal(accountA, "account"));
        assertThat(otherAccount.status()).isEqualTo(403);
        assertThat(otherAccount.body().get("error_code").asInt()).isEqualTo(12042);

        Refusal noSecret = WebSocketProbe.refusal(url(""), "X-Selene-Account-Id", accountA.toString());
        assertThat(noSecret.status()).isEqualTo(401);
        assertThat(noSecret.body().get("error_code").asInt()).isEqualTo(12043);

        Refusal noAccount = WebSocketProbe.refusal(url(""), "X-Selene-Internal-Secret",
                TestInfrastructure.get().internalSecret());
        assertThat(noAccount.status()).isEqualTo(401);
        assertThat(noAccount.body().get("error_code").asInt()).isEqualTo(12041);

        HttpProbe.Answer plain = HttpProbe.internal(port, accountA).get("/1/ws?sources=cam1");
        assertThat(plain.status()).isEqualTo(426);
        assertLunaError(plain, 27001);
        HttpProbe.Answer plainBad = HttpProbe.internal(port, accountA).get("/1/ws?colour=red");
        assertThat(plainBad.status()).isEqualTo(400);
        assertLunaError(plainBad, 101);
        assertThat(plainBad.json().get("detail").asString()).contains("colour");
    }

    @Test
    void aStalledSubscriberIsClosedWith4008WhileTheOthersKeepReceiving() throws Exception {
        WebSocketProbe stalled = subscribe(accountA, "account", "", false);
        WebSocketProbe reader = subscribe(accountA, "", "", true);
        double closedBefore = meters.counter("selene.sender.subscribers.slow_closed").count();
        String padding = "x".repeat(32 * 1024);
        int sent = 0;
        // Until the stalled socket's kernel buffers and its queue are full (a few MB on this machine).
        while (meters.counter("selene.sender.subscribers.slow_closed").count() == closedBefore) {
            assertThat(sent).as("stalled subscriber never closed").isLessThan(3000);
            for (int i = 0; i < 10; i++, sent++) {
                ObjectNode big = event("big" + sent, "cam1", List.of(), null, null, null, null);
                big.put("meta", padding);
                publish(accountA, handler1, big);
            }
            reader.take(10, WAIT);
        }
        publish(accountA, handler1, event("after-close", "cam1", List.of(), null, null, null, null));
        assertThat(names(reader.take(1, WAIT))).containsExactly("after-close");

        stalled.startReading();
        assertThat(stalled.closeCode(WAIT)).isEqualTo(4008);
        List<JsonNode> got = stalled.received();
        assertThat(got.size()).isLessThan(sent);
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).get("user_data").asString()).isEqualTo("big" + i);
        }
    }

    @Test
    void subscribersArePingedAndClosedSubscribersAreForgotten() throws Exception {
        int before = registry.size();
        WebSocketProbe client = subscribe(accountA, "");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (client.pings() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(client.pings()).isGreaterThanOrEqualTo(2);
        assertThat(registry.size()).isEqualTo(before + 1);
        client.close();
        clients.remove(client);
        while (registry.size() > before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(registry.size()).isEqualTo(before);
    }
}

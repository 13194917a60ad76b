package io.selene.launcher.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import io.selene.accounts.AccountsServiceApplication;
import io.selene.api.ApiServiceApplication;
import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.events.EventsServiceApplication;
import io.selene.faces.FacesServiceApplication;
import io.selene.handlers.HandlersServiceApplication;
import io.selene.imagestore.ImageStoreServiceApplication;
import io.selene.launcher.RunningPlatform;
import io.selene.launcher.TestPlatform;
import io.selene.matcher.MatcherServiceApplication;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Three matcher shards on this machine behind the gateway (whose matcher URL lists all three), and one
 * unsharded matcher on the same faces as the reference answer. Each shard holds only the lists it owns;
 * a match over lists of several shards, the whole account, and both mixed equal the single instance's
 * answer; a stopped shard makes every request touching its share 503 15013 (never a partial answer) while
 * the others' shares still answer, through the gateway even when the stopped one is its first URL; and the
 * restarted shard owns and holds the same share again. A handler's match policies take the same route.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShardedMatchingTest {

    private static final int SHARDS = 3;
    private static final int FACES_PER_LIST = 12;

    private final Random random = new Random(20);
    private final int[] ports = new int[SHARDS];
    private final RunningPlatform[] instances = new RunningPlatform[SHARDS];
    private int singlePort;
    private TestPlatform platform;
    private TestPlatform.Account account;
    private String handler;
    /** Lists by the shard owning them, and each list's descriptors (face id → values). */
    private final Map<String, List<UUID>> listsOf = new LinkedHashMap<>();
    private final Map<UUID, Map<UUID, float[]>> members = new LinkedHashMap<>();

    @BeforeAll
    void start() {
        StringBuilder shards = new StringBuilder();
        StringBuilder urls = new StringBuilder();
        for (int i = 0; i < SHARDS; i++) {
            ports[i] = TestPlatform.freePort();
            shards.append(i == 0 ? "" : ",").append("s").append(i).append("=http://127.0.0.1:").append(ports[i]);
            urls.append(i == 0 ? "" : ",").append("http://127.0.0.1:").append(ports[i]);
        }
        platform = TestPlatform.start("shard", List.of(AccountsServiceApplication.class, ApiServiceApplication.class,
                FacesServiceApplication.class, ImageStoreServiceApplication.class, EventsServiceApplication.class,
                HandlersServiceApplication.class), "--selene.services.matcher-service.url=" + urls,
                "--selene.matcher.sharding.shards=" + shards,
                // no polling between requests: only each shard's read-your-writes catch-up finds new faces
                "--selene.matcher.face-index.poll-interval=60s");
        account = platform.newAccount();
        // Lists until every shard owns two: ownership is asked of a shard, which knows it without holding them.
        for (int i = 0; i < SHARDS; i++) {
            startShard(i);
        }
        while (listsOf.size() < SHARDS || listsOf.values().stream().anyMatch(lists -> lists.size() < 2)) {
            assertThat(members).as("lists made so far").hasSizeLessThan(40);
            UUID list = createList(account.id());
            Map<UUID, float[]> faces = new LinkedHashMap<>();
            for (int f = 0; f < FACES_PER_LIST; f++) {
                float[] descriptor = person();
                faces.put(createFace(account.id(), descriptor, list), descriptor);
            }
            members.put(list, faces);
            listsOf.computeIfAbsent(listStatus(0, list).get("owner").asString(), owner -> new ArrayList<>()).add(list);
        }
        singlePort = TestPlatform.freePort();
        platform.startInstance(MatcherServiceApplication.class, "--server.port=" + singlePort,
                "--selene.matcher.sharding.shards=");
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private void startShard(int i) {
        instances[i] = platform.startInstance(MatcherServiceApplication.class, "--server.port=" + ports[i],
                "--selene.matcher.sharding.self=s" + i);
    }

    private HttpProbe shard(int i) {
        return HttpProbe.internal(ports[i], account.id());
    }

    private HttpProbe single() {
        return HttpProbe.internal(singlePort, account.id());
    }

    private JsonNode listStatus(int i, UUID list) {
        HttpProbe.Answer answer = shard(i).get("/1/matcher/shard/lists/" + list);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    @Test
    @Order(1)
    void everyShardHoldsItsShareOnly() {
        // a match on a shard's own list waits for its load and for the feed position: it then holds all it will
        for (int i = 0; i < SHARDS; i++) {
            UUID own = listsOf.get("s" + i).getFirst();
            matchOk(shard(i), body(List.of(reference(person())), List.of(inList(own))));
        }
        for (Map.Entry<String, List<UUID>> share : listsOf.entrySet()) {
            for (UUID list : share.getValue()) {
                for (int i = 0; i < SHARDS; i++) {
                    JsonNode status = listStatus(i, list);
                    assertThat(status.get("owner").asString()).as("every shard names the same owner")
                            .isEqualTo(share.getKey());
                    boolean owner = share.getKey().equals("s" + i);
                    assertThat(status.get("held").asBoolean()).as("s%d holds %s", i, list).isEqualTo(owner);
                    assertThat(status.get("rows").asInt()).isEqualTo(owner ? FACES_PER_LIST : 0);
                }
            }
        }
        HttpProbe.Answer status = shard(1).get("/1/matcher/shard");
        assertThat(status.json().get("shard").asString()).isEqualTo("s1");
        assertThat(status.json().get("shards").toString()).isEqualTo("[\"s0\",\"s1\",\"s2\"]");
    }

    @Test
    @Order(2)
    void aMatchOverListsOfEveryShardEqualsTheSingleInstances() {
        List<String> references = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        for (List<UUID> lists : listsOf.values()) {
            UUID list = lists.getFirst();
            references.add(reference(noisy(members.get(list).values().iterator().next())));
            blocks.add("{\"filters\":{\"origin\":\"faces\",\"list_id\":\"" + list + "\"},\"limit\":5,\"far\":1e-3,"
                    + "\"targets\":[\"face_id\",\"similarity\",\"user_data\",\"lists\"]}");
            blocks.add("{\"filters\":{\"origin\":\"faces\",\"list_id\":\"" + lists.get(1) + "\"},\"limit\":2,"
                    + "\"threshold\":0.2}");
        }
        String request = body(references, blocks);
        JsonNode expected = matchOk(single(), request);
        JsonNode sharded = matchOk(account.api(), "/6/matcher/faces", request);
        assertThat(sharded).isEqualTo(expected);
        // every shard answers the same (each routes the blocks it does not own)
        for (int i = 0; i < SHARDS; i++) {
            assertThat(matchOk(shard(i), request)).isEqualTo(expected);
        }
        // each reference's own list holds the face it was made from, the only one past far 1e-3
        int r = 0;
        for (List<UUID> lists : listsOf.values()) {
            UUID face = members.get(lists.getFirst()).keySet().iterator().next();
            JsonNode candidates = sharded.get(r).get("matches").get(2 * r).get("candidates");
            assertThat(candidates).as("only the same person passes far 1e-3").hasSize(1);
            assertThat(candidates.get(0).get("face").get("face_id").asString()).isEqualTo(face.toString());
            r++;
        }
    }

    @Test
    @Order(3)
    void wholeAccountMatchingIsAnsweredByItsOwnerAndMergesWithLists() {
        UUID[] lists = listsOf.values().stream().map(List::getFirst).toArray(UUID[]::new);
        float[] probe = noisy(members.get(lists[1]).values().iterator().next());
        String request = body(List.of(reference(probe), reference(person())), List.of(inList(lists[0]),
                "{\"filters\":{\"origin\":\"faces\"},\"limit\":4}", inList(lists[2])));
        JsonNode expected = matchOk(single(), request);
        // the first whole-account match streams and asks its owner for the account's gallery; later ones use it
        assertThat(matchOk(account.api(), "/6/matcher/faces", request)).isEqualTo(expected);
        await(() -> heldAccounts() == 1, "one shard holds the account's gallery");
        assertThat(matchOk(account.api(), "/6/matcher/faces", request)).isEqualTo(expected);
        List<Integer> holders = new ArrayList<>();
        for (int i = 0; i < SHARDS; i++) {
            if (shard(i).get("/1/matcher/shard").json().get("accounts").asInt() > 0) {
                holders.add(i);
            }
        }
        assertThat(holders).as("shards holding a whole-account gallery").hasSize(1);
        assertThat(expected.get(0).get("matches").get(1).get("candidates")).hasSize(4);
    }

    @Test
    @Order(4)
    void aFaceWrittenIntoAnyShardsListIsFoundByTheNextMatch() {
        for (int round = 0; round < 10; round++) {
            for (List<UUID> lists : listsOf.values()) {
                float[] descriptor = person();
                UUID face = createFace(account.id(), descriptor, lists.getLast());
                JsonNode answer = matchOk(account.api(), "/6/matcher/faces",
                        body(List.of(reference(descriptor)), List.of(inList(lists.getLast()))));
                assertThat(answer.get(0).get("matches").get(0).get("candidates").get(0).get("face").get("face_id")
                        .asString()).isEqualTo(face.toString());
            }
        }
    }

    @Test
    @Order(5)
    void anotherAccountsListOnAnotherShardIsNotFound() {
        TestPlatform.Account other = platform.newAccount();
        for (List<UUID> lists : listsOf.values()) {
            HttpProbe.Answer answer = other.api().post("/6/matcher/faces",
                    body(List.of(reference(person())), List.of(inList(lists.getFirst()))));
            assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
            assertThat(answer.json().get("error_code").asInt()).isEqualTo(22003);
            assertThat(HttpProbe.internal(ports[0], other.id()).get("/1/matcher/shard/lists/" + lists.getFirst())
                    .json().get("held").asBoolean()).isFalse();
        }
    }

    @Test
    @Order(6)
    void aHandlersMatchPoliciesTakeTheSameRoute() {
        JsonNode events = handlerEvents(201).get("events");
        assertThat(events).hasSize(TestPhotos.FACES.getFirst());
        for (JsonNode event : events) {
            JsonNode matches = event.get("matches");
            assertThat(matches).hasSize(SHARDS);
            for (JsonNode match : matches) {
                UUID list = listsOf.get(match.get("label").asString()).getFirst();
                assertThat(match.get("candidates")).as("candidates of %s", list).hasSize(2);
                match.get("candidates").forEach(candidate -> assertThat(members.get(list))
                        .containsKey(UUID.fromString(candidate.get("face").get("face_id").asString())));
            }
        }
    }

    /** A photo's events from a handler matching against the first list of every shard. */
    private JsonNode handlerEvents(int status) {
        if (handler == null) {
            List<String> policies = new ArrayList<>();
            listsOf.forEach((shard, lists) -> policies.add("{\"label\":\"" + shard + "\",\"candidates\":{"
                    + "\"origin\":\"faces\",\"list_id\":\"" + lists.getFirst() + "\"},\"limit\":2}"));
            HttpProbe.Answer created = account.api().post("/6/handlers", "{\"description\":\"shards\",\"policies\":{"
                    + "\"extract_policy\":{\"extract_face_descriptor\":1},\"match_policy\":["
                    + String.join(",", policies) + "]}}");
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            handler = created.json().get("handler_id").asString();
        }
        HttpProbe.Answer answer = account.api().post("/6/handlers/" + handler + "/events", "image/jpeg",
                TestPhotos.sample(1));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        return answer.json();
    }

    @Test
    @Order(7)
    void aStoppedShardsShareAnswers503UntilItIsBack() {
        // s0 is the gateway's first matcher URL too: the gateway moves on to s1
        instances[0].close();
        UUID down = listsOf.get("s0").getFirst();
        UUID up1 = listsOf.get("s1").getFirst();
        UUID up2 = listsOf.get("s2").getFirst();
        float[] probe = noisy(members.get(up1).values().iterator().next());
        String upOnly = body(List.of(reference(probe)), List.of(inList(up1), inList(up2)));
        assertThat(matchOk(account.api(), "/6/matcher/faces", upOnly)).isEqualTo(matchOk(single(), upOnly));

        for (String touching : List.of(body(List.of(reference(probe)), List.of(inList(down))),
                body(List.of(reference(probe)), List.of(inList(up1), inList(down), inList(up2))))) {
            HttpProbe.Answer answer = account.api().post("/6/matcher/faces", touching);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
            assertThat(answer.json().get("error_code").asInt()).isEqualTo(15013);
            assertThat(answer.json().get("detail").asString()).contains("'s0'");
        }
        // handlers call the matcher through the same list of URLs: s1 routes, s0's share is missing
        assertThat(handlerEvents(503).get("error_code").asInt()).isEqualTo(15013);

        startShard(0);
        String all = body(List.of(reference(probe)), List.of(inList(up1), inList(down), inList(up2)));
        JsonNode expected = matchOk(single(), all);
        assertThat(matchOk(account.api(), "/6/matcher/faces", all)).isEqualTo(expected);
        assertThat(handlerEvents(201).get("events").get(0).get("matches")).hasSize(SHARDS);
        for (UUID list : listsOf.get("s0")) {
            JsonNode status = listStatus(0, list);
            assertThat(status.get("owner").asString()).isEqualTo("s0");
            assertThat(status.get("held").asBoolean()).isTrue();
        }
        for (UUID list : listsOf.get("s1")) {
            assertThat(listStatus(0, list).get("held").asBoolean()).isFalse();
        }
    }

    private int heldAccounts() {
        int held = 0;
        for (int i = 0; i < SHARDS; i++) {
            held += shard(i).get("/1/matcher/shard").json().get("accounts").asInt();
        }
        return held;
    }

    /** Polls a condition of a background load (the account's gallery), at most 20 s. */
    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static JsonNode matchOk(HttpProbe matcher, String request) {
        return matchOk(matcher, "/1/matcher/faces", request);
    }

    private static JsonNode matchOk(HttpProbe probe, String path, String request) {
        HttpProbe.Answer answer = probe.post(path, request);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private static String body(List<String> references, List<String> blocks) {
        return "{\"references\":[" + String.join(",", references) + "],\"candidates\":[" + String.join(",", blocks)
                + "]}";
    }

    private static String inList(UUID list) {
        return "{\"filters\":{\"origin\":\"faces\",\"list_id\":\"" + list + "\"},\"limit\":3}";
    }

    private static String reference(float[] descriptor) {
        return "{\"type\":\"raw_descriptor\",\"id\":\"probe\",\"descriptor_version\":201,\"data\":\""
                + new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, descriptor).rawBase64() + "\"}";
    }

    private float[] person() {
        float[] v = new float[512];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private float[] noisy(float[] descriptor) {
        float[] v = descriptor.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += (float) (0.3 * random.nextGaussian());
        }
        return v;
    }

    private UUID createList(UUID owner) {
        HttpProbe.Answer answer = platform.internal("faces-service", owner).post("/3/lists", "{\"user_data\":\"shard\"}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return UUID.fromString(answer.json().get("list_id").asString());
    }

    private UUID createFace(UUID owner, float[] descriptor, UUID list) {
        String body = "{\"user_data\":\"face\",\"descriptors\":[{\"version\":201,\"data\":\""
                + new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, descriptor).rawBase64() + "\"}],"
                + "\"lists\":[\"" + list + "\"]}";
        HttpProbe.Answer answer = platform.internal("faces-service", owner).post("/3/faces", body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return UUID.fromString(answer.json().get("face_id").asString());
    }
}

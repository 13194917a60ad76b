package io.selene.launcher.matcher;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;

import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.faces.FacesServiceApplication;
import io.selene.launcher.TestPlatform;
import io.selene.matcher.MatcherServiceApplication;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The matcher's face-list index against a real faces-service: a face linked to a list is matchable
 * within a second of its 201, unlinked or deleted faces disappear as fast, a restarted matcher
 * loads the same index, and another account's lists and faces are never matched or read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaceMatchingTest {

    private static final long SYNC_BUDGET_MS = 1000;

    private final UUID accountA = UUID.randomUUID();
    private final UUID accountB = UUID.randomUUID();
    private final Random random = new Random(17);
    private TestPlatform platform;

    @BeforeAll
    void start() {
        platform = TestPlatform.start("matcher", List.of(FacesServiceApplication.class));
        platform.startMore(List.of(MatcherServiceApplication.class));
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private HttpProbe faces(UUID account) {
        return platform.internal("faces-service", account);
    }

    private HttpProbe matcher(UUID account) {
        return platform.internal("matcher-service", account);
    }

    private float[] person() {
        float[] v = new float[512];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    /** Another photo of the same person: the descriptor plus some noise (cosine ≈ 0.9). */
    private float[] samePerson(float[] v) {
        float[] other = person();
        float[] mixed = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            mixed[i] = v[i] + 0.45f * other[i];
        }
        return mixed;
    }

    private UUID createList(UUID account) {
        HttpProbe.Answer answer = faces(account).post("/3/lists", "{\"user_data\":\"matcher test\"}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return UUID.fromString(answer.json().get("list_id").asString());
    }

    private UUID createFace(UUID account, float[] descriptor, UUID list, String externalId) {
        String body = "{\"descriptors\":[{\"version\":201,\"data\":\""
                + new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, descriptor).rawBase64() + "\"}],"
                + "\"external_id\":\"" + externalId + "\",\"user_data\":\"" + externalId + " data\","
                + "\"lists\":[\"" + list + "\"]}";
        HttpProbe.Answer answer = faces(account).post("/3/faces", body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return UUID.fromString(answer.json().get("face_id").asString());
    }

    private static String sdkReference(float[] descriptor) {
        return "{\"type\":\"sdk_descriptor\",\"id\":\"probe\",\"data\":\""
                + new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, descriptor).sdkBase64() + "\"}";
    }

    private HttpProbe.Answer match(UUID account, String reference, UUID list, String extra) {
        return matcher(account).post("/1/matcher/faces", "{\"references\":[" + reference + "],\"candidates\":[{"
                + "\"filters\":{\"origin\":\"faces\",\"list_id\":\"" + list + "\"},\"limit\":5" + extra + "}]}");
    }

    private static List<String> candidateIds(HttpProbe.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().get(0).get("matches").get(0).get("candidates")
                .forEach(c -> ids.add(c.get("face").get("face_id").asString()));
        return ids;
    }

    /** Polls until the matcher's answer satisfies {@code expectation}; returns the ms it took. */
    private long until(UUID account, String reference, UUID list, Predicate<List<String>> expectation) {
        long started = System.nanoTime();
        while (true) {
            List<String> ids = candidateIds(match(account, reference, list, ""));
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            if (expectation.test(ids)) {
                return elapsed;
            }
            assertThat(elapsed).as("index not in sync after %d ms: %s", elapsed, ids).isLessThan(5000);
            sleep(20);
        }
    }

    @Test
    void linkedFaceIsMatchableWithinASecondAndLeavesAsFast() {
        UUID list = createList(accountA);
        float[] anna = person();
        float[] boris = person();
        UUID annaFace = createFace(accountA, anna, list, "anna");
        UUID borisFace = createFace(accountA, boris, list, "boris");

        // Timed from just after the 201 of the last create.
        String probe = sdkReference(samePerson(anna));
        assertThat(until(accountA, probe, list, ids -> ids.contains(borisFace.toString()))).isLessThan(SYNC_BUDGET_MS);
        HttpProbe.Answer answer = match(accountA, probe, list, ",\"targets\":[\"face_id\",\"similarity\",\"external_id\"]");
        JsonNode best = answer.json().get(0).get("matches").get(0).get("candidates").get(0);
        assertThat(best.get("face").get("face_id").asString()).isEqualTo(annaFace.toString());
        assertThat(best.get("face").get("external_id").asString()).isEqualTo("anna");
        assertThat(best.get("similarity").asDouble()).isGreaterThan(0.9);
        JsonNode second = answer.json().get(0).get("matches").get(0).get("candidates").get(1);
        assertThat(second.get("similarity").asDouble()).isLessThan(best.get("similarity").asDouble()).isLessThan(0.1);

        HttpProbe.Answer detach = faces(accountA).send("PATCH", "/3/linker", "application/json",
                ("{\"action\":\"detach\",\"list_id\":\"" + list + "\",\"face_ids\":[\"" + annaFace + "\"]}").getBytes());
        assertThat(detach.status()).as(detach.toString()).isEqualTo(200);
        assertThat(until(accountA, probe, list, ids -> !ids.contains(annaFace.toString()))).isLessThan(SYNC_BUDGET_MS);

        assertThat(faces(accountA).send("DELETE", "/3/faces/" + borisFace).status()).isEqualTo(204);
        assertThat(until(accountA, probe, list, List::isEmpty)).isLessThan(SYNC_BUDGET_MS);
    }

    @Test
    void thresholdLimitAndFaceReferences() {
        UUID list = createList(accountA);
        float[] carla = person();
        UUID carlaFace = createFace(accountA, carla, list, "carla");
        UUID twin = createFace(accountA, samePerson(carla), list, "carla-twin");
        for (int i = 0; i < 5; i++) {
            createFace(accountA, person(), list, "stranger" + i);
        }
        String byFace = "{\"type\":\"face\",\"id\":\"" + carlaFace + "\"}";
        until(accountA, byFace, list, ids -> ids.size() == 5);

        List<String> strong = candidateIds(match(accountA, byFace, list, ",\"threshold\":0.8"));
        assertThat(strong).containsExactly(carlaFace.toString(), twin.toString());
        // a FAR preset stands for its similarity; every candidate states its estimated FAR
        assertThat(candidateIds(match(accountA, byFace, list, ",\"far\":1e-5")))
                .containsExactly(carlaFace.toString(), twin.toString());
        JsonNode all = match(accountA, byFace, list, "").json().get(0).get("matches").get(0).get("candidates");
        assertThat(all.get(1).get("far").asDouble()).isLessThan(1e-5);
        assertThat(all.get(4).get("far").asDouble()).isGreaterThan(1e-3);
        List<String> one = candidateIds(matcher(accountA).post("/1/matcher/faces", "{\"references\":[" + byFace
                + "],\"candidates\":[{\"filters\":{\"origin\":\"faces\",\"list_id\":\"" + list + "\"},\"limit\":1}]}"));
        assertThat(one).containsExactly(carlaFace.toString());
    }

    @Test
    void anotherAccountsListsAndFacesAreNeverMatchedOrRead() {
        UUID list = createList(accountA);
        float[] dora = person();
        UUID doraFace = createFace(accountA, dora, list, "dora");
        String probe = sdkReference(samePerson(dora));
        until(accountA, probe, list, ids -> ids.contains(doraFace.toString()));

        HttpProbe.Answer otherList = match(accountB, probe, list, "");
        assertThat(otherList.status()).isEqualTo(404);
        assertThat(otherList.text()).doesNotContain(doraFace.toString());

        UUID listB = createList(accountB);
        HttpProbe.Answer otherFace = match(accountB, "{\"type\":\"face\",\"id\":\"" + doraFace + "\"}", listB, "");
        assertThat(otherFace.status()).isEqualTo(404);
        assertThat(candidateIds(match(accountB, probe, listB, ""))).isEmpty();
    }

    @Test
    void restartedMatcherLoadsTheSameIndex() {
        UUID list = createList(accountA);
        float[] emil = person();
        UUID emilFace = createFace(accountA, emil, list, "emil");
        String probe = sdkReference(samePerson(emil));
        until(accountA, probe, list, ids -> ids.contains(emilFace.toString()));

        platform.restart(MatcherServiceApplication.class);

        List<String> afterRestart = candidateIds(match(accountA, probe, list, ""));
        assertThat(afterRestart).first().isEqualTo(emilFace.toString());
        HttpProbe.Answer health = HttpProbe.onPort(platform.port("matcher-service")).get("/healthcheck");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text()).contains("face-index");
    }

    @Test
    void unsupportedFiltersAndBadLimitsAreRefused() {
        UUID list = createList(accountA);
        String probe = sdkReference(person());
        HttpProbe.Answer bodies = matcher(accountA).post("/1/matcher/faces", "{\"references\":[" + probe
                + "],\"candidates\":[{\"filters\":{\"origin\":\"bodies\"}}]}");
        assertThat(bodies.status()).isEqualTo(400);
        assertLunaError(bodies, 15006);
        HttpProbe.Answer zeroLimit = matcher(accountA).post("/1/matcher/faces", "{\"references\":[" + probe
                + "],\"candidates\":[{\"filters\":{\"origin\":\"faces\",\"list_id\":\"" + list + "\"},\"limit\":0}]}");
        assertLunaError(zeroLimit, 15003);
        assertLunaError(match(accountA, probe, list, ",\"targets\":[\"colour\"]"), 15007);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.selene.launcher.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

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

/**
 * Read your writes, as a new user tries it: a face acknowledged with 201 (and a link, unlink or delete
 * acknowledged) is reflected by the very next match, with no sleep in between, for list galleries and
 * for the whole account. The matcher's poll interval is set to a minute, so only the per-request catch-up
 * (feed position read + wait) can make these pass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadYourWritesTest {

    private static final int PAIRS = 200;

    private final UUID account = UUID.randomUUID();
    private final Random random = new Random(29);
    private TestPlatform platform;

    @BeforeAll
    void start() {
        platform = TestPlatform.start("ryw", List.of(FacesServiceApplication.class),
                "--selene.matcher.face-index.poll-interval=60s");
        platform.startMore(List.of(MatcherServiceApplication.class));
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private HttpProbe faces() {
        return platform.internal("faces-service", account);
    }

    private HttpProbe matcher() {
        return platform.internal("matcher-service", account);
    }

    private float[] person() {
        float[] v = new float[512];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private UUID createList() {
        HttpProbe.Answer answer = faces().post("/3/lists", "{\"user_data\":\"ryw\"}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return UUID.fromString(answer.json().get("list_id").asString());
    }

    private UUID createFace(float[] descriptor, UUID list) {
        String body = "{\"descriptors\":[{\"version\":201,\"data\":\""
                + new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, descriptor).rawBase64() + "\"}]"
                + (list == null ? "" : ",\"lists\":[\"" + list + "\"]") + "}";
        HttpProbe.Answer answer = faces().post("/3/faces", body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return UUID.fromString(answer.json().get("face_id").asString());
    }

    private static String reference(float[] descriptor) {
        return "{\"type\":\"raw_descriptor\",\"id\":\"probe\",\"descriptor_version\":201,\"data\":\""
                + new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, descriptor).rawBase64() + "\"}";
    }

    /** Best candidates' ids of one block ({@code filters} JSON, e.g. the list's or none). */
    private List<String> match(float[] descriptor, String filters) {
        HttpProbe.Answer answer = matcher().post("/1/matcher/faces", "{\"references\":[" + reference(descriptor)
                + "],\"candidates\":[{\"filters\":{\"origin\":\"faces\"" + filters + "},\"limit\":3}]}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().get(0).get("matches").get(0).get("candidates")
                .forEach(c -> ids.add(c.get("face").get("face_id").asString()));
        return ids;
    }

    private static String inList(UUID list) {
        return ",\"list_id\":\"" + list + "\"";
    }

    @Test
    void everyCreatedFaceIsFoundByTheNextMatch() {
        UUID list = createList();
        long[] micros = new long[PAIRS];
        for (int i = 0; i < PAIRS; i++) {
            float[] descriptor = person();
            UUID face = createFace(descriptor, list);
            long started = System.nanoTime();
            List<String> found = match(descriptor, inList(list));
            micros[i] = (System.nanoTime() - started) / 1000;
            assertThat(found).as("pair %d", i).first().isEqualTo(face.toString());
        }
        Arrays.sort(micros);
        System.out.printf("read-your-writes: %d create-then-match pairs, match p50 %.1f ms, p99 %.1f ms%n", PAIRS,
                micros[PAIRS / 2] / 1000.0, micros[PAIRS * 99 / 100] / 1000.0);
    }

    @Test
    void linksUnlinksAndDeletesAreReflectedByTheNextMatch() {
        UUID list = createList();
        for (int i = 0; i < 20; i++) {
            float[] descriptor = person();
            UUID face = createFace(descriptor, null);
            assertThat(match(descriptor, inList(list))).as("not linked yet").doesNotContain(face.toString());

            HttpProbe.Answer attach = faces().send("PATCH", "/3/linker", "application/json",
                    ("{\"action\":\"attach\",\"list_id\":\"" + list + "\",\"face_ids\":[\"" + face + "\"]}").getBytes());
            assertThat(attach.status()).as(attach.toString()).isEqualTo(200);
            assertThat(match(descriptor, inList(list))).as("linked, try %d", i).first().isEqualTo(face.toString());

            HttpProbe.Answer detach = faces().send("PATCH", "/3/linker", "application/json",
                    ("{\"action\":\"detach\",\"list_id\":\"" + list + "\",\"face_ids\":[\"" + face + "\"]}").getBytes());
            assertThat(detach.status()).as(detach.toString()).isEqualTo(200);
            assertThat(match(descriptor, inList(list))).as("unlinked, try %d", i).doesNotContain(face.toString());

            HttpProbe.Answer reattach = faces().send("PATCH", "/3/linker", "application/json",
                    ("{\"action\":\"attach\",\"list_id\":\"" + list + "\",\"face_ids\":[\"" + face + "\"]}").getBytes());
            assertThat(reattach.status()).isEqualTo(200);
            assertThat(match(descriptor, inList(list))).first().isEqualTo(face.toString());
            assertThat(faces().send("DELETE", "/3/faces/" + face).status()).isEqualTo(204);
            assertThat(match(descriptor, inList(list))).as("deleted, try %d", i).doesNotContain(face.toString());
        }
    }

    @Test
    void theWholeAccountReflectsCreatesAndDeletesAtOnce() {
        // the first whole-account match streams and asks for the account's gallery; the rest may be answered
        // from it as soon as it is ready, and must be right either way
        for (int i = 0; i < 40; i++) {
            float[] descriptor = person();
            UUID face = createFace(descriptor, null);
            assertThat(match(descriptor, "")).as("created, try %d", i).first().isEqualTo(face.toString());
            if (i % 4 == 0) {
                assertThat(faces().send("DELETE", "/3/faces/" + face).status()).isEqualTo(204);
                assertThat(match(descriptor, "")).as("deleted, try %d", i).doesNotContain(face.toString());
            }
        }
    }
}

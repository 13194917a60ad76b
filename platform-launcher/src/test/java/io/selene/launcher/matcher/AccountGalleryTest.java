package io.selene.launcher.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.faces.FacesServiceApplication;
import io.selene.launcher.TestPlatform;
import io.selene.matcher.MatcherServiceApplication;
import io.selene.matcher.faces.AccountGalleries;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Whole-account galleries: a block with no filter but the origin is answered from an in-memory gallery
 * of the account once its first match asked for it, with the same candidates and scores as the streamed
 * read; an account past the memory bound (here 12 faces' worth) stays streamed and right; another
 * account's faces are never in it; an erased account's gallery is dropped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountGalleryTest {

    private final Random random = new Random(41);
    private TestPlatform platform;

    @BeforeAll
    void start() {
        platform = TestPlatform.start("account-gallery", List.of(FacesServiceApplication.class),
                "--selene.matcher.face-index.account-index-memory=" + 12 * 2560 + "B");
        platform.startMore(List.of(MatcherServiceApplication.class));
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    private AccountGalleries galleries() {
        return platform.bean("matcher-service", AccountGalleries.class);
    }

    private float[] person() {
        float[] v = new float[512];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private UUID createFace(UUID account, float[] descriptor) {
        HttpProbe.Answer answer = platform.internal("faces-service", account).post("/3/faces",
                "{\"descriptors\":[{\"version\":201,\"data\":\""
                        + new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, descriptor).rawBase64() + "\"}]}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return UUID.fromString(answer.json().get("face_id").asString());
    }

    /** {@code [face_id, similarity, ...]} of the best 5 against every face of the account ({@code filters} more). */
    private List<String> match(UUID account, float[] descriptor, String filters) {
        HttpProbe.Answer answer = platform.internal("matcher-service", account).post("/1/matcher/faces",
                "{\"references\":[{\"type\":\"raw_descriptor\",\"id\":\"probe\",\"descriptor_version\":201,\"data\":\""
                        + new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, descriptor).rawBase64()
                        + "\"}],\"candidates\":[{\"filters\":{\"origin\":\"faces\"" + filters + "},\"limit\":5}]}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        for (JsonNode candidate : answer.json().get(0).get("matches").get(0).get("candidates")) {
            out.add(candidate.get("face").get("face_id").asString());
            out.add(String.format("%.6f", candidate.get("similarity").asDouble()));
        }
        return out;
    }

    /** Streamed for sure: a filter other than list_id selects the same faces through Faces' bulk read. */
    private static final String STREAMED = ",\"create_time__gte\":\"2000-01-01T00:00:00Z\"";

    private void awaitReady(UUID account) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!galleries().ready(account)) {
            assertThat(System.nanoTime()).as("account gallery ready within 30 s").isLessThan(deadline);
            Thread.onSpinWait();
            try {
                Thread.sleep(20); // a background load, not the read-your-writes path
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void anAccountIsMatchedFromItsGalleryWithTheStreamedAnswer() {
        UUID account = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        List<float[]> people = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            people.add(person());
            createFace(account, people.getLast());
        }
        UUID stranger = createFace(other, people.getFirst()); // the same descriptor in another account

        List<String> streamed = match(account, people.getFirst(), ""); // streams, and asks for the gallery
        awaitReady(account);
        assertThat(galleries().size(account)).isEqualTo(6);
        for (float[] person : people) {
            assertThat(match(account, person, "")).as("from the gallery").isEqualTo(match(account, person, STREAMED));
        }
        assertThat(match(account, people.getFirst(), "")).isEqualTo(streamed).doesNotContain(stranger.toString());

        // writes are reflected at once: a created face, a deleted one
        float[] late = person();
        UUID lateFace = createFace(account, late);
        assertThat(match(account, late, "")).first().isEqualTo(lateFace.toString());
        assertThat(platform.internal("faces-service", account).send("DELETE", "/3/faces/" + lateFace).status())
                .isEqualTo(204);
        assertThat(match(account, late, "")).doesNotContain(lateFace.toString());
        assertThat(match(account, late, "")).isEqualTo(match(account, late, STREAMED));
    }

    @Test
    void anAccountPastTheMemoryBoundIsStreamedAndRight() {
        UUID account = UUID.randomUUID();
        List<float[]> people = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            people.add(person());
            ids.add(createFace(account, people.getLast()));
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < people.size(); i += 5) {
                assertThat(match(account, people.get(i), "")).first().isEqualTo(ids.get(i).toString());
            }
        }
        assertThat(galleries().ready(account)).as("20 faces > the bound of 12").isFalse();
    }

    @Test
    void anErasedAccountsGalleryIsDropped() {
        UUID account = UUID.randomUUID();
        float[] person = person();
        createFace(account, person);
        createFace(account, person());
        match(account, person, "");
        awaitReady(account);

        UUID neighbour = UUID.randomUUID();
        HttpProbe.Answer list = platform.internal("faces-service", neighbour).post("/3/lists", "{}");
        assertThat(list.status()).as(list.toString()).isEqualTo(201);
        HttpProbe.Answer erased = HttpProbe.internal(platform.port("faces-service")).send("DELETE",
                "/3/accounts/" + account + "/data");
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        // a list match waits for the feed position, so the erasure's tombstones are applied once it answers
        match(neighbour, person, ",\"list_id\":\"" + list.json().get("list_id").asString() + "\"");
        assertThat(galleries().held(account)).as("gallery of the erased account").isFalse();
        assertThat(match(account, person, "")).isEmpty();
    }
}

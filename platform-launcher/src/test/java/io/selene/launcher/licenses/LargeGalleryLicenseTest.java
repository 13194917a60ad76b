package io.selene.launcher.licenses;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.selene.accounts.AccountsServiceApplication;
import io.selene.api.ApiServiceApplication;
import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.faces.FacesServiceApplication;
import io.selene.launcher.TestLicenses;
import io.selene.launcher.TestPlatform;
import io.selene.licenses.LicensesServiceApplication;
import io.selene.matcher.MatcherServiceApplication;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The licence's {@code index} feature (large galleries) in matcher-service: a face list held in the
 * int8 index (here from 5 faces, {@code quantised-from=5}, so the test needs no 100 000 faces) is
 * matched under the community terms, refused with 33003 under a licence without {@code index}, while a
 * smaller list is still matched; removing the licence allows it again. Its own small platform (accounts,
 * gateway, licenses, faces, matcher), so the setting does not change the shared one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeGalleryLicenseTest {

    private final UUID account = UUID.randomUUID();
    private final Random random = new Random(23);
    private TestPlatform platform;

    @BeforeAll
    void start() {
        platform = TestPlatform.start("index", List.of(AccountsServiceApplication.class,
                LicensesServiceApplication.class, FacesServiceApplication.class, ApiServiceApplication.class),
                "--selene.licenses.public-key=" + TestLicenses.publicKey(), "--selene.license.cache-ttl=0s",
                "--selene.matcher.face-index.quantised-from=5");
        platform.startMore(List.of(MatcherServiceApplication.class));
    }

    @AfterAll
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void matchingALargeGalleryNeedsTheIndexFeature() throws InterruptedException {
        float[] probe = descriptor();
        UUID large = list(6, probe);
        UUID small = list(3, probe);
        assertThat(awaitMatch(large).status()).as("community terms: index licensed").isEqualTo(200);

        HttpProbe.Answer installed = platform.admin().send("PUT", "/6/license", "application/json",
                TestLicenses.sign("--licensee", "No index", "--id", "no-index", "--features", "liveness,bodies,tasks")
                        .getBytes());
        assertThat(installed.status()).as(installed.toString()).isEqualTo(200);

        HttpProbe.Answer refused = match(large, probe);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertLunaError(refused, 33003);
        assertThat(refused.json().get("detail").asString()).contains("'index'").contains("no-index");
        assertThat(match(small, probe).status()).as("a list under the index size needs no licence").isEqualTo(200);

        assertThat(platform.admin().send("DELETE", "/6/license").status()).isEqualTo(204);
        assertThat(match(large, probe).status()).isEqualTo(200);
    }

    private UUID list(int faces, float[] first) {
        HttpProbe internal = platform.internal("faces-service", account);
        UUID list = UUID.fromString(internal.post("/3/lists", "{}").json().get("list_id").asString());
        for (int i = 0; i < faces; i++) {
            String data = new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, i == 0 ? first : descriptor())
                    .rawBase64();
            HttpProbe.Answer face = internal.post("/3/faces", "{\"descriptors\": [{\"version\": 201, \"data\": \""
                    + data + "\"}], \"lists\": [\"" + list + "\"]}");
            assertThat(face.status()).as(face.toString()).isEqualTo(201);
        }
        return list;
    }

    /** The first match once the matcher has the list in its index (it follows Faces' change feed). */
    private HttpProbe.Answer awaitMatch(UUID list) throws InterruptedException {
        HttpProbe.Answer answer = null;
        for (int i = 0; i < 100; i++) {
            answer = match(list, descriptor());
            if (answer.status() == 200 && answer.json().get(0).get("matches").get(0).get("candidates").size() > 0) {
                return answer;
            }
            Thread.sleep(100);
        }
        return answer;
    }

    private HttpProbe.Answer match(UUID list, float[] reference) {
        return platform.internal("matcher-service", account).post("/1/matcher/faces", "{\"references\": [{\"type\": "
                + "\"sdk_descriptor\", \"id\": \"probe\", \"data\": \""
                + new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, reference).sdkBase64()
                + "\"}], \"candidates\": [{\"filters\": {\"origin\": \"faces\", \"list_id\": \"" + list
                + "\"}, \"limit\": 3}]}");
    }

    private float[] descriptor() {
        float[] values = new float[512];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }
}

package io.selene.matcher.faces;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;

import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Bad candidate blocks and references of {@code POST /1/matcher/faces} are refused with 400 (or 403
 * for another account) naming the field, before anything is read from faces- or events-service
 * (none runs here: a request that got past validation would fail differently).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"selene.matcher.face-index.enabled=false", "selene.matcher.candidates.max-attribute-ids=3"})
class FaceMatchValidationTest {

    private static final UUID ACCOUNT = UUID.randomUUID();

    @Value("${local.server.port}")
    int port;

    private static String probe() {
        float[] v = new float[512];
        Random random = new Random(4);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return "{\"type\":\"sdk_descriptor\",\"id\":\"p\",\"data\":\""
                + new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, v).sdkBase64() + "\"}";
    }

    private HttpProbe.Answer match(String reference, String block) {
        return HttpProbe.internal(port, ACCOUNT).post("/1/matcher/faces",
                "{\"references\":[" + reference + "],\"candidates\":[" + block + "]}");
    }

    private void refused(String filters, int code, String mentions) {
        HttpProbe.Answer answer = match(probe(), "{\"filters\":" + filters + "}");
        assertThat(answer.status()).as(filters + " → " + answer).isEqualTo(code == 12042 ? 403 : 400);
        assertLunaError(answer, code);
        assertThat(answer.text()).as(filters).contains(mentions);
    }

    /** A peer shard's block selection (internal header) must name distinct blocks of the request. */
    @Test
    void aBadBlockSelectionIsRefused() {
        String body = "{\"references\":[" + probe() + "],\"candidates\":[{\"filters\":{\"origin\":\"faces\","
                + "\"list_id\":\"" + UUID.randomUUID() + "\"}}]}";
        for (String blocks : new String[] {"1", "-1", "0,0", "x", ""}) {
            HttpProbe.Answer answer = HttpProbe.internal(port, ACCOUNT).post("/1/matcher/faces", "application/json",
                    body.getBytes(StandardCharsets.UTF_8), "X-Selene-Matcher-Blocks", blocks);
            assertThat(answer.status()).as(blocks + " → " + answer).isEqualTo(400);
            assertLunaError(answer, 12049);
            assertThat(answer.text()).contains("X-Selene-Matcher-Blocks");
        }
    }

    @Test
    void badOriginsFiltersAndValuesAreRefusedNamingTheField() {
        refused("{\"origin\":\"bodies\"}", 15006, "origin=bodies");
        refused("{\"list_id\":\"" + UUID.randomUUID() + "\"}", 15006, "origin");
        refused("{\"origin\":\"faces\",\"colour\":\"red\"}", 15006, "candidates[0].filters.colour");
        refused("{\"origin\":\"attributes\",\"face_ids\":[\"" + UUID.randomUUID() + "\"]}", 15006, "face_ids");
        refused("{\"origin\":\"events\",\"limit\":5}", 15006, "filters.limit");
        refused("{\"origin\":\"faces\",\"face_ids\":[\"nope\"]}", 102, "face_ids");
        refused("{\"origin\":\"faces\",\"list_id\":\"nope\"}", 102, "list_id");
        refused("{\"origin\":\"faces\",\"create_time__gte\":\"yesterday\"}", 102, "create_time__gte");
        refused("{\"origin\":\"faces\",\"create_time__lt\":\"now-3x\"}", 102, "create_time__lt");
        refused("{\"origin\":\"faces\",\"external_ids\":[]}", 102, "external_ids");
        refused("{\"origin\":\"faces\",\"external_ids\":[\"a,b\"]}", 102, "external_ids");
        refused("{\"origin\":\"faces\",\"user_data\":{\"x\":1}}", 102, "user_data");
        refused("{\"origin\":\"attributes\"}", 102, "attribute_ids");
        refused("{\"origin\":\"attributes\",\"attribute_ids\":[\"nope\"]}", 102, "attribute_ids");
        StringBuilder four = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            four.append(i == 0 ? "" : ",").append('"').append(UUID.randomUUID()).append('"');
        }
        refused("{\"origin\":\"attributes\",\"attribute_ids\":[" + four + "]}", 15002, "at most 3");
        refused("{\"origin\":\"faces\",\"account_id\":\"" + UUID.randomUUID() + "\"}", 12042, "");
    }

    @Test
    void badTargetsLimitsBlocksAndReferencesAreRefused() {
        String faces = "{\"origin\":\"faces\",\"user_data\":\"x\"}";
        assertLunaError(match(probe(), "{\"filters\":" + faces + ",\"limit\":0}"), 15003);
        assertLunaError(match(probe(), "{\"filters\":" + faces + ",\"threshold\":1.5}"), 102);
        HttpProbe.Answer notPreset = match(probe(), "{\"filters\":" + faces + ",\"far\":0.05}");
        assertLunaError(notPreset, 12056);
        assertThat(notPreset.text()).contains("candidates[0].far");
        assertLunaError(match(probe(), "{\"filters\":{\"origin\":\"events\"},\"targets\":[\"face_id\"]}"), 15007);
        assertLunaError(match(probe(), "{\"filters\":{\"origin\":\"attributes\",\"attribute_ids\":[\""
                + UUID.randomUUID() + "\"]},\"targets\":[\"external_id\"]}"), 15007);
        StringBuilder blocks = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            blocks.append(i == 0 ? "" : ",").append("{\"filters\":").append(faces).append('}');
        }
        HttpProbe.Answer tooMany = match(probe(), blocks.toString());
        assertThat(tooMany.status()).isEqualTo(400);
        assertLunaError(tooMany, 15010);

        String block = "{\"filters\":" + faces + "}";
        float[] v = new float[512];
        v[0] = 1;
        String raw = new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, v).rawBase64();
        HttpProbe.Answer otherVersion = match("{\"type\":\"raw_descriptor\",\"id\":\"r\",\"data\":\"" + raw
                + "\",\"descriptor_version\":59}", block);
        assertThat(otherVersion.status()).isEqualTo(400);
        assertLunaError(otherVersion, 12050);
        HttpProbe.Answer shortData = match("{\"type\":\"raw_descriptor\",\"id\":\"r\",\"data\":\"AAAA\"}", block);
        assertThat(shortData.status()).isEqualTo(400);
        assertLunaError(shortData, 12051);
        assertLunaError(match("{\"type\":\"body\",\"id\":\"" + UUID.randomUUID() + "\"}", block), 15004);
        assertLunaError(match("{\"type\":\"event\",\"id\":\"nope\"}", block), 102);
    }
}

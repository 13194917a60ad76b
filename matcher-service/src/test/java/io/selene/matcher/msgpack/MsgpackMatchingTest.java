package io.selene.matcher.msgpack;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;

import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.commons.msgpack.MsgpackJson;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** LUNA's msgpack on matching: binary descriptors in, a msgpack answer out, JSON callers untouched. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MsgpackMatchingTest {

    private static final UUID ACCOUNT = UUID.randomUUID();

    @Value("${local.server.port}")
    int port;

    private HttpProbe matcher() {
        return HttpProbe.internal(port, ACCOUNT);
    }

    private static byte[] sdk(float[] v) {
        return Base64.getDecoder().decode(new DescriptorCodec.Descriptor(DescriptorVersion.FACE_FP512, v).sdkBase64());
    }

    private static float[] vector(Random random) {
        float[] v = new float[512];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static void item(MessageBufferPacker packer, String id, byte[] descriptor) throws IOException {
        packer.packMapHeader(3);
        packer.packString("id").packString(id);
        packer.packString("type").packString("sdk_descriptor");
        packer.packString("data").packBinaryHeader(descriptor.length).writePayload(descriptor);
    }

    @Test
    void rawMatchingTakesAndAnswersMsgpack() throws IOException {
        Random random = new Random(7);
        float[] person = vector(random);
        MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
        packer.packMapHeader(2);
        packer.packString("references").packArrayHeader(1);
        item(packer, "ref", sdk(person));
        packer.packString("candidates").packArrayHeader(2);
        item(packer, "other", sdk(vector(random)));
        item(packer, "same", sdk(person));
        byte[] body = packer.toByteArray();

        HttpProbe.Answer answer = matcher().post("/1/matcher/raw", "application/msgpack", body,
                "Accept", "application/msgpack");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/msgpack");
        JsonNode tree = MsgpackJson.toJson(answer.body());
        JsonNode match = tree.get("matches").get(0);
        assertThat(match.get("reference_id").asString()).isEqualTo("ref");
        assertThat(match.get("matches").get(0).get("candidate_id").asString()).isEqualTo("same");
        assertThat(match.get("matches").get(0).get("similarity").asDouble()).isGreaterThan(0.99);

        // msgpack in, JSON out (no Accept), and the same answer as JSON
        HttpProbe.Answer json = matcher().post("/1/matcher/raw", "application/msgpack", body);
        assertThat(json.status()).as(json.toString()).isEqualTo(200);
        assertThat(json.json().get("matches").get(0).get("matches").get(0).get("candidate_id").asString())
                .isEqualTo("same");

        // a broken body is a LUNA error, answered in msgpack to a msgpack caller
        HttpProbe.Answer broken = matcher().post("/1/matcher/raw", "application/msgpack", new byte[] {(byte) 0xc1});
        assertThat(broken.status()).isEqualTo(400);
        assertLunaError(broken, 102);
        HttpProbe.Answer refusedPacked = matcher().post("/1/matcher/raw", "application/msgpack",
                new byte[] {(byte) 0x80}, "Accept", "application/msgpack");
        assertThat(refusedPacked.status()).isEqualTo(400);
        assertThat(refusedPacked.header("Content-Type")).startsWith("application/msgpack");
        assertThat(MsgpackJson.toJson(refusedPacked.body()).get("error_code").asInt()).isEqualTo(102);
    }
}

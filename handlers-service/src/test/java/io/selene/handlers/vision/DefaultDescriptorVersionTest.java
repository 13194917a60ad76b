package io.selene.handlers.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * The default descriptor version is a setting (LUNA's DEFAULT_FACE_DESCRIPTOR_VERSION): with
 * {@code selene.vision.default-face-descriptor-version=202}, /1/sdk extracts 202 unless the request asks for
 * another version.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"selene.handlers.store-samples=false", "selene.vision.default-face-descriptor-version=202"})
class DefaultDescriptorVersionTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void theDefaultVersionIsTheSettingAndARequestMayAskForAnother() {
        assertThat(version("")).isEqualTo(202);
        assertThat(version("&descriptor_version=201")).isEqualTo(201);
    }

    private int version(String query) {
        HttpProbe.Answer answer = HttpProbe.internal(port, UUID.randomUUID()).post("/1/sdk?estimate_face_descriptor=1"
                + query, "image/jpeg", TestPhotos.sample(1));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode estimations = answer.json().get("images_estimations").get(0).get("estimations");
        assertThat(estimations).hasSize(3);
        int version = 0;
        for (JsonNode estimation : estimations) {
            DescriptorCodec.Descriptor descriptor = DescriptorCodec.fromSdkBase64(estimation.get("face")
                    .get("attributes").get("descriptor").get("sdk_descriptor").asString());
            assertThat(version == 0 || version == descriptor.version().number()).isTrue();
            version = descriptor.version().number();
        }
        return version;
    }
}

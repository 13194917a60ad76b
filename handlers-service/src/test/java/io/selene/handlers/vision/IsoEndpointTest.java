package io.selene.handlers.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.ServiceConventionsTest;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** /1/iso on real photos with the real models, this service alone (the gateway's /6/iso: IsoTest in platform-launcher). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "selene.handlers.store-samples=false")
class IsoEndpointTest {

    @Value("${local.server.port}")
    int port;

    private HttpProbe http() {
        return HttpProbe.internal(port, UUID.randomUUID());
    }

    static Map<String, JsonNode> checks(JsonNode face) {
        Map<String, JsonNode> byName = new HashMap<>();
        face.get("detection").get("iso").get("checks").forEach(c -> byName.put(c.get("name").asString(), c));
        return byName;
    }

    @Test
    void groupPhotoFacesFailTheSizeChecksWithTheirValuesAndThresholds() {
        HttpProbe.Answer answer = http().post("/1/iso?multiface_policy=1", "image/jpeg", TestPhotos.sample(1));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode image = answer.json().get("images").get(0);
        assertThat(image.get("status").asInt()).isEqualTo(1);
        assertThat(image.get("estimations")).hasSize(3);
        for (JsonNode estimation : image.get("estimations")) {
            JsonNode iso = estimation.get("face").get("detection").get("iso");
            assertThat(iso.get("result").asInt()).isZero();
            JsonNode width = checks(estimation.get("face")).get("head_width");
            assertThat(width.get("object_value").asDouble()).isBetween(0.05, 0.2);
            assertThat(width.get("threshold_value").get("min").asDouble()).isEqualTo(0.5);
            assertThat(width.get("threshold_value").get("max").asDouble()).isEqualTo(0.75);
            assertThat(width.get("result").asInt()).isZero();
            assertThat(iso.get("not_estimated").toString()).contains("\"glasses\"", "\"mouth_open\"",
                    "\"blurriness_quality\"", "\"head_height\"");
        }
    }

    @Test
    void aPortraitCutFromAPhotoPassesTheGeometryAndReportsItsTurnedHead() {
        // photo 3's left face, the most frontal of the test photos: yaw about 17°, pitch and roll under 5°
        JsonNode face = http().post("/1/iso?multiface_policy=1", "image/jpeg", TestPhotos.sample(3)).json()
                .get("images").get(0).get("estimations").get(0).get("face");
        Map<String, JsonNode> inPhoto = checks(face);
        byte[] portrait = TestPhotos.portrait(TestPhotos.sample(3),
                inPhoto.get("head_horizontal_center").get("object_value").asDouble() * 1920,
                inPhoto.get("head_vertical_center").get("object_value").asDouble() * 1350,
                inPhoto.get("head_width").get("object_value").asDouble() * 1920, 1.5);

        HttpProbe.Answer answer = http().post("/1/iso", "image/jpeg", portrait);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode estimations = answer.json().get("images").get(0).get("estimations");
        assertThat(estimations).hasSize(1);
        Map<String, JsonNode> checks = checks(estimations.get(0).get("face"));
        for (String passing : new String[] {"image_format", "aspect_ratio", "eye_distance", "left_eye", "right_eye",
                "head_horizontal_center", "head_vertical_center", "head_width", "head_roll"}) {
            assertThat(checks.get(passing).get("result").asInt()).as(checks.get(passing).toString()).isEqualTo(1);
        }
        JsonNode yaw = checks.get("head_yaw");
        assertThat(yaw.get("result").asInt()).isZero();
        assertThat(Math.abs(yaw.get("object_value").asDouble())).isGreaterThan(10);
        assertThat(yaw.get("threshold_value").toString()).isEqualTo("{\"min\":-5.0,\"max\":5.0}");
        assertThat(checks.get("eye_distance").get("object_value").asDouble()).isGreaterThan(90);
        assertThat(estimations.get(0).get("face").get("detection").get("iso").get("result").asInt()).isZero();
    }

    @Test
    void oneFaceIsExpectedUnlessMultifacePolicyIsOne() {
        HttpProbe.Answer several = http().post("/1/iso", "image/jpeg", TestPhotos.sample(1));
        assertThat(several.status()).isEqualTo(400);
        ServiceConventionsTest.assertLunaError(several, 14018);

        HttpProbe.Answer none = http().post("/1/iso", "image/jpeg", TestPhotos.blank(600, 800));
        assertThat(none.status()).isEqualTo(400);
        ServiceConventionsTest.assertLunaError(none, 14017);
    }

    @Test
    void badImagesAndParametersAreRefusedTheLunaWay() {
        byte[] noise = new byte[4000];
        new Random(3).nextBytes(noise);
        ServiceConventionsTest.assertLunaError(http().post("/1/iso", "image/jpeg", noise), 14001);
        HttpProbe.Answer huge = http().post("/1/iso", "image/png", TestPhotos.pngDeclaring(50_000, 50_000));
        assertThat(huge.status()).isEqualTo(413);
        ServiceConventionsTest.assertLunaError(huge, 14003);
        ServiceConventionsTest.assertLunaError(http().post("/1/iso?estimate_glasses=1", "image/jpeg",
                TestPhotos.sample(3)), 101);
        ServiceConventionsTest.assertLunaError(http().post("/1/iso?extract_exif=1", "image/jpeg",
                TestPhotos.sample(3)), 14013);
        ServiceConventionsTest.assertLunaError(http().post("/1/iso?image_type=1", "image/jpeg",
                TestPhotos.sample(3)), 14016);
        assertThat(http().post("/1/iso?extract_exif=0&multiface_policy=1&image_type=0", "image/jpeg",
                TestPhotos.sample(3)).status()).isEqualTo(200);
    }
}

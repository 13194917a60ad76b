package io.selene.launcher.vision;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.selene.launcher.TestPlatform;
import io.selene.launcher.TestPlatform.Account;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.Multipart;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /6/iso} through the gateway as a LUNA client calls it (LP 5.18's ISO/IEC 19794-5 check:
 * {@code images[].estimations[].face.detection.iso} with {@code checks[{name, object_value,
 * threshold_value, result}]} and a verdict), on real photos: a portrait cut from a photo, a group photo,
 * bad input, and no credentials. The checks Selene cannot make are named in {@code not_estimated}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsoTest {

    private TestPlatform platform;
    private Account client;

    @BeforeAll
    void start() {
        platform = TestPlatform.shared();
        client = platform.newAccount();
    }

    private static Map<String, JsonNode> checks(JsonNode face) {
        Map<String, JsonNode> byName = new HashMap<>();
        face.get("detection").get("iso").get("checks").forEach(c -> byName.put(c.get("name").asString(), c));
        return byName;
    }

    @Test
    void aPortraitPassesTheGeometryAndNamesTheChecksNotMade() {
        // photo 3's left face, framed as an ISO portrait (the test photos have no face within ±5° of frontal)
        HttpProbe.Answer group = client.api().post("/6/iso?multiface_policy=1", "image/jpeg", TestPhotos.sample(3));
        assertThat(group.status()).as(group.toString()).isEqualTo(200);
        Map<String, JsonNode> inPhoto = checks(group.json().get("images").get(0).get("estimations").get(0)
                .get("face"));
        byte[] portrait = TestPhotos.portrait(TestPhotos.sample(3),
                inPhoto.get("head_horizontal_center").get("object_value").asDouble() * 1920,
                inPhoto.get("head_vertical_center").get("object_value").asDouble() * 1350,
                inPhoto.get("head_width").get("object_value").asDouble() * 1920, 1.5);

        HttpProbe.Answer answer = client.api().post("/6/iso?extract_exif=0", "image/jpeg", portrait);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode image = answer.json().get("images").get(0);
        assertThat(image.get("status").asInt()).isEqualTo(1);
        JsonNode face = image.get("estimations").get(0).get("face");
        assertThat(face.get("detection").get("rect").get("width").asInt()).isGreaterThan(200);
        Map<String, JsonNode> checks = checks(face);
        for (String passing : new String[] {"image_format", "aspect_ratio", "eye_distance", "left_eye", "right_eye",
                "head_horizontal_center", "head_vertical_center", "head_width", "head_roll"}) {
            assertThat(checks.get(passing).get("result").asInt()).as(checks.get(passing).toString()).isEqualTo(1);
        }
        assertThat(checks.get("image_format").get("object_value").asString()).isEqualTo("jpeg");
        assertThat(checks.get("eye_distance").get("threshold_value").get("min").asDouble()).isEqualTo(90);
        // the person looks about 17° aside: the yaw check fails with its value, so the verdict is 0
        JsonNode yaw = checks.get("head_yaw");
        assertThat(yaw.get("result").asInt()).isZero();
        assertThat(Math.abs(yaw.get("object_value").asDouble())).isGreaterThan(10);
        assertThat(yaw.get("threshold_value").get("max").asDouble()).isEqualTo(5);
        assertThat(checks.get("head_roll").get("threshold_value").get("max").asDouble()).isEqualTo(8);
        JsonNode iso = face.get("detection").get("iso");
        assertThat(iso.get("result").asInt()).isZero();
        assertThat(iso.get("not_estimated").toString()).contains("\"mouth_open\"", "\"glasses\"", "\"gaze_yaw\"",
                "\"red_eyes\"", "\"natural_light\"", "\"blurriness_quality\"", "\"background_uniformity\"");
        assertThat(checks).doesNotContainKeys("glasses", "mouth_open", "gaze_yaw");
    }

    @Test
    void smallFacesOfAGroupPhotoFailTheSizeChecks() {
        HttpProbe.Answer answer = client.api().post("/6/iso?multiface_policy=1", "image/jpeg", TestPhotos.sample(1));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode estimations = answer.json().get("images").get(0).get("estimations");
        assertThat(estimations).hasSize(3);
        for (JsonNode estimation : estimations) {
            Map<String, JsonNode> checks = checks(estimation.get("face"));
            JsonNode width = checks.get("head_width");
            assertThat(width.get("result").asInt()).isZero();
            assertThat(width.get("object_value").asDouble()).isLessThan(0.2);
            assertThat(width.get("threshold_value").get("min").asDouble()).isEqualTo(0.5);
            JsonNode eyes = checks.get("eye_distance");
            assertThat(eyes.get("result").asInt()).isZero();
            assertThat(eyes.get("object_value").asDouble()).isLessThan(90);
            assertThat(checks.get("aspect_ratio").get("result").asInt()).isZero(); // 3:2 landscape
            assertThat(estimation.get("face").get("detection").get("iso").get("result").asInt()).isZero();
        }
        // the person on the left turns about 28°
        JsonNode turned = checks(estimations.get(0).get("face")).get("head_yaw");
        assertThat(Math.abs(turned.get("object_value").asDouble())).isGreaterThan(20);
        assertThat(turned.get("result").asInt()).isZero();
    }

    @Test
    void badInputIsRefusedWithLunaErrors() {
        HttpProbe.Answer several = client.api().post("/6/iso", "image/jpeg", TestPhotos.sample(1));
        assertThat(several.status()).isEqualTo(400);
        assertLunaError(several, 14018);
        HttpProbe.Answer none = client.api().post("/6/iso", "image/jpeg", TestPhotos.blank(600, 780));
        assertThat(none.status()).isEqualTo(400);
        assertLunaError(none, 14017);
        byte[] noise = new byte[4000];
        new Random(5).nextBytes(noise);
        assertLunaError(client.api().post("/6/iso", "image/jpeg", noise), 14001);
        HttpProbe.Answer huge = client.api().post("/6/iso", "image/png", TestPhotos.pngDeclaring(50_000, 50_000));
        assertThat(huge.status()).isEqualTo(413);
        assertLunaError(huge, 14003);
        assertLunaError(client.api().post("/6/iso?estimate_glasses=1", "image/jpeg", TestPhotos.sample(3)), 101);
        assertLunaError(client.api().post("/6/iso?image_type=1", "image/jpeg", TestPhotos.sample(3)), 14016);

        // a batch answers each image on its own
        Multipart two = Multipart.images(List.of(TestPhotos.blank(600, 780), TestPhotos.sample(1)));
        HttpProbe.Answer batch = client.api().post("/6/iso?multiface_policy=1", two.contentType(), two.body());
        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        JsonNode images = batch.json().get("images");
        assertThat(images.get(0).get("status").asInt()).isZero();
        assertThat(images.get(0).get("error").get("error_code").asInt()).isEqualTo(14017);
        assertThat(images.get(1).get("estimations")).hasSize(3);
    }

    @Test
    void noCredentialsNoChecks() {
        HttpProbe.Answer answer = platform.api().post("/6/iso", "image/jpeg", TestPhotos.sample(3));
        assertThat(answer.status()).isEqualTo(401);
    }
}

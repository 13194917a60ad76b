package io.selene.handlers.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.ServiceConventionsTest;
import io.selene.testsupport.TestPhotos;
import io.selene.vision.image.ImageEncoder;
import io.selene.vision.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * detect_body=1 on /1/sdk and /1/detector with the real CenterNet (bin/fetch-body-model), this
 * service alone (samples not stored here, as in VisionEndpointsTest).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "selene.handlers.store-samples=false")
class BodyEndpointsTest {

    @Value("${local.server.port}")
    int port;

    private final UUID account = UUID.randomUUID();

    private HttpProbe http() {
        return HttpProbe.internal(port, account);
    }

    @Test
    void sdkPairsEachFaceWithItsBody() {
        // sample1.jpg: three people, each face above its own body
        HttpProbe.Answer answer = http().post("/1/sdk?detect_body=1", "image/jpeg", TestPhotos.sample(1));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode estimations = answer.json().get("images_estimations").get(0).get("estimations");
        assertThat(estimations).hasSize(3);
        for (JsonNode estimation : estimations) {
            assertThat(estimation.has("face")).as(estimation.toString()).isTrue();
            assertThat(estimation.has("body")).as(estimation.toString()).isTrue();
            JsonNode face = estimation.get("face").get("detection").get("rect");
            JsonNode body = estimation.get("body").get("detection").get("rect");
            double cx = face.get("x").asInt() + face.get("width").asInt() / 2.0;
            double cy = face.get("y").asInt() + face.get("height").asInt() / 2.0;
            assertThat(cx).isBetween(body.get("x").asDouble(), body.get("x").asDouble() + body.get("width").asDouble());
            assertThat(cy).isBetween(body.get("y").asDouble(), body.get("y").asDouble() + body.get("height").asDouble() / 2);
            assertThat(body.get("height").asInt()).isGreaterThan(face.get("height").asInt() * 2);
            assertThat(estimation.get("body").get("detection").get("score").asDouble()).isBetween(0.3, 1.0);
        }
    }

    @Test
    void detectorFindsBodiesAloneWhenFacesAreNotAskedFor() {
        HttpProbe.Answer answer = http().post("/1/detector?detect_face=0&detect_body=1", "image/jpeg",
                TestPhotos.sample(6));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        JsonNode image = answer.json().get("images").get(0);
        JsonNode samples = image.get("detections").get("samples");
        assertThat(samples).hasSize(4);
        for (JsonNode sample : samples) {
            assertThat(sample.has("face")).isFalse();
            JsonNode rect = sample.get("body").get("detection").get("rect");
            assertThat(rect.get("x").asInt() + rect.get("width").asInt()).isLessThanOrEqualTo(image.get("width").asInt());
            assertThat(rect.get("y").asInt() + rect.get("height").asInt()).isLessThanOrEqualTo(image.get("height").asInt());
        }
        assertThat(image.get("detections").get("filtered_detections").get("body_detections")).isEmpty();
    }

    @Test
    void anImageWithoutPeopleHasNoBodiesAndNoFaces() {
        byte[] grey = ImageEncoder.jpeg(RgbImage.blank(640, 480, 128), 0.9f);
        HttpProbe.Answer answer = http().post("/1/sdk?detect_body=1", "image/jpeg", grey);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().get("images_estimations").get(0).get("estimations")).isEmpty();
    }

    @Test
    void badInputWithDetectBodyGetsTheSameLunaErrors() {
        HttpProbe.Answer nothing = http().post("/1/sdk?detect_face=0&detect_body=0", "image/jpeg", TestPhotos.sample(1));
        assertThat(nothing.status()).isEqualTo(400);
        ServiceConventionsTest.assertLunaError(nothing, 101);

        HttpProbe.Answer badFlag = http().post("/1/sdk?detect_body=yes", "image/jpeg", TestPhotos.sample(1));
        ServiceConventionsTest.assertLunaError(badFlag, 101);

        HttpProbe.Answer empty = http().post("/1/detector?detect_body=1", "image/jpeg", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        ServiceConventionsTest.assertLunaError(empty, 14000);

        HttpProbe.Answer onePixel = http().post("/1/sdk?detect_body=1", "image/png", TestPhotos.onePixelPng());
        assertThat(onePixel.status()).isEqualTo(400);
        ServiceConventionsTest.assertLunaError(onePixel, 14004);
    }
}

package io.selene.liveness.prediction;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /1/liveness} on real photos with fr_liveness, this service alone (licenses-service is not
 * running here, so the built-in community terms apply, which license liveness). sample1 and sample3
 * are photos of real people whose every face scores ≥ 0.88 (vision-engine's LivenessReferenceTest
 * prints each face's score); the bad inputs are a truncated JPEG, a grey image without a face, random
 * bytes and wrong requests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LivenessApiTest {

    @Value("${local.server.port}")
    int port;

    private HttpProbe http() {
        return HttpProbe.internal(port, UUID.randomUUID());
    }

    @Test
    void aRealFaceInAnImageBodyAnswersLiveWithItsProbability() {
        HttpProbe.Answer answer = http().post("/1/liveness?filename=one.jpg", "image/jpeg", TestPhotos.sample(1));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode image = answer.json().get("images").get(0);
        assertThat(image.get("filename").asString()).isEqualTo("one.jpg");
        assertThat(image.get("status").asInt()).isEqualTo(1);
        assertThat(image.has("error")).isFalse();
        JsonNode liveness = image.get("liveness");
        assertThat(liveness.get("prediction").asInt()).as("real").isEqualTo(1);
        assertThat(liveness.get("estimations").get("probability").asDouble()).isBetween(0.88, 1.0);
        assertThat(liveness.get("estimations").get("quality").asDouble()).isEqualTo(1.0);
        // aggregate=1 is the default: one image, the same estimate
        assertThat(answer.json().get("aggregate_estimations").get("liveness")).isEqualTo(liveness);
    }

    @Test
    void multipartImagesAreEstimatedOneByOneAndABadOneAnswersItsOwnError() {
        byte[] truncated = java.util.Arrays.copyOf(TestPhotos.sample(3), 2000);
        String boundary = "liveness-" + UUID.randomUUID();
        byte[] body = multipart(boundary, "{\"OS\": \"ANDROID\", \"device\": \"test\"}",
                List.of("a.jpg", "broken.jpg", "b.jpg", "grey.png"),
                List.of(TestPhotos.sample(1), truncated, TestPhotos.sample(3), greyPng()));

        HttpProbe.Answer answer = http().post("/1/liveness", "multipart/form-data; boundary=" + boundary, body);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode images = answer.json().get("images");
        assertThat(images).hasSize(4);
        assertThat(images.get(0).get("filename").asString()).isEqualTo("a.jpg");
        assertThat(images.get(0).get("liveness").get("prediction").asInt()).isEqualTo(1);
        assertThat(images.get(1).get("status").asInt()).isZero();
        assertThat(images.get(1).get("error").get("error_code").asInt()).isEqualTo(34004);
        assertThat(images.get(1).has("liveness")).isFalse();
        assertThat(images.get(2).get("liveness").get("prediction").asInt()).isEqualTo(1);
        assertThat(images.get(3).get("error").get("error_code").asInt()).as("no face").isEqualTo(34005);
        double mean = (images.get(0).get("liveness").get("estimations").get("probability").asDouble()
                + images.get(2).get("liveness").get("estimations").get("probability").asDouble()) / 2;
        JsonNode aggregate = answer.json().get("aggregate_estimations").get("liveness");
        assertThat(aggregate.get("estimations").get("probability").asDouble()).isCloseTo(mean,
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(aggregate.get("prediction").asInt()).isEqualTo(1);
    }

    @Test
    void jsonBase64ImagesWithThresholdsAndWithoutAggregate() {
        String image = Base64.getEncoder().encodeToString(TestPhotos.sample(3));
        String body = "{\"images\": [{\"image\": \"" + image + "\", \"filename\": \"s3.jpg\"}, {\"image\": \"A\"}, "
                + "{\"url\": \"http://example.invalid/x.jpg\"}], \"meta\": {\"OS\": \"IOS\"}}";

        HttpProbe.Answer strict = http().post("/1/liveness?aggregate=0&real_threshold=0.9999", "application/json",
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(strict.status()).as(strict.toString()).isEqualTo(200);
        assertThat(strict.json().has("aggregate_estimations")).isFalse();
        JsonNode images = strict.json().get("images");
        assertThat(images.get(0).get("filename").asString()).isEqualTo("s3.jpg");
        double probability = images.get(0).get("liveness").get("estimations").get("probability").asDouble();
        assertThat(probability).isLessThan(0.9999);
        assertThat(images.get(0).get("liveness").get("prediction").asInt()).as("below real_threshold: spoof").isZero();
        assertThat(images.get(1).get("error").get("error_code").asInt()).isEqualTo(34003);
        assertThat(images.get(1).get("filename").asString()).isEqualTo("images[1]");
        assertThat(images.get(2).get("error").get("detail").asString()).contains("URLs are not fetched");

        HttpProbe.Answer unknown = http().post("/1/liveness?quality_threshold=1&real_threshold=0.5", "application/json",
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(unknown.json().get("images").get(0).get("liveness").get("prediction").asInt())
                .as("quality 1 is not below quality_threshold 1").isEqualTo(1);
        assertThat(unknown.json().get("images").get(0).get("liveness").get("estimations").get("probability")
                .asDouble()).isEqualTo(probability);
    }

    @Test
    void wrongRequestsAreRefusedWithLunaErrors() {
        List<String> names = new ArrayList<>();
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            names.add("i" + i + ".jpg");
            images.add(TestPhotos.sample(1));
        }
        String boundary = "b-" + UUID.randomUUID();
        HttpProbe.Answer nine = http().post("/1/liveness", "multipart/form-data; boundary=" + boundary,
                multipart(boundary, null, names, images));
        assertThat(nine.status()).isEqualTo(400);
        assertLunaError(nine, 34002);

        HttpProbe.Answer none = http().post("/1/liveness", "{\"images\": []}");
        assertThat(none.status()).isEqualTo(400);
        assertLunaError(none, 34001);

        HttpProbe.Answer badMeta = http().post("/1/liveness", "{\"images\": [{\"image\": \"AAAA\"}], "
                + "\"meta\": {\"OS\": \"SYMBIAN\"}}");
        assertThat(badMeta.status()).isEqualTo(400);
        assertLunaError(badMeta, 34006);

        HttpProbe.Answer badQuery = http().post("/1/liveness?real_threshold=2", "image/jpeg", TestPhotos.sample(1));
        assertThat(badQuery.status()).isEqualTo(400);
        assertLunaError(badQuery, 101);
        HttpProbe.Answer unknownQuery = http().post("/1/liveness?estimate_liveness=1", "image/jpeg",
                TestPhotos.sample(1));
        assertLunaError(unknownQuery, 101);

        HttpProbe.Answer text = http().post("/1/liveness", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(text.status()).isEqualTo(415);
        assertLunaError(text, 12024);
    }

    private static byte[] multipart(String boundary, String meta, List<String> names, List<byte[]> images) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (meta != null) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"meta\"\r\n"
                    + "Content-Type: application/json\r\n\r\n" + meta + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < images.size(); i++) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"images\"; filename=\""
                    + names.get(i) + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(images.get(i));
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A plain grey 200×200 PNG: an image, but no face. */
    private static byte[] greyPng() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(200, 200,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(new java.awt.Color(128, 128, 128));
        g.fillRect(0, 0, 200, 200);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

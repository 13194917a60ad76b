package io.selene.handlers.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.ServiceConventionsTest;
import io.selene.testsupport.TestPhotos;
import io.selene.vision.Similarity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * /1/sdk and /1/detector on real photos with the real models, this service alone: sample storage
 * is switched off here (selene.handlers.store-samples=false); storing samples and the extractor are
 * tested with Image Store and Faces in platform-launcher (io.selene.launcher.vision).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "selene.handlers.store-samples=false")
class VisionEndpointsTest {

    @Value("${local.server.port}")
    int port;

    private final UUID account = UUID.randomUUID();

    private HttpProbe http() {
        return HttpProbe.internal(port, account);
    }

    @Test
    void sdkFindsEveryFaceOfARawJpegAndReturnsUnitDescriptorsOfVersion201() {
        HttpProbe.Answer answer = http().post("/1/sdk?estimate_face_descriptor=1&estimate_head_pose=1"
                + "&estimate_basic_attributes=1", "image/jpeg", TestPhotos.sample(1));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode image = answer.json().get("images_estimations").get(0);
        assertThat(image.get("status").asInt()).isEqualTo(1);
        JsonNode estimations = image.get("estimations");
        assertThat(estimations).hasSize(3);
        List<float[]> descriptors = new ArrayList<>();
        for (JsonNode estimation : estimations) {
            JsonNode face = estimation.get("face");
            JsonNode rect = face.get("detection").get("rect");
            assertThat(rect.get("width").asInt()).isGreaterThan(100);
            assertThat(face.get("detection").get("landmarks5")).hasSize(5);
            assertThat(face.get("detection").has("landmarks68")).isFalse();
            JsonNode attributes = face.get("attributes");
            assertThat(attributes.get("head_pose").has("yaw")).isTrue();
            assertThat(attributes.get("basic_attributes").get("age").asInt()).isBetween(10, 80);
            assertThat(attributes.get("basic_attributes").get("gender").asInt()).isBetween(0, 1);
            DescriptorCodec.Descriptor descriptor = DescriptorCodec.fromSdkBase64(
                    attributes.get("descriptor").get("sdk_descriptor").asString());
            assertThat(descriptor.version().number()).isEqualTo(201);
            assertThat(descriptor.values()).hasSize(512);
            assertThat(Similarity.cosine(descriptor.values(), descriptor.values())).isCloseTo(1.0,
                    org.assertj.core.data.Offset.offset(1e-5));
            descriptors.add(descriptor.values());
        }
        // three different people
        assertThat(Similarity.cosine(descriptors.get(0), descriptors.get(1))).isLessThan(0.5);
        assertThat(Similarity.cosine(descriptors.get(0), descriptors.get(2))).isLessThan(0.5);
    }

    @Test
    void sdkAnswersEachImageOfAMultipartBatchOnItsOwn() {
        byte[] noise = new byte[2048];
        new Random(7).nextBytes(noise);
        String boundary = "selene-" + UUID.randomUUID();
        byte[] body = TestPhotos.multipart(boundary, List.of("one.jpg", "noise.jpg", "five.jpg"),
                List.of(TestPhotos.sample(2), noise, TestPhotos.sample(5)));

        HttpProbe.Answer answer = http().post("/1/sdk", "multipart/form-data; boundary=" + boundary, body);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode images = answer.json().get("images_estimations");
        assertThat(images).hasSize(3);
        assertThat(images.get(0).get("filename").asString()).isEqualTo("one.jpg");
        assertThat(images.get(0).get("estimations")).hasSize(3);
        assertThat(images.get(1).get("status").asInt()).isZero();
        assertThat(images.get(1).get("error").get("error_code").asInt()).isEqualTo(14001);
        assertThat(images.get(2).get("status").asInt()).isEqualTo(1);
        assertThat(images.get(2).get("estimations")).hasSize(5);
    }

    @Test
    void sdkTakesBase64ImagesInJson() {
        String json = "{\"images\": [{\"image\": \"" + Base64.getEncoder().encodeToString(TestPhotos.sample(4))
                + "\", \"filename\": \"four\"}, {\"image\": \"not base64!\"}]}";

        HttpProbe.Answer answer = http().post("/1/sdk?multiface_policy=0&estimate_eyes_attributes=1", json);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode images = answer.json().get("images_estimations");
        assertThat(images.get(0).get("filename").asString()).isEqualTo("four");
        assertThat(images.get(0).get("estimations")).hasSize(1); // multiface_policy=0: the best face only
        assertThat(images.get(0).get("estimations").get(0).get("face").get("attributes").get("eyes")
                .get("left_eye").get("state").asString()).isIn("open", "closed");
        assertThat(images.get(1).get("error").get("error_code").asInt()).isEqualTo(14008);
    }

    @Test
    void detectorReturnsEveryFaceWithRectLandmarksAndEstimations() {
        HttpProbe.Answer answer = http().post("/1/detector?detect_landmarks68=1&estimate_emotions=1"
                + "&estimate_liveness=1", "image/jpeg", TestPhotos.sample(6));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        JsonNode samples = answer.json().get("images").get(0).get("detections").get("samples");
        assertThat(samples).hasSize(4);
        for (JsonNode sample : samples) {
            JsonNode detection = sample.get("face").get("detection");
            assertThat(detection.get("landmarks68")).hasSize(68);
            assertThat(detection.get("score").asDouble()).isBetween(0.65, 1.0);
            assertThat(detection.get("attributes").get("emotions").get("predominant_emotion").asString()).isNotBlank();
            assertThat(detection.get("attributes").get("liveness").get("prediction").asString()).isIn("real", "spoof");
            // storage is off in this test: no sample ids are claimed
            assertThat(sample.get("face").has("sample_id")).isFalse();
        }
    }

    @Test
    void detectorMovesFacesBeyondTheYawThresholdToFilteredDetections() {
        HttpProbe.Answer answer = http().post("/1/detector?yaw_threshold=60", "image/jpeg", TestPhotos.sample(2));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        JsonNode detections = answer.json().get("images").get(0).get("detections");
        // sample2 has one full profile (|yaw| > 60°)
        assertThat(detections.get("samples")).hasSize(2);
        assertThat(detections.get("filtered_detections").get("face_detections")).hasSize(1);
    }

    @Test
    void badImagesGetCleanLunaErrorsAndTheServiceStaysHealthy() {
        byte[] photo = TestPhotos.sample(1);
        byte[] noise = new byte[5000];
        new Random(1).nextBytes(noise);
        record Case(String name, String type, byte[] body, int status, int code) {
        }
        List<Case> cases = List.of(
                new Case("1x1 png", "image/png", TestPhotos.onePixelPng(), 400, 14004),
                new Case("truncated jpeg", "image/jpeg", Arrays.copyOf(photo, photo.length / 3), 400, 14002),
                new Case("png declaring 50000x50000", "image/png", TestPhotos.pngDeclaring(50_000, 50_000), 413, 14003),
                new Case("random bytes", "image/jpeg", noise, 400, 14001),
                new Case("empty body", "image/jpeg", new byte[0], 400, 14000));
        for (String endpoint : List.of("/1/sdk", "/1/detector")) {
            for (Case c : cases) {
                HttpProbe.Answer answer = http().post(endpoint, c.type(), c.body());
                assertThat(answer.status()).as(endpoint + " " + c.name() + ": " + answer).isEqualTo(c.status());
                ServiceConventionsTest.assertLunaError(answer, c.code());
            }
        }
        assertThat(HttpProbe.onPort(port).get("/healthcheck").status()).isEqualTo(200);
        HttpProbe.Answer stillWorks = http().post("/1/sdk", "image/jpeg", TestPhotos.sample(3));
        assertThat(stillWorks.json().get("images_estimations").get(0).get("estimations")).hasSize(3);
    }

    @Test
    void refusesUnknownParametersAndEstimationsWithoutAModel() {
        HttpProbe.Answer unknown = http().post("/1/sdk?estimate_everything=1", "image/jpeg", TestPhotos.sample(1));
        assertThat(unknown.status()).isEqualTo(400);
        ServiceConventionsTest.assertLunaError(unknown, 101);

        HttpProbe.Answer badValue = http().post("/1/sdk?estimate_head_pose=2", "image/jpeg", TestPhotos.sample(1));
        ServiceConventionsTest.assertLunaError(badValue, 101);

        HttpProbe.Answer noModel = http().post("/1/detector?estimate_mask=1", "image/jpeg", TestPhotos.sample(1));
        assertThat(noModel.status()).isEqualTo(400);
        ServiceConventionsTest.assertLunaError(noModel, 14013);

        HttpProbe.Answer text = http().post("/1/sdk", "text/plain", "hello".getBytes());
        assertThat(text.status()).isEqualTo(415);
        ServiceConventionsTest.assertLunaError(text, 12024);
    }

    /** A 250×250 warp of the best face of a test photo, cut by the engine as samples are. */
    private byte[] warpOf(int photo) {
        io.selene.vision.FaceAnalysis analysis = engine.analyze(TestPhotos.sample(photo),
                new io.selene.vision.FaceOptions(Double.NaN, 1, java.util.Set.of(), true));
        return io.selene.vision.image.ImageEncoder.jpeg(analysis.faces().getFirst().sample(), 0.95f);
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.selene.vision.FaceEngine engine;

    @Test
    void faceWarpsGivenAsImageType1AreProcessedWithoutDetection() {
        HttpProbe.Answer photo = http().post("/1/sdk?multiface_policy=0&estimate_face_descriptor=1", "image/jpeg",
                TestPhotos.sample(1));
        float[] fromPhoto = DescriptorCodec.fromSdkBase64(photo.json().get("images_estimations").get(0)
                .get("estimations").get(0).get("face").get("attributes").get("descriptor").get("sdk_descriptor")
                .asString()).values();
        byte[] warp = warpOf(1);

        // LUNA's image_type=1: the warp is the face; estimations that need the photo are left out, not refused
        HttpProbe.Answer answer = http().post("/1/sdk?image_type=1&estimate_face_descriptor=1"
                + "&estimate_basic_attributes=1&estimate_head_pose=1&detect_landmarks68=1", "image/jpeg", warp);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode image = answer.json().get("images_estimations").get(0);
        assertThat(image.get("status").asInt()).isEqualTo(1);
        assertThat(image.get("estimations")).hasSize(1);
        JsonNode face = image.get("estimations").get(0).get("face");
        assertThat(face.get("detection").get("rect").toString()).contains("\"width\":250").contains("\"height\":250");
        assertThat(face.get("detection").get("landmarks5")).hasSize(5);
        assertThat(face.get("detection").has("landmarks68")).isFalse();
        assertThat(face.get("attributes").has("head_pose")).isFalse();
        assertThat(face.get("attributes").get("basic_attributes").get("age").asInt()).isBetween(10, 80);
        float[] fromWarp = DescriptorCodec.fromSdkBase64(face.get("attributes").get("descriptor")
                .get("sdk_descriptor").asString()).values();
        assertThat(Similarity.cosine(fromPhoto, fromWarp)).as("the same face").isGreaterThan(0.8);

        // /detector: the warp itself is the detection (sample storage is off in this test)
        HttpProbe.Answer detector = http().post("/1/detector?image_type=1", "image/jpeg", warp);
        assertThat(detector.status()).as(detector.toString()).isEqualTo(201);
        assertThat(detector.json().get("images").get(0).get("detections").get("samples")).hasSize(1);

        // a photo given as a warp is that image's error; a body warp is refused by name
        HttpProbe.Answer notAWarp = http().post("/1/sdk?image_type=1", "image/jpeg", TestPhotos.sample(1));
        assertThat(notAWarp.status()).isEqualTo(400);
        ServiceConventionsTest.assertLunaError(notAWarp, 14015);
        HttpProbe.Answer body = http().post("/1/sdk?image_type=2", "image/jpeg", warp);
        ServiceConventionsTest.assertLunaError(body, 14016);
        ServiceConventionsTest.assertLunaError(http().post("/1/sdk?image_type=3", "image/jpeg", warp), 101);
    }

    @Test
    void sdkAnswersMsgpackWithBinaryDescriptorsToACallerThatAcceptsIt() throws java.io.IOException {
        HttpProbe.Answer json = http().post("/1/sdk?multiface_policy=0&estimate_face_descriptor=1", "image/jpeg",
                TestPhotos.sample(1));
        String base64 = json.json().get("images_estimations").get(0).get("estimations").get(0).get("face")
                .get("attributes").get("descriptor").get("sdk_descriptor").asString();
        HttpProbe.Answer packed = http().post("/1/sdk?multiface_policy=0&estimate_face_descriptor=1", "image/jpeg",
                TestPhotos.sample(1), "Accept", "application/msgpack");
        assertThat(packed.status()).as(packed.toString()).isEqualTo(200);
        assertThat(packed.header("Content-Type")).startsWith("application/msgpack");
        try (org.msgpack.core.MessageUnpacker unpacker = org.msgpack.core.MessagePack.newDefaultUnpacker(
                packed.body())) {
            org.msgpack.value.Value descriptor = unpacker.unpackValue().asMapValue().map()
                    .get(org.msgpack.value.ValueFactory.newString("images_estimations")).asArrayValue().get(0)
                    .asMapValue().map().get(org.msgpack.value.ValueFactory.newString("estimations")).asArrayValue()
                    .get(0).asMapValue().map().get(org.msgpack.value.ValueFactory.newString("face")).asMapValue()
                    .map().get(org.msgpack.value.ValueFactory.newString("attributes")).asMapValue().map()
                    .get(org.msgpack.value.ValueFactory.newString("descriptor")).asMapValue().map()
                    .get(org.msgpack.value.ValueFactory.newString("sdk_descriptor"));
            assertThat(descriptor.isBinaryValue()).isTrue();
            assertThat(descriptor.asBinaryValue().asByteArray()).isEqualTo(Base64.getDecoder().decode(base64));
        }
    }

    @Test
    void lunaEstimationsWithoutAModelAreAcceptedAsZeroAndRefusedByNameAsOne() {
        HttpProbe.Answer zero = http().post("/1/sdk?estimate_face_warp=0&estimate_face_occlusion=0"
                + "&estimate_people_count=0&people_count_coordinates=1&estimate_body_descriptor=0&estimate_body_warp=0"
                + "&estimate_upper_body=0&estimate_lower_body=0&estimate_accessories=0&estimate_body_basic_attributes=0"
                + "&use_exif_info=1&extract_exif=0&estimate_deepfake=0", "image/jpeg", TestPhotos.sample(1));
        assertThat(zero.status()).as(zero.toString()).isEqualTo(200);
        for (String flag : List.of("estimate_face_warp", "estimate_face_occlusion", "estimate_people_count",
                "estimate_body_descriptor", "estimate_upper_body")) {
            HttpProbe.Answer one = http().post("/1/sdk?" + flag + "=1", "image/jpeg", TestPhotos.sample(1));
            assertThat(one.status()).as(flag).isEqualTo(400);
            ServiceConventionsTest.assertLunaError(one, 14013);
            assertThat(one.json().get("detail").asString()).contains(flag);
        }
        ServiceConventionsTest.assertLunaError(http().post("/1/sdk?use_exif_info=0", "image/jpeg",
                TestPhotos.sample(1)), 101);
    }

    @Test
    void extractorRefusesARequestThatSelectsNothing() {
        HttpProbe.Answer answer = http().post("/1/extractor?extract_descriptor=0&extract_basic_attributes=0",
                "[\"" + UUID.randomUUID() + "\"]");
        assertThat(answer.status()).isEqualTo(400);
        ServiceConventionsTest.assertLunaError(answer, 14010);

        HttpProbe.Answer version = http().post("/1/extractor?descriptor_version=57", "[\"" + UUID.randomUUID() + "\"]");
        assertThat(version.status()).isEqualTo(400);
        ServiceConventionsTest.assertLunaError(version, 12050);

        HttpProbe.Answer unknown = http().post("/1/extractor?extract_everything=1", "[\"" + UUID.randomUUID() + "\"]");
        ServiceConventionsTest.assertLunaError(unknown, 101);

        HttpProbe.Answer empty = http().post("/1/extractor", "[]");
        assertThat(empty.status()).isEqualTo(400);
        ServiceConventionsTest.assertLunaError(empty, 102);
    }

    @Test
    void extractorNeedsAnAccount() {
        HttpProbe.Answer answer = HttpProbe.internal(port).post("/1/extractor", "[\"" + UUID.randomUUID() + "\"]");
        assertThat(answer.status()).isEqualTo(401);
        ServiceConventionsTest.assertLunaError(answer, 12041);
    }
}

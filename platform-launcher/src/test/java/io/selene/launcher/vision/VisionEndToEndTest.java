package io.selene.launcher.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.launcher.TestPlatform;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.Multipart;
import io.selene.testsupport.ServiceConventionsTest;
import io.selene.testsupport.TestPhotos;
import io.selene.vision.Similarity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The detector storing samples in Image Store and the extractor making temporary attributes in
 * Faces, on real photos with the real models: image-store, faces, handlers, accounts and the API
 * gateway in this JVM on free ports, as {@code bin/platform up} runs them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VisionEndToEndTest {

    private final UUID accountA = UUID.randomUUID();
    private final UUID accountB = UUID.randomUUID();
    private TestPlatform platform;

    @BeforeAll
    void start() {
        platform = TestPlatform.shared();
    }

    private HttpProbe handlers(UUID account) {
        return platform.internal("handlers-service", account);
    }

    private HttpProbe imageStore(UUID account) {
        return platform.internal("image-store-service", account);
    }

    private HttpProbe faces(UUID account) {
        return platform.internal("faces-service", account);
    }

    @Test
    void detectorStoresOneAlignedSamplePerFaceInTheCallersAccount() throws IOException {
        HttpProbe.Answer answer = handlers(accountA).post("/1/detector", "image/jpeg", TestPhotos.sample(1));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        JsonNode samples = answer.json().get("images").get(0).get("detections").get("samples");
        assertThat(samples).hasSize(3);
        for (JsonNode sample : samples) {
            String id = sample.get("face").get("sample_id").asString();
            assertThat(sample.get("face").get("url").asString()).isEqualTo("/6/samples/faces/" + id);
            HttpProbe.Answer stored = imageStore(accountA).get("/1/buckets/face-samples/images/" + id);
            assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
            BufferedImage warp = ImageIO.read(new ByteArrayInputStream(stored.body()));
            assertThat(warp.getWidth()).isEqualTo(250);
            assertThat(warp.getHeight()).isEqualTo(250);
            // another account does not see it
            assertThat(imageStore(accountB).get("/1/buckets/face-samples/images/" + id).status()).isEqualTo(404);
        }
    }

    @Test
    void extractorTurnsSamplesIntoTemporaryAttributesWithTheFacesDescriptor() {
        List<String> ids = sampleIds(handlers(accountA).post("/1/detector", "image/jpeg", TestPhotos.sample(4)));
        assertThat(ids).hasSize(4);
        float[] direct = sdkDescriptors(TestPhotos.sample(4)).getFirst();

        HttpProbe.Answer answer = handlers(accountA).post("/1/extractor?extract_basic_attributes=1",
                "[\"" + ids.getFirst() + "\"]");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        JsonNode attribute = answer.json().get(0);
        String attributeId = attribute.get("attribute_id").asString();
        assertThat(attribute.get("url").asString()).isEqualTo("/6/attributes/" + attributeId);
        assertThat(attribute.get("basic_attributes").get("age").asInt()).isBetween(10, 80);
        assertThat(attribute.get("samples").get(0).asString()).isEqualTo(ids.getFirst());
        assertThat(attribute.get("score").asDouble()).isBetween(0.0, 1.0);

        HttpProbe.Answer stored = faces(accountA).get("/3/attributes/" + attributeId);
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        JsonNode descriptor = stored.json().get("descriptors").get(0);
        assertThat(descriptor.get("version").asInt()).isEqualTo(201);
        float[] fromSample = DescriptorCodec.decodeRawBase64(descriptor.get("data").asString(), 201).values();
        // the sample was stored as JPEG and re-warped: still the same face as the SDK's direct descriptor
        assertThat(Similarity.cosine(direct, fromSample)).isGreaterThanOrEqualTo(0.85);
        assertThat(stored.json().get("sample_ids").get(0).asString()).isEqualTo(ids.getFirst());
    }

    @Test
    void aggregationIsTheRenormalisedMeanOfTheSamplesDescriptors() {
        // one face of sample3 and the same face on the mirrored photo (found at the mirrored position)
        JsonNode original = faces(handlers(accountA).post("/1/detector", "image/jpeg", TestPhotos.sample(3)));
        JsonNode flipped = faces(handlers(accountA).post("/1/detector", "image/jpeg", mirrored(TestPhotos.sample(3))));
        JsonNode face = original.get(0).get("face");
        double mirroredX = 1920 - centreX(face);
        JsonNode twin = null;
        for (JsonNode candidate : flipped) {
            if (twin == null || Math.abs(centreX(candidate.get("face")) - mirroredX)
                    < Math.abs(centreX(twin.get("face")) - mirroredX)) {
                twin = candidate;
            }
        }
        List<String> both = List.of(face.get("sample_id").asString(), twin.get("face").get("sample_id").asString());

        float[] one = attributeDescriptor(extract("[\"" + both.get(0) + "\"]", "").get(0));
        float[] two = attributeDescriptor(extract("[\"" + both.get(1) + "\"]", "").get(0));
        JsonNode aggregated = extract("{\"samples\": [\"" + both.get(0) + "\", {\"sample_id\": \"" + both.get(1)
                + "\"}]}", "&aggregate_attributes=1");

        assertThat(aggregated).hasSize(1);
        assertThat(aggregated.get(0).get("samples")).hasSize(2);
        float[] mean = attributeDescriptor(aggregated.get(0));
        float[] expected = Similarity.aggregate(List.of(one, two));
        assertThat(Similarity.cosine(mean, expected)).isGreaterThan(0.9999);
        assertThat(Similarity.cosine(one, two)).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void anotherAccountCannotExtractFromYourSamples() {
        List<String> ids = sampleIds(handlers(accountA).post("/1/detector", "image/jpeg", TestPhotos.sample(2)));

        HttpProbe.Answer answer = handlers(accountB).post("/1/extractor", "[\"" + ids.getFirst() + "\"]");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
        ServiceConventionsTest.assertLunaError(answer, 14011);
    }

    @Test
    void throughTheGatewayDetectorSamplesSdkAndExtractorWork() {
        HttpProbe user = platform.newAccount().api();

        HttpProbe.Answer detected = user.post("/6/detector", "image/jpeg", TestPhotos.sample(5));
        assertThat(detected.status()).as(detected.toString()).isEqualTo(201);
        List<String> ids = sampleIds(detected);
        assertThat(ids).hasSize(5);
        HttpProbe.Answer sample = user.get("/6/samples/faces/" + ids.getFirst());
        assertThat(sample.status()).as(sample.toString()).isEqualTo(200);

        HttpProbe.Answer sdk = user.post("/6/sdk?estimate_face_descriptor=1", "image/jpeg", TestPhotos.sample(5));
        assertThat(sdk.status()).as(sdk.toString()).isEqualTo(200);
        assertThat(sdk.json().get("images_estimations").get(0).get("estimations")).hasSize(5);

        // multipart passes through the gateway untouched (the gateway must not parse it itself)
        Multipart two = Multipart.images(List.of(TestPhotos.sample(1), TestPhotos.sample(5)));
        HttpProbe.Answer parts = user.post("/6/sdk", two.contentType(), two.body());
        assertThat(parts.status()).as(parts.toString()).isEqualTo(200);
        assertThat(parts.json().get("images_estimations")).hasSize(2);
        assertThat(parts.json().get("images_estimations").get(1).get("estimations")).hasSize(5);

        HttpProbe.Answer extracted = user.post("/6/extractor", "[\"" + ids.getFirst() + "\"]");
        assertThat(extracted.status()).as(extracted.toString()).isEqualTo(201);
        assertThat(extracted.json().get(0).get("attribute_id").asString()).isNotBlank();

        assertThat(platform.api().post("/6/sdk", "image/jpeg", TestPhotos.sample(5)).status())
                .as("no credentials").isEqualTo(401);
    }

    private JsonNode extract(String body, String query) {
        HttpProbe.Answer answer = handlers(accountA).post("/1/extractor?extract_descriptor=1" + query, body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json();
    }

    private float[] attributeDescriptor(JsonNode attribute) {
        HttpProbe.Answer stored = faces(accountA).get("/3/attributes/" + attribute.get("attribute_id").asString());
        assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
        return DescriptorCodec.decodeRawBase64(stored.json().get("descriptors").get(0).get("data").asString(), 201)
                .values();
    }

    private List<float[]> sdkDescriptors(byte[] image) {
        HttpProbe.Answer answer = handlers(accountA).post("/1/sdk?estimate_face_descriptor=1", "image/jpeg", image);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<float[]> out = new ArrayList<>();
        for (JsonNode estimation : answer.json().get("images_estimations").get(0).get("estimations")) {
            out.add(DescriptorCodec.fromSdkBase64(estimation.get("face").get("attributes").get("descriptor")
                    .get("sdk_descriptor").asString()).values());
        }
        return out;
    }

    private static JsonNode faces(HttpProbe.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().get("images").get(0).get("detections").get("samples");
    }

    private static double centreX(JsonNode face) {
        JsonNode rect = face.get("detection").get("rect");
        return rect.get("x").asDouble() + rect.get("width").asDouble() / 2;
    }

    private static List<String> sampleIds(HttpProbe.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        for (JsonNode sample : answer.json().get("images").get(0).get("detections").get("samples")) {
            ids.add(sample.get("face").get("sample_id").asString());
        }
        return ids;
    }

    /**
     * {@code /6/sdk?aggregate_attributes=1}: one face estimation over several images of a person
     * ({@code aggregate_estimations.face.attributes}), its descriptor the renormalised mean of each image's
     * descriptor, usable as a reference like any SDK descriptor.
     */
    @Test
    void sdkAggregatesOnePersonsImagesIntoOneDescriptor() throws IOException {
        HttpProbe user = platform.newAccount().api();
        // two photos of one person: a face of sample3 cropped with context, and that crop mirrored
        HttpProbe.Answer whole = user.post("/6/sdk", "image/jpeg", TestPhotos.sample(3));
        assertThat(whole.status()).as(whole.toString()).isEqualTo(200);
        JsonNode rect = whole.json().get("images_estimations").get(0).get("estimations").get(0).get("face")
                .get("detection").get("rect");
        byte[] crop = crop(TestPhotos.sample(3), rect, 1.6);
        List<byte[]> photos = List.of(crop, mirrored(crop));

        Multipart both = Multipart.images(photos);
        HttpProbe.Answer answer = user.post("/6/sdk?estimate_face_descriptor=1&estimate_basic_attributes=1"
                + "&aggregate_attributes=1", both.contentType(), both.body());

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<float[]> each = new ArrayList<>();
        for (JsonNode image : answer.json().get("images_estimations")) {
            assertThat(image.get("estimations")).as("one face per photo").hasSize(1);
            each.add(DescriptorCodec.fromSdkBase64(image.get("estimations").get(0).get("face").get("attributes")
                    .get("descriptor").get("sdk_descriptor").asString()).values());
        }
        JsonNode aggregated = answer.json().get("aggregate_estimations").get("face").get("attributes");
        float[] mean = DescriptorCodec.fromSdkBase64(aggregated.get("descriptor").get("sdk_descriptor").asString())
                .values();
        assertThat(Similarity.cosine(mean, Similarity.aggregate(each))).isGreaterThan(0.9999);
        assertThat(Similarity.cosine(mean, each.get(0))).isGreaterThan(Similarity.cosine(each.get(0), each.get(1)));
        assertThat(aggregated.get("descriptor").get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(aggregated.get("basic_attributes").get("age").asInt()).isBetween(10, 80);

        // the aggregated descriptor is a reference like any other: it verifies against each photo
        String raw = "{\"references\":[{\"id\":\"person\",\"type\":\"sdk_descriptor\",\"data\":\""
                + aggregated.get("descriptor").get("sdk_descriptor").asString() + "\"}],\"candidates\":[{\"id\":\"photo\","
                + "\"type\":\"sdk_descriptor\",\"data\":\"" + answer.json().get("images_estimations").get(1)
                .get("estimations").get(0).get("face").get("attributes").get("descriptor").get("sdk_descriptor")
                .asString() + "\"}]}";
        HttpProbe.Answer matched = user.post("/6/matcher/raw", raw);
        assertThat(matched.status()).as(matched.toString()).isEqualTo(200);
        assertThat(matched.json().get("matches").get(0).get("matches").get(0).get("similarity").asDouble())
                .isGreaterThan(0.9);

        // without the flag nothing is aggregated; a bad value is refused like any flag
        HttpProbe.Answer plain = user.post("/6/sdk?estimate_face_descriptor=1", both.contentType(), both.body());
        assertThat(plain.json().has("aggregate_estimations")).isFalse();
        HttpProbe.Answer bad = user.post("/6/sdk?aggregate_attributes=2", "image/jpeg", crop);
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        ServiceConventionsTest.assertLunaError(bad, 101);
    }

    /** The face at {@code rect} with {@code scale}× its side around it, as a JPEG. */
    private static byte[] crop(byte[] jpeg, JsonNode rect, double scale) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        double side = Math.max(rect.get("width").asDouble(), rect.get("height").asDouble()) * scale;
        int x = (int) Math.max(0, rect.get("x").asDouble() + rect.get("width").asDouble() / 2 - side / 2);
        int y = (int) Math.max(0, rect.get("y").asDouble() + rect.get("height").asDouble() / 2 - side / 2);
        int w = (int) Math.min(side, image.getWidth() - x);
        int h = (int) Math.min(side, image.getHeight() - y);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        var g = out.createGraphics();
        g.drawImage(image.getSubimage(x, y, w, h), 0, 0, null);
        g.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(out, "jpeg", bytes);
        return bytes.toByteArray();
    }

    private static byte[] mirrored(byte[] jpeg) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            BufferedImage flipped = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            var g = flipped.createGraphics();
            g.drawImage(image, image.getWidth(), 0, -image.getWidth(), image.getHeight(), null);
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(flipped, "jpeg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

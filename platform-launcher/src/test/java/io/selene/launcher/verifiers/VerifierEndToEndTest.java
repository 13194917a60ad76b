package io.selene.launcher.verifiers;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.launcher.TestPlatform;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Verifiers through {@code /6} on real photos with the real models, against faces, temporary
 * attributes and events stored by faces-service and events-service. "The same person" is a face of
 * sample1 enrolled from the full photo and verified with another picture of it (cropped, halved and
 * re-compressed); "another person" is a different face of the same photo (the test photos hold no
 * person twice; different people on them stay below cosine 0.36, vision-engine/README.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerifierEndToEndTest {

    private TestPlatform platform;
    private HttpProbe asA;
    private HttpProbe asB;
    private UUID accountA;
    /** The enrolled person's face (A), a different person's face (A), and A's verifier. */
    private String anna;
    private String boris;
    private String verifier;
    private String annaDescriptor;
    private String borisDescriptor;
    private byte[] annaPhoto;

    @BeforeAll
    void start() {
        platform = TestPlatform.shared();
        TestPlatform.Account a = platform.newAccount();
        asA = a.api();
        asB = platform.newAccount().api();
        accountA = a.id();

        // Enrol two people of sample1 (whole photo) for A.
        JsonNode faces = sdk(TestPhotos.sample(1));
        assertThat(faces).hasSize(3);
        annaDescriptor = rawDescriptor(faces.get(0));
        anna = createFace(asA, annaDescriptor, "anna");
        borisDescriptor = rawDescriptor(faces.get(1));
        boris = createFace(asA, borisDescriptor, "boris");
        // Another picture of anna: her face cropped with a margin, halved and re-compressed.
        annaPhoto = otherPicture(TestPhotos.sample(1), faces.get(0).get("face").get("detection").get("rect"));
        verifier = created(asA.post("/6/verifiers", "{\"description\": \"door\"}"));
    }

    @Test
    void theSamePersonIsVerifiedAndAnotherPersonIsNot() {
        HttpProbe.Answer answer = asA.post("/6/verifiers/" + verifier + "/verifications?face_ids=" + anna + ","
                + boris, "image/jpeg", annaPhoto);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode image = answer.json().get("images").get(0);
        assertThat(image.get("status").asInt()).isEqualTo(1);
        JsonNode detections = image.get("detections").get("face_detections");
        assertThat(detections).hasSize(1);
        JsonNode detection = detections.get(0);
        assertThat(detection.get("sample").get("face").get("detection").get("rect").get("width").asInt())
                .isGreaterThan(40);
        JsonNode verifications = detection.get("verifications");
        assertThat(verifications).hasSize(2);
        assertThat(verifications.get(0).get("face").get("face_id").asString()).isEqualTo(anna);
        assertThat(verifications.get(0).get("similarity").asDouble()).isGreaterThan(0.9);
        assertThat(verifications.get(0).get("status").asBoolean()).isTrue();
        assertThat(verifications.get(1).get("face").get("face_id").asString()).isEqualTo(boris);
        assertThat(verifications.get(1).get("similarity").asDouble()).isLessThan(0.5);
        assertThat(verifications.get(1).get("status").asBoolean()).isFalse();
    }

    @Test
    void theThresholdOfTheVerifierDecidesTheStatus() {
        String strict = created(asA.post("/6/verifiers", "{\"policies\": {\"verification_threshold\": 1.0, "
                + "\"detect_policy\": {\"estimate_head_pose\": 1}, \"extract_policy\": {\"extract_basic_attributes\": 1}}}"));

        HttpProbe.Answer answer = asA.post("/6/verifiers/" + strict + "/verifications?face_ids=" + anna, "image/jpeg",
                annaPhoto);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode detection = answer.json().get("images").get(0).get("detections").get("face_detections").get(0);
        JsonNode verification = detection.get("verifications").get(0);
        assertThat(verification.get("similarity").asDouble()).isGreaterThan(0.9).isLessThan(1.0);
        assertThat(verification.get("status").asBoolean()).isFalse();
        assertThat(detection.get("face_attributes").get("basic_attributes").get("age").asInt()).isBetween(10, 80);
        assertThat(detection.get("face_attributes").get("head_pose").has("yaw")).isTrue();
    }

    @Test
    void theStoragePolicyKeepsTheSampleAndTheAttributeOfAVerifiedFace() {
        String keeping = created(asA.post("/6/verifiers", "{\"policies\": {\"storage_policy\": {"
                + "\"face_sample_policy\": {\"store_sample\": 1}, \"attribute_policy\": {\"store_attribute\": 1, "
                + "\"ttl\": 600}}}}"));

        HttpProbe.Answer answer = asA.post("/6/verifiers/" + keeping + "/verifications?face_ids=" + anna, "image/jpeg",
                annaPhoto);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        JsonNode detection = answer.json().get("images").get(0).get("detections").get("face_detections").get(0);
        String sampleId = detection.get("sample").get("face").get("sample_id").asString();
        assertThat(detection.get("sample").get("face").get("url").asString()).isEqualTo("/6/samples/faces/" + sampleId);
        assertThat(asA.get("/6/samples/faces/" + sampleId).status()).isEqualTo(200);
        assertThat(asB.get("/6/samples/faces/" + sampleId).status()).isEqualTo(404);
        String attributeId = detection.get("face_attributes").get("attribute_id").asString();
        HttpProbe.Answer attribute = asA.get("/6/attributes/" + attributeId);
        assertThat(attribute.status()).as(attribute.toString()).isEqualTo(200);
        assertThat(attribute.json().get("sample_ids").get(0).asString()).isEqualTo(sampleId);
        // the kept attribute is anna: verifying the photo against it passes
        HttpProbe.Answer again = asA.post("/6/verifiers/" + verifier + "/verifications?attribute_ids=" + attributeId,
                "image/jpeg", annaPhoto);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        JsonNode verification = again.json().get("images").get(0).get("detections").get("face_detections").get(0)
                .get("verifications").get(0);
        assertThat(verification.get("similarity").asDouble()).isGreaterThan(0.99);
        assertThat(verification.get("status").asBoolean()).isTrue();
    }

    @Test
    void attributesExternalIdsAndEventsAreCandidatesToo() {
        String attribute = created(asA.post("/6/attributes", "{\"descriptors\": [{\"version\": 201, \"data\": \""
                + annaDescriptor + "\"}]}"));
        String event = annaEvent();

        HttpProbe.Answer answer = asA.post("/6/verifiers/" + verifier + "/verifications?attribute_ids=" + attribute
                + "&external_ids=anna&event_ids=" + event, "image/jpeg", annaPhoto);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode verifications = answer.json().get("images").get(0).get("detections").get("face_detections").get(0)
                .get("verifications");
        assertThat(verifications).hasSize(3);
        assertThat(verifications.get(0).get("attribute").get("attribute_id").asString()).isEqualTo(attribute);
        assertThat(verifications.get(1).get("event").get("event_id").asString()).isEqualTo(event);
        assertThat(verifications.get(2).get("face").get("face_id").asString()).isEqualTo(anna);
        assertThat(verifications.get(2).get("face").get("external_id").asString()).isEqualTo("anna");
        for (JsonNode verification : verifications) {
            assertThat(verification.get("status").asBoolean()).as(verification.toString()).isTrue();
        }
    }

    @Test
    void anotherAccountCanNeitherUseTheVerifierNorVerifyAgainstItsFaces() {
        HttpProbe.Answer foreignVerifier = asB.post("/6/verifiers/" + verifier + "/verifications?face_ids=" + anna,
                "image/jpeg", annaPhoto);
        assertThat(foreignVerifier.status()).as(foreignVerifier.toString()).isEqualTo(404);
        assertLunaError(foreignVerifier, 14240);

        String own = created(asB.post("/6/verifiers", "{}"));
        HttpProbe.Answer foreignFace = asB.post("/6/verifiers/" + own + "/verifications?face_ids=" + anna,
                "image/jpeg", annaPhoto);
        HttpProbe.Answer missingFace = asB.post("/6/verifiers/" + own + "/verifications?face_ids=" + UUID.randomUUID(),
                "image/jpeg", annaPhoto);
        assertThat(foreignFace.status()).as(foreignFace.toString()).isEqualTo(404);
        assertLunaError(foreignFace, 22002);
        assertThat(missingFace.json().get("error_code")).isEqualTo(foreignFace.json().get("error_code"));
        assertThat(foreignFace.text()).doesNotContain("similarity");
        HttpProbe.Answer foreignExternal = asB.post("/6/verifiers/" + own + "/verifications?external_ids=anna",
                "image/jpeg", annaPhoto);
        assertLunaError(foreignExternal, 14244);
        String attribute = created(asA.post("/6/attributes", "{\"descriptors\": [{\"version\": 201, \"data\": \""
                + annaDescriptor + "\"}]}"));
        assertLunaError(asB.post("/6/verifiers/" + own + "/verifications?attribute_ids=" + attribute, "image/jpeg",
                annaPhoto), 22011);
        assertLunaError(asB.post("/6/verifiers/" + own + "/verifications?event_ids=" + annaEvent(), "image/jpeg",
                annaPhoto), 14243);
        assertThat(asB.get("/6/verifiers/" + verifier).status()).isEqualTo(404);
    }

    @Test
    void aFarPresetStandsForTheThresholdAndEveryVerificationStatesItsFar() {
        String byFar = created(asA.post("/6/verifiers", "{\"policies\": {\"verification_far\": 1e-4}}"));
        JsonNode stored = asA.get("/6/verifiers/" + byFar).json().get("policies");
        assertThat(stored.get("verification_far").asDouble()).isEqualTo(1e-4);

        HttpProbe.Answer answer = asA.post("/6/verifiers/" + byFar + "/verifications?face_ids=" + anna + "," + boris,
                "image/jpeg", annaPhoto);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode verifications = answer.json().get("images").get(0).get("detections").get("face_detections").get(0)
                .get("verifications");
        // anna's other picture is far rarer among strangers than 1 in 10^4; boris is an ordinary stranger
        assertThat(verifications.get(0).get("far").asDouble()).isLessThan(1e-4);
        assertThat(verifications.get(0).get("status").asBoolean()).isTrue();
        assertThat(verifications.get(1).get("far").asDouble()).isGreaterThan(1e-3);
        assertThat(verifications.get(1).get("status").asBoolean()).isFalse();

        HttpProbe.Answer notPreset = asA.post("/6/verifiers", "{\"policies\": {\"verification_far\": 0.01}}");
        assertThat(notPreset.status()).as(notPreset.toString()).isEqualTo(400);
        assertLunaError(notPreset, 12056);
        assertThat(notPreset.json().get("detail").asString()).contains("policies.verification_far");
    }

    @Test
    void badInputIsRefusedNamingTheProblem() {
        String verify = "/6/verifiers/" + verifier + "/verifications";
        HttpProbe.Answer noFace = asA.post(verify + "?face_ids=" + anna, "image/jpeg", plainJpeg());
        assertThat(noFace.status()).as(noFace.toString()).isEqualTo(400);
        assertLunaError(noFace, 14246);

        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(UUID.randomUUID().toString());
        }
        HttpProbe.Answer tooMany = asA.post(verify + "?face_ids=" + String.join(",", eleven), "image/jpeg", annaPhoto);
        assertLunaError(tooMany, 101);
        assertThat(tooMany.json().get("detail").asString()).contains("face_ids");

        HttpProbe.Answer badId = asA.post(verify + "?attribute_ids=not-an-id", "image/jpeg", annaPhoto);
        assertLunaError(badId, 101);
        assertThat(badId.json().get("detail").asString()).contains("attribute_ids");

        assertLunaError(asA.post(verify, "image/jpeg", annaPhoto), 14241);
        assertLunaError(asA.post(verify + "?face_ids=" + anna + "&colour=red", "image/jpeg", annaPhoto), 101);

        // one bad image of a multipart batch answers on its own; the others are verified
        byte[] noise = new byte[2048];
        new Random(3).nextBytes(noise);
        String boundary = "verifier-" + UUID.randomUUID();
        HttpProbe.Answer batch = asA.post(verify + "?face_ids=" + anna, "multipart/form-data; boundary=" + boundary,
                TestPhotos.multipart(boundary, List.of("anna.jpg", "noise.jpg", "plain.jpg"),
                        List.of(annaPhoto, noise, plainJpeg())));
        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        JsonNode images = batch.json().get("images");
        assertThat(images.get(0).get("filename").asString()).isEqualTo("anna.jpg");
        assertThat(images.get(0).get("detections").get("face_detections").get(0).get("verifications").get(0)
                .get("status").asBoolean()).isTrue();
        assertThat(images.get(1).get("error").get("error_code").asInt()).isEqualTo(14001);
        assertThat(images.get(2).get("error").get("error_code").asInt()).isEqualTo(14246);

        // JSON with base64 images works as on /6/sdk
        HttpProbe.Answer json = asA.post(verify + "?face_ids=" + anna, "{\"images\": [{\"image\": \""
                + Base64.getEncoder().encodeToString(annaPhoto) + "\", \"filename\": \"anna\"}]}");
        assertThat(json.status()).as(json.toString()).isEqualTo(200);
        assertThat(json.json().get("images").get(0).get("filename").asString()).isEqualTo("anna");
    }

    @Test
    void rawVerificationComparesPostedDescriptorsWithTheVerifiersThreshold() {
        // anna as a door camera would send her: the SDK descriptor of the other picture
        String doorCamera = sdk(annaPhoto).get(0).get("face").get("attributes").get("descriptor").get("sdk_descriptor")
                .asString();
        String body = "{\"references\": [{\"id\": \"door\", \"type\": \"sdk_descriptor\", \"data\": \""
                + doorCamera + "\"}], \"candidates\": [" + rawItem("boris", borisDescriptor) + ", "
                + rawItem("anna", annaDescriptor) + "]}";

        HttpProbe.Answer answer = asA.post("/6/verifiers/" + verifier + "/raw", body);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode reference = answer.json().get("matches").get(0);
        assertThat(reference.get("reference_id").asString()).isEqualTo("door");
        JsonNode pairs = reference.get("matches");
        assertThat(pairs).hasSize(2);
        assertThat(pairs.get(0).get("candidate_id").asString()).isEqualTo("anna");
        assertThat(pairs.get(0).get("similarity").asDouble()).isGreaterThan(0.9);
        assertThat(pairs.get(0).get("status").asBoolean()).isTrue();
        assertThat(pairs.get(1).get("candidate_id").asString()).isEqualTo("boris");
        assertThat(pairs.get(1).get("similarity").asDouble()).isLessThan(0.5);
        assertThat(pairs.get(1).get("status").asBoolean()).isFalse();

        // the same pair under a verifier whose threshold anna's other picture does not reach
        String strict = created(asA.post("/6/verifiers", "{\"policies\": {\"verification_threshold\": 1.0}}"));
        JsonNode strictPairs = asA.post("/6/verifiers/" + strict + "/raw", body).json().get("matches").get(0)
                .get("matches");
        assertThat(strictPairs.get(0).get("similarity").asDouble()).isEqualTo(pairs.get(0).get("similarity").asDouble());
        assertThat(strictPairs.get(0).get("status").asBoolean()).isFalse();

        // another account cannot use A's verifier, even with its own descriptors
        HttpProbe.Answer foreign = asB.post("/6/verifiers/" + verifier + "/raw", body);
        assertThat(foreign.status()).isEqualTo(404);
        assertLunaError(foreign, 14240);
        assertThat(foreign.text()).doesNotContain("similarity");

        // bad input names the problem
        assertLunaError(asA.post("/6/verifiers/" + verifier + "/raw", "{\"references\": [" + rawItem("a", annaDescriptor)
                + "], \"candidates\": [" + rawItem("b", borisDescriptor) + "], \"limit\": 1}"), 102);
        assertLunaError(asA.post("/6/verifiers/" + verifier + "/raw", "{\"references\": [], \"candidates\": ["
                + rawItem("b", borisDescriptor) + "]}"), 102);
        HttpProbe.Answer shortDescriptor = asA.post("/6/verifiers/" + verifier + "/raw", "{\"references\": ["
                + rawItem("a", "AAAA") + "], \"candidates\": [" + rawItem("b", borisDescriptor) + "]}");
        assertThat(shortDescriptor.status()).isEqualTo(400);
        assertLunaError(shortDescriptor, 12051);
        assertThat(shortDescriptor.json().get("detail").asString()).contains("references[0]");
    }

    // ------------------------------------------------------------------ helpers

    private static String rawItem(String id, String descriptor) {
        return "{\"id\": \"" + id + "\", \"type\": \"raw_descriptor\", \"descriptor_version\": 201, \"data\": \""
                + descriptor + "\"}";
    }

    /** An event of A with anna's descriptor, stored straight in events-service (as a handler would). */
    private String annaEvent() {
        HttpProbe.Answer stored = platform.internal("events-service", accountA).post("/2/events",
                "{\"events\": [{\"source\": \"verifier test\", \"descriptor\": {\"version\": 201, \"data\": \""
                        + annaDescriptor + "\"}}]}");
        assertThat(stored.status()).as(stored.toString()).isEqualTo(201);
        return stored.json().get("events").get(0).get("event_id").asString();
    }

    private JsonNode sdk(byte[] photo) {
        HttpProbe.Answer answer = asA.post("/6/sdk?estimate_face_descriptor=1", "image/jpeg", photo);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().get("images_estimations").get(0).get("estimations");
    }

    private static String rawDescriptor(JsonNode estimation) {
        return DescriptorCodec.fromSdkBase64(estimation.get("face").get("attributes").get("descriptor")
                .get("sdk_descriptor").asString()).rawBase64();
    }

    private static String createFace(HttpProbe account, String descriptor, String externalId) {
        return created(account.post("/6/faces", "{\"descriptors\": [{\"version\": 201, \"data\": \"" + descriptor
                + "\"}], \"external_id\": \"" + externalId + "\"}"));
    }

    private static String created(HttpProbe.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        for (String field : answer.json().propertyNames()) {
            if (field.endsWith("_id")) {
                return answer.json().get(field).asString();
            }
        }
        throw new AssertionError("no id in " + answer);
    }

    /** The face at {@code rect} with a margin of half a face width, scaled to half size, JPEG quality 0.6. */
    private static byte[] otherPicture(byte[] photo, JsonNode rect) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(photo));
            int w = rect.get("width").asInt();
            int x0 = Math.max(0, rect.get("x").asInt() - w / 2);
            int y0 = Math.max(0, rect.get("y").asInt() - w / 2);
            int x1 = Math.min(image.getWidth(), rect.get("x").asInt() + w + w / 2);
            int y1 = Math.min(image.getHeight(), rect.get("y").asInt() + w + w / 2);
            BufferedImage crop = new BufferedImage((x1 - x0) / 2, (y1 - y0) / 2, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = crop.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, crop.getWidth(), crop.getHeight(), x0, y0, x1, y1, null);
            g.dispose();
            return jpeg(crop, 0.6f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 200×200 picture of a plain orange disc: decodable, no face. */
    private static byte[] plainJpeg() {
        BufferedImage image = new BufferedImage(200, 200, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 120, 40));
        g.fillOval(20, 20, 160, 160);
        g.dispose();
        return jpeg(image, 0.9f);
    }

    private static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}

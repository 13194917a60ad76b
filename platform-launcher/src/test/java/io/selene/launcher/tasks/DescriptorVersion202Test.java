package io.selene.launcher.tasks;

import static io.selene.launcher.tasks.TaskProbes.create;
import static io.selene.launcher.tasks.TaskProbes.done;
import static io.selene.launcher.tasks.TaskProbes.result;
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
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Descriptor version 202 (HSE FaceRec, bin/fetch-face-model-202) through {@code /6} on the real test photos:
 * extraction by {@code descriptor_version}, matching of 202 descriptors (the same person above other people),
 * refusal of mixed versions (12054) and of a FAR preset without a 202 table (12057), and the additional
 * extraction task giving stored faces a 202 descriptor of their samples. "The same person" is a face of
 * sample1 and another picture of it (a crop around it, halved, re-compressed): the photos hold no person twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DescriptorVersion202Test {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpProbe api;
    private HttpProbe other;

    @BeforeAll
    void start() {
        TestPlatform platform = TestPlatform.shared();
        api = platform.newAccount().api();
        other = platform.newAccount().api();
    }

    @Test
    void sdkExtractsTheVersionAskedForAndTheDefaultOtherwise() {
        for (JsonNode estimation : sdk(TestPhotos.sample(1), 202)) {
            DescriptorCodec.Descriptor descriptor = descriptor(estimation);
            assertThat(descriptor.version().number()).isEqualTo(202);
            assertThat(descriptor.values()).hasSize(1024);
        }
        assertThat(descriptor(sdk(TestPhotos.sample(1), 0).get(0)).version().number()).isEqualTo(201);
        HttpProbe.Answer unknown = api.post("/6/sdk?estimate_face_descriptor=1&descriptor_version=57", "image/jpeg",
                TestPhotos.sample(1));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.json().get("error_code").asInt()).isEqualTo(12050);
    }

    @Test
    void theSamePersonIsMoreSimilarThanOtherPeopleAndVersionsAreNotMixed() throws IOException {
        JsonNode faces = sdk(TestPhotos.sample(1), 202);
        assertThat(faces).hasSize(3);
        byte[] again = otherPicture(TestPhotos.sample(1), faces.get(0).get("face").get("detection").get("rect"));
        String probe = sdkDescriptor(sdk(again, 202).get(0));
        HttpProbe.Answer match = api.post("/6/matcher/raw", "{\"references\": [" + item("probe", probe) + "], "
                + "\"candidates\": [" + item("same", sdkDescriptor(faces.get(0))) + ", " + item("other1",
                sdkDescriptor(faces.get(1))) + ", " + item("other2", sdkDescriptor(faces.get(2))) + "]}");
        assertThat(match.status()).as(match.toString()).isEqualTo(200);
        JsonNode found = match.json().get("matches").get(0).get("matches");
        assertThat(found.get(0).get("candidate_id").asString()).isEqualTo("same");
        double same = found.get(0).get("similarity").asDouble();
        assertThat(same).isGreaterThan(0.9);
        for (int i = 1; i < found.size(); i++) {
            assertThat(found.get(i).get("similarity").asDouble()).isLessThan(same).isLessThan(0.5);
        }
        // no FAR table for 202: no far in the answer, and a FAR preset is refused
        assertThat(found.get(0).has("far")).isFalse();
        HttpProbe.Answer far = api.post("/6/matcher/raw", "{\"far\": 0.001, \"references\": [" + item("probe", probe)
                + "], \"candidates\": [" + item("same", sdkDescriptor(faces.get(0))) + "]}");
        assertThat(far.status()).as(far.toString()).isEqualTo(400);
        assertThat(far.json().get("error_code").asInt()).isEqualTo(12057);

        // a 201 descriptor against 202 candidates: refused, not compared
        String probe201 = sdkDescriptor(sdk(again, 0).get(0));
        HttpProbe.Answer mixed = api.post("/6/matcher/raw", "{\"references\": [" + item("probe", probe201) + "], "
                + "\"candidates\": [" + item("same", sdkDescriptor(faces.get(0))) + "]}");
        assertThat(mixed.status()).as(mixed.toString()).isEqualTo(400);
        assertThat(mixed.json().get("error_code").asInt()).isEqualTo(12054);
        assertThat(mixed.json().get("detail").asString()).contains("201").contains("202");

        // a 202 descriptor against a list (whose faces are matched by their 201 descriptors): refused
        String list = api.post("/6/lists", "{\"user_data\": \"v202\"}").json().get("list_id").asString();
        HttpProbe.Answer face = api.post("/6/faces", "{\"descriptors\": [{\"version\": 201, \"data\": \""
                + descriptor(sdk(TestPhotos.sample(1), 0).get(0)).rawBase64() + "\"}], \"lists\": [\"" + list + "\"]}");
        assertThat(face.status()).as(face.toString()).isEqualTo(201);
        HttpProbe.Answer againstList = api.post("/6/matcher/faces", "{\"references\": [" + item("probe", probe)
                + "], \"candidates\": [{\"filters\": {\"origin\": \"faces\", \"list_id\": \"" + list + "\"}}]}");
        assertThat(againstList.status()).as(againstList.toString()).isEqualTo(400);
        assertThat(againstList.json().get("error_code").asInt()).isEqualTo(12054);
        assertThat(againstList.json().get("detail").asString()).contains("202 and 201");
    }

    @Test
    void additionalExtractionGivesStoredFacesA202DescriptorOfTheirSamples() throws IOException {
        HttpProbe.Answer detected = api.post("/6/detector", "image/jpeg", TestPhotos.sample(1));
        assertThat(detected.status()).as(detected.toString()).isEqualTo(201);
        List<String> samples = new ArrayList<>();
        detected.json().get("images").get(0).get("detections").get("samples")
                .forEach(sample -> samples.add(sample.get("face").get("sample_id").asString()));
        String marker = "v202-" + UUID.randomUUID();
        List<String> faces = new ArrayList<>();
        for (String sample : samples) {
            faces.add(api.post("/6/faces", "{\"user_data\": \"" + marker + "\", \"sample_ids\": [\"" + sample
                    + "\"]}").json().get("face_id").asString());
        }
        long task = create(api, "additional_extract", "{\"content\": {\"extraction_target\": \"face_descriptor\", "
                + "\"options\": {\"descriptor_version\": 202, \"missing\": 1}, \"filters\": {\"objects_type\": "
                + "\"faces\", \"user_data\": \"" + marker + "\"}}}");
        done(api, task);
        JsonNode outcome = JSON.readTree(result(api, task).body());
        List<String> extracted = new ArrayList<>();
        outcome.get("extracted").forEach(id -> extracted.add(id.asString()));
        assertThat(extracted).containsExactlyInAnyOrderElementsOf(faces);

        // the stored descriptor is what the extractor makes of the same sample at 202
        HttpProbe.Answer attribute = api.post("/6/extractor?descriptor_version=202", "[\"" + samples.getFirst()
                + "\"]");
        assertThat(attribute.status()).as(attribute.toString()).isEqualTo(201);
        assertThat(attribute.json().get(0).get("descriptor_version").asInt()).isEqualTo(202);
        String expected = api.get("/6/attributes/" + attribute.json().get(0).get("attribute_id").asString()).json()
                .get("descriptors").get(0).get("data").asString();
        JsonNode stored = api.get("/6/faces/" + faces.getFirst() + "/attributes").json().get("attributes")
                .get("descriptors");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).get("version").asInt()).isEqualTo(202);
        assertThat(stored.get(0).get("data").asString()).isEqualTo(expected);

        // another account cannot extract from these samples
        HttpProbe.Answer foreign = other.post("/6/extractor?descriptor_version=202", "[\"" + samples.getFirst()
                + "\"]");
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
        assertThat(foreign.json().get("error_code").asInt()).isEqualTo(14011);
    }

    private JsonNode sdk(byte[] photo, int version) {
        HttpProbe.Answer answer = api.post("/6/sdk?estimate_face_descriptor=1"
                + (version == 0 ? "" : "&descriptor_version=" + version), "image/jpeg", photo);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().get("images_estimations").get(0).get("estimations");
    }

    private static String sdkDescriptor(JsonNode estimation) {
        return estimation.get("face").get("attributes").get("descriptor").get("sdk_descriptor").asString();
    }

    private static DescriptorCodec.Descriptor descriptor(JsonNode estimation) {
        return DescriptorCodec.fromSdkBase64(sdkDescriptor(estimation));
    }

    private static String item(String id, String sdkDescriptor) {
        return "{\"id\": \"" + id + "\", \"type\": \"sdk_descriptor\", \"data\": \"" + sdkDescriptor + "\"}";
    }

    /** The face at {@code rect} cropped with half its width around it, halved and re-compressed. */
    private static byte[] otherPicture(byte[] photo, JsonNode rect) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(photo));
        int w = rect.get("width").asInt();
        int x0 = Math.max(0, rect.get("x").asInt() - w / 2);
        int y0 = Math.max(0, rect.get("y").asInt() - w / 2);
        int x1 = Math.min(image.getWidth(), rect.get("x").asInt() + w + w / 2);
        int y1 = Math.min(image.getHeight(), rect.get("y").asInt() + w + w / 2);
        BufferedImage crop = new BufferedImage((x1 - x0) / 2, (y1 - y0) / 2, BufferedImage.TYPE_3BYTE_BGR);
        crop.createGraphics().drawImage(image, 0, 0, crop.getWidth(), crop.getHeight(), x0, y0, x1, y1, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(crop, "jpg", out);
        return out.toByteArray();
    }
}

package io.selene.launcher.liveness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.selene.launcher.TestPlatform;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Both liveness paths through {@code /6} on the shared platform (community terms, which license
 * liveness): V1 ({@code POST /6/liveness}, liveness-service) and V2 as an estimation in handlers-service
 * ({@code /6/sdk}, a handler's {@code detect_policy.estimate_liveness} with {@code liveness_threshold} and
 * {@code liveness_states} dropping spoofs, stored events found by the {@code liveness} filter, verifiers).
 * fr_liveness scores the three faces of sample2.jpg 0.9986, 0.769 and 0.006 (vision-engine's
 * LivenessReferenceTest prints them), so a threshold of 0.9 makes one real face and two spoofs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LivenessEndToEndTest {

    private TestPlatform.Account account;

    @BeforeAll
    void account() {
        account = TestPlatform.shared().newAccount();
    }

    @Test
    void livenessV1AnswersRealForARealFaceThroughTheGateway() {
        HttpProbe.Answer answer = account.api().post("/6/liveness", "image/jpeg", TestPhotos.sample(1));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode image = answer.json().get("images").get(0);
        assertThat(image.get("status").asInt()).isEqualTo(1);
        assertThat(image.get("liveness").get("prediction").asInt()).isEqualTo(1);
        assertThat(image.get("liveness").get("estimations").get("probability").asDouble()).isGreaterThan(0.88);
        assertThat(answer.json().get("aggregate_estimations").get("liveness").get("prediction").asInt()).isEqualTo(1);
        assertThat(TestPlatform.shared().api().post("/6/liveness", "image/jpeg", TestPhotos.sample(1)).status())
                .as("needs credentials like every /6 route").isEqualTo(401);
    }

    @Test
    void livenessV2InSdkGivesEachFaceItsPredictionAndProbability() {
        HttpProbe.Answer answer = account.api().post("/6/sdk?estimate_liveness=1", "image/jpeg", TestPhotos.sample(2));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<Double> probabilities = new ArrayList<>();
        for (JsonNode estimation : answer.json().get("images_estimations").get(0).get("estimations")) {
            JsonNode liveness = estimation.get("face").get("attributes").get("liveness");
            double probability = liveness.get("estimations").get("probability").asDouble();
            probabilities.add(probability);
            assertThat(liveness.get("prediction").asString()).isEqualTo(probability >= 0.5 ? "real" : "spoof");
            assertThat(liveness.get("estimations").get("quality").asDouble()).isEqualTo(1.0);
        }
        assertThat(probabilities).hasSize(3);
        assertThat(probabilities.stream().filter(p -> p >= 0.9).count()).isEqualTo(1);
        assertThat(probabilities.stream().filter(p -> p < 0.1).count()).isEqualTo(1);
    }

    @Test
    void handlersApplyTheLivenessThresholdStoreEventsAndDropSpoofsOnRequest() {
        String every = handler("{\"estimate\": 1, \"liveness_threshold\": 0.9}", "");
        String realOnly = handler("{\"estimate\": 1, \"liveness_threshold\": 0.9}", ", \"liveness_states\": [1]");

        HttpProbe.Answer all = account.api().post("/6/handlers/" + every + "/events", "image/jpeg",
                TestPhotos.sample(2));
        assertThat(all.status()).as(all.toString()).isEqualTo(201);
        assertThat(all.json().get("events")).hasSize(3);
        HttpProbe.Answer real = account.api().post("/6/handlers/" + realOnly + "/events", "image/jpeg",
                TestPhotos.sample(2));
        assertThat(real.status()).as(real.toString()).isEqualTo(201);
        assertThat(real.json().get("events")).as("the two spoofs make no event").hasSize(1);

        assertThat(count("handler_ids=" + every + "&liveness=1")).isEqualTo(1);
        assertThat(count("handler_ids=" + every + "&liveness=0")).isEqualTo(2);
        assertThat(count("handler_ids=" + realOnly + "&liveness=0")).isZero();
        assertThat(count("handler_ids=" + realOnly + "&liveness=1")).isEqualTo(1);
    }

    @Test
    void verifiersEstimateLivenessOfTheVerifiedFace() {
        String face = account.api().post("/6/faces", "{\"descriptors\": [{\"version\": 201, \"data\": \""
                + randomDescriptor() + "\"}]}").json().get("face_id").asString();
        String verifier = account.api().post("/6/verifiers", "{\"policies\": {\"detect_policy\": "
                + "{\"estimate_liveness\": {\"estimate\": 1}, \"multiface_policy\": 0}}}").json().get("verifier_id")
                .asString();

        HttpProbe.Answer answer = account.api().post("/6/verifiers/" + verifier + "/verifications?face_ids=" + face,
                "image/jpeg", TestPhotos.sample(1));

        assertThat(answer.status()).as(answer.toString()).isIn(200, 201);
        JsonNode detection = answer.json().get("images").get(0).get("detections").get("face_detections").get(0);
        JsonNode liveness = detection.get("face_attributes").get("liveness");
        assertThat(liveness.get("prediction").asString()).isEqualTo("real");
        assertThat(liveness.get("estimations").get("probability").asDouble()).isGreaterThan(0.88);
    }

    /** A version-201 descriptor (512 float32, L2-normalised), base64: a face to verify against. */
    private static String randomDescriptor() {
        java.util.Random random = new java.util.Random(18);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(2048).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[512];
        double norm = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
            norm += values[i] * values[i];
        }
        for (float value : values) {
            buffer.putFloat((float) (value / Math.sqrt(norm)));
        }
        return java.util.Base64.getEncoder().encodeToString(buffer.array());
    }

    private String handler(String estimateLiveness, String more) {
        HttpProbe.Answer created = account.api().post("/6/handlers", "{\"policies\": {\"detect_policy\": "
                + "{\"estimate_liveness\": " + estimateLiveness + more + "}, \"storage_policy\": "
                + "{\"face_sample_policy\": {\"store_sample\": 0}, \"event_policy\": {\"store_event\": 1, "
                + "\"wait_saving\": 1}}}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("handler_id").asString();
    }

    private int count(String filters) {
        HttpProbe.Answer answer = account.api().get("/6/events?" + filters + "&page_size=100");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json().get("events").size();
    }
}

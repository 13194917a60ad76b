package io.selene.handlers.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.ServiceConventionsTest;
import io.selene.testsupport.TestPhotos;
import io.selene.vision.VisionSettings;
import io.selene.vision.models.Model;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A deployment without the expression, body and descriptor-202 models starts, and answers what it can:
 * /1/sdk makes every other estimation, and asking for emotions, bodies or descriptor version 202 is refused
 * (400, 14013) naming the missing file and the command that fetches it, never a failed start-up or a silent
 * omission.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "selene.handlers.store-samples=false")
class MissingModelTest {

    @DynamicPropertySource
    static void modelsWithoutExpressionAndBody(DynamicPropertyRegistry registry) {
        try {
            Path dir = Files.createTempDirectory("selene-models-");
            for (Model model : Model.values()) {
                if (model != Model.EXPRESSION && model != Model.BODY && model != Model.FACERES) {
                    Path link = dir.resolve(model.relativePath());
                    Files.createDirectories(link.getParent());
                    Files.createSymbolicLink(link, VisionSettings.modelsFromEnvironment().path(model));
                }
            }
            registry.add("selene.vision.models-dir", dir::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Value("${local.server.port}")
    int port;

    private HttpProbe http() {
        return HttpProbe.internal(port, UUID.randomUUID());
    }

    @Test
    void estimationsWithTheirModelsWorkAndTheOthersAreRefusedNamingTheMissingFile() {
        HttpProbe.Answer works = http().post("/1/sdk?estimate_head_pose=1&estimate_liveness=1", "image/jpeg",
                TestPhotos.sample(1));
        assertThat(works.status()).as(works.toString()).isEqualTo(200);
        assertThat(works.json().get("images_estimations").get(0).get("estimations")).hasSize(3);
        assertThat(works.json().get("images_estimations").get(0).get("estimations").get(0).get("face")
                .get("attributes").has("liveness")).isTrue();

        HttpProbe.Answer emotions = http().post("/1/sdk?estimate_emotions=1", "image/jpeg", TestPhotos.sample(1));
        assertThat(emotions.status()).isEqualTo(400);
        ServiceConventionsTest.assertLunaError(emotions, 14013);
        assertThat(emotions.json().get("detail").asString()).contains("'estimate_emotions' is not available")
                .contains("fr_expression.onnx").contains("bin/fetch-models");

        HttpProbe.Answer bodies = http().post("/1/detector?detect_body=1", "image/jpeg", TestPhotos.sample(1));
        ServiceConventionsTest.assertLunaError(bodies, 14013);
        assertThat(bodies.json().get("detail").asString()).contains("centernet.onnx").contains("bin/fetch-body-model");

        HttpProbe.Answer v202 = http().post("/1/sdk?estimate_face_descriptor=1&descriptor_version=202", "image/jpeg",
                TestPhotos.sample(1));
        ServiceConventionsTest.assertLunaError(v202, 14013);
        assertThat(v202.json().get("detail").asString()).contains("descriptor version 202").contains("faceres.onnx")
                .contains("bin/fetch-face-model-202");
        HttpProbe.Answer v201 = http().post("/1/sdk?estimate_face_descriptor=1", "image/jpeg", TestPhotos.sample(1));
        assertThat(v201.status()).as(v201.toString()).isEqualTo(200);
    }
}

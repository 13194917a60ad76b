package io.selene.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import io.selene.vision.image.RgbImage;
import io.selene.vision.models.Model;
import io.selene.vision.models.ModelDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A missing model switches its estimations off instead of failing start-up: the engine starts, makes
 * every other estimation, and refuses the switched-off ones naming the missing file and its fetch command.
 */
class EstimationAvailabilityTest {

    @TempDir
    Path dir;

    /** The fetched models, linked into {@code dir}, without {@code left}. */
    private ModelDirectory modelsWithout(Model... left) throws IOException {
        ModelDirectory fetched = VisionSettings.modelsFromEnvironment();
        Set<Model> leftOut = Set.of(left);
        for (Model model : Model.values()) {
            if (!leftOut.contains(model)) {
                Path link = dir.resolve(model.relativePath());
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, fetched.path(model));
            }
        }
        return new ModelDirectory(dir);
    }

    @Test
    void anEngineWithoutTheExpressionAndBodyModelsMakesEverythingElse() throws IOException {
        try (FaceEngine engine = new FaceEngine(VisionSettings.defaults(modelsWithout(Model.EXPRESSION, Model.BODY)))) {
            assertThat(engine.unavailable(Estimation.EMOTIONS)).contains("fr_expression.onnx is missing")
                    .contains("bin/fetch-models");
            assertThat(engine.unavailable(Estimation.BODY_DETECTION)).contains("centernet.onnx is missing")
                    .contains("bin/fetch-body-model");
            assertThat(engine.unavailable(Estimation.GAZE)).isEqualTo("Selene has no model for it");
            assertThat(engine.unavailable(Estimation.LIVENESS)).isNull();

            byte[] photo = TestPhotos.sample(3);
            FaceAnalysis analysis = engine.analyze(photo, FaceOptions.DETECT_ONLY.withDescriptor()
                    .with(Estimation.LIVENESS));
            assertThat(analysis.faces()).isNotEmpty();
            assertThat(analysis.faces().getFirst().descriptor().values()).hasSize(512);
            assertThat(analysis.faces().getFirst().attributes()).containsKey("liveness");

            assertThatThrownBy(() -> engine.analyze(photo, FaceOptions.DETECT_ONLY.with(Estimation.EMOTIONS)))
                    .isInstanceOf(FaceEngine.Unavailable.class)
                    .hasMessageContaining("'estimate_emotions' is not available")
                    .hasMessageContaining("fr_expression.onnx");
            RgbImage image = engine.decoder().decode(photo).image();
            assertThatThrownBy(() -> engine.bodies(image, 0.3)).isInstanceOf(FaceEngine.Unavailable.class)
                    .hasMessageContaining("'detect_body' is not available");
        }
    }

    @Test
    void aServiceLoadsOnlyTheModelsOfTheEstimationsItRuns() {
        try (FaceEngine engine = new FaceEngine(VisionSettings.defaults(VisionSettings.modelsFromEnvironment()),
                EnumSet.of(Estimation.FACE_DETECTION, Estimation.LIVENESS))) {
            assertThat(engine.unavailable(Estimation.LIVENESS)).isNull();
            assertThat(engine.unavailable(Estimation.FACE_DESCRIPTOR)).isEqualTo("this service does not run it");
            FaceAnalysis analysis = engine.analyze(TestPhotos.sample(3), FaceOptions.DETECT_ONLY
                    .with(Estimation.LIVENESS));
            assertThat(analysis.faces().getFirst().liveness().real()).isBetween(0.0, 1.0);
        }
    }
}

package io.selene.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import io.selene.vision.FaceAnalysis.Face;
import io.selene.vision.image.Geometry.Box;
import io.selene.vision.image.RgbImage;
import io.selene.vision.image.Sampler;
import io.selene.vision.models.ModelDirectory;
import io.selene.vision.models.Model;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Descriptor version 202 (HSE FaceRec, tools/tfjs-import) beside 201 on the real test photos: its
 * descriptors have its length and version, from photos and from stored samples alike, and another
 * picture of a face (a crop twice its box, mirrored and at 60 %) is closer to it than any other face is.
 * The test photos hold no person twice, so "another picture" is made from the same shot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DescriptorVersionsTest {

    private FaceEngine engine;

    @BeforeAll
    void start() {
        engine = new FaceEngine(VisionSettings.defaults(VisionSettings.modelsFromEnvironment()));
    }

    @AfterAll
    void close() {
        engine.close();
    }

    @Test
    void version202SeparatesTheFacesOfTheTestPhotos() {
        assertThat(engine.descriptorVersions()).containsExactly(201, 202);
        for (int version : new int[] {201, 202}) {
            List<float[]> whole = new ArrayList<>();
            List<float[]> other = new ArrayList<>();
            FaceOptions options = FaceOptions.DETECT_ONLY.withDescriptor().withDescriptorVersion(version);
            for (int n = 1; n <= 6; n++) {
                RgbImage image = engine.decoder().decode(TestPhotos.sample(n)).image();
                for (Face face : engine.analyze(image, options).faces()) {
                    assertThat(face.descriptor().version()).isEqualTo(version);
                    assertThat(face.descriptor().values()).hasSize(DescriptorModel.require(version).dimensions());
                    Face again = biggest(engine.analyze(otherPicture(image, face.box()), options));
                    whole.add(face.descriptor().values());
                    other.add(again.descriptor().values());
                }
            }
            double minGenuine = 1;
            double maxImpostor = -1;
            for (int i = 0; i < whole.size(); i++) {
                minGenuine = Math.min(minGenuine, Similarity.cosine(whole.get(i), other.get(i)));
                for (int j = 0; j < whole.size(); j++) {
                    if (j != i) {
                        maxImpostor = Math.max(maxImpostor, Similarity.cosine(whole.get(i), other.get(j)));
                    }
                }
            }
            System.out.printf("version %d on %d faces: same person min cosine %.3f, different people max %.3f%n",
                    version, whole.size(), minGenuine, maxImpostor);
            if (version == 202) {
                assertThat(minGenuine).as("every face's other picture is closer than any other face")
                        .isGreaterThan(maxImpostor);
            }
        }
    }

    @Test
    void aStoredSampleGivesTheVersionAskedFor() {
        Face face = engine.analyze(TestPhotos.sample(1), FaceOptions.DETECT_ONLY.withDescriptor()
                .withDescriptorVersion(202).withSample()).faces().getFirst();
        Face fromSample = engine.fromSample(face.sample(), true, false, 202);
        assertThat(fromSample.descriptor().version()).isEqualTo(202);
        assertThat(fromSample.descriptor().values()).hasSize(1024);
        assertThat(Similarity.cosine(face.descriptor().values(), fromSample.descriptor().values())).isGreaterThan(0.9);
    }

    @Test
    void version202WithoutItsModelIsUnavailableAndVersion201StillWorks() throws Exception {
        ModelDirectory models = VisionSettings.modelsFromEnvironment();
        ModelDirectory without = models.with(Model.FACERES, java.nio.file.Files.createTempDirectory("no-faceres")
                .resolve("faceres.onnx"));
        try (FaceEngine only201 = new FaceEngine(VisionSettings.defaults(without))) {
            assertThat(only201.descriptorVersions()).containsExactly(201);
            assertThatThrownBy(() -> only201.analyze(TestPhotos.sample(1),
                    FaceOptions.DETECT_ONLY.withDescriptor().withDescriptorVersion(202)))
                    .isInstanceOf(FaceEngine.Unavailable.class)
                    .hasMessageContaining("descriptor version 202").hasMessageContaining("bin/fetch-face-model-202");
            assertThat(only201.analyze(TestPhotos.sample(1), FaceOptions.DETECT_ONLY.withDescriptor()).faces())
                    .allSatisfy(f -> assertThat(f.descriptor().version()).isEqualTo(201));
        }
    }

    /** The face cropped at twice its box, mirrored and scaled to 60 %. */
    private static RgbImage otherPicture(RgbImage image, Box box) {
        double side = Math.max(box.width(), box.height()) * 2;
        double x = (box.x1() + box.x2()) / 2 - side / 2;
        double y = (box.y1() + box.y2()) / 2 - side / 2;
        int out = (int) Math.round(side * 0.6);
        return Sampler.toImage(Sampler.crop(image, x, y, side, side, out, out, -1), out, out).mirrored();
    }

    private static Face biggest(FaceAnalysis analysis) {
        assertThat(analysis.faces()).isNotEmpty();
        Face best = analysis.faces().getFirst();
        for (Face f : analysis.faces()) {
            if (f.box().width() > best.box().width()) {
                best = f;
            }
        }
        return best;
    }
}

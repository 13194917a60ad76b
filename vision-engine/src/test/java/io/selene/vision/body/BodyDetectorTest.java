package io.selene.vision.body;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import io.selene.vision.TestPhotos;
import io.selene.vision.VisionSettings;
import io.selene.vision.body.BodyDetector.Body;
import io.selene.vision.image.RgbImage;
import io.selene.vision.models.Model;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Person detection on real photos: Debian darknet's data photos (bin/fetch-body-test-photos) and
 * the face-api demo photos (bin/fetch-test-photos), at the default score threshold.
 */
class BodyDetectorTest {

    private static BodyDetector detector;

    @BeforeAll
    static void load() {
        detector = new BodyDetector(BodyTestSupport.modelPath());
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    private static List<Body> detect(RgbImage image) {
        return detector.detect(image, BodyDetector.DEFAULT_SCORE_THRESHOLD);
    }

    @Test
    void findsTheOneManOfPersonJpgWhereHeStands() {
        RgbImage image = BodyTestSupport.decode(BodyTestSupport.darknet("person.jpg"));
        List<Body> bodies = detect(image);
        // One person stands between a dog and a horse, at about x 190..275, y 100..380 of 640×424
        // (hand-read from the photo); the dog and the horse must not count.
        assertThat(bodies).hasSize(1);
        Body man = bodies.getFirst();
        assertThat(man.iou(new Body(190, 100, 85, 280, 1))).isGreaterThan(0.7);
        assertThat(man.score()).isGreaterThan(0.6);
    }

    @Test
    void findsThePeopleOnTheBeachOfKiteJpg() {
        List<Body> bodies = detect(BodyTestSupport.decode(BodyTestSupport.darknet("kite.jpg")));
        // About a dozen people are visible; several are a few pixels tall in the distance or hidden
        // behind each other, so a CenterNet at 512×512 finds most, not all: 10 here. Fewer than 6
        // would mean the near group is missed; more than 16 would mean kites count as people.
        assertThat(bodies).hasSizeBetween(6, 16);
        // The two people in front (bottom left, about 50×150 px) are found with confidence.
        assertThat(bodies.stream().filter(b -> b.x() < 300 && b.y() > 550 && b.height() > 100)).hasSizeGreaterThanOrEqualTo(2);
        for (Body body : bodies) {
            assertThat(body.x()).isBetween(0.0, 1352.0);
            assertThat(body.y() + body.height()).isLessThanOrEqualTo(900.0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dog.jpg", "horses.jpg", "eagle.jpg", "giraffe.jpg"})
    void findsNobodyOnPhotosWithoutPeople(String photo) {
        // The best "person" peak on these is 0.13 (dog.jpg), well under the 0.3 threshold.
        assertThat(detect(BodyTestSupport.decode(BodyTestSupport.darknet(photo)))).isEmpty();
    }

    @Test
    void findsNobodyOnAPlainGreyImage() {
        assertThat(detect(RgbImage.blank(640, 480, 128))).isEmpty();
    }

    @Test
    void countsThePeopleOfTheGroupPhotos() {
        // The face-api demo photos are close group portraits (3, 3, 3, 4, 5 and 4 faces). Bodies
        // there are cut by the frame and overlap, and CenterNet merges at most one pair of
        // neighbours per photo (sample4, sample5: two shoulders touching), so each photo must give
        // between faces − 1 and faces people — never more people than faces.
        for (int n = 1; n <= 6; n++) {
            int faces = TestPhotos.FACES.get(n - 1);
            List<Body> bodies = detect(BodyTestSupport.decode(TestPhotos.sample(n)));
            assertThat(bodies).as("people on sample%d.jpg (%d faces)", n, faces).hasSizeBetween(faces - 1, faces);
        }
    }

    @Test
    void boxesAreInTheCoordinatesOfTheImageWhateverItsSize() {
        RgbImage image = BodyTestSupport.decode(BodyTestSupport.darknet("person.jpg"));
        Body full = detect(image).getFirst();
        // the same photo mirrored: the box mirrors
        Body mirrored = detect(image.mirrored()).getFirst();
        assertThat(mirrored.x()).isCloseTo(image.width() - full.x() - full.width(), org.assertj.core.data.Offset.offset(12.0));
        assertThat(mirrored.y()).isCloseTo(full.y(), org.assertj.core.data.Offset.offset(12.0));
        // the photo on a canvas twice as wide, at x = 640: the box moves by 640
        RgbImage wide = image.padded(1280, 424, 640, 0, 0);
        Body moved = detect(wide).getFirst();
        assertThat(moved.x()).isCloseTo(full.x() + 640, org.assertj.core.data.Offset.offset(16.0));
        assertThat(moved.height()).isCloseTo(full.height(), org.assertj.core.data.Offset.offset(30.0));
    }

    @Test
    void aHigherThresholdKeepsFewerPeopleAndScoresAreSorted() {
        RgbImage kite = BodyTestSupport.decode(BodyTestSupport.darknet("kite.jpg"));
        List<Body> low = detector.detect(kite, 0.2);
        List<Body> high = detector.detect(kite, 0.5);
        assertThat(high.size()).isLessThan(low.size());
        assertThat(high).allSatisfy(b -> assertThat(b.score()).isGreaterThanOrEqualTo(0.5));
        for (int i = 1; i < low.size(); i++) {
            assertThat(low.get(i).score()).isLessThanOrEqualTo(low.get(i - 1).score());
        }
    }

    @Test
    void aModelThatDoesNotFollowTheContractIsRefusedWithWhatItHas() {
        Path faceDetector = VisionSettings.modelsFromEnvironment().path(Model.DETECT);
        assertThatThrownBy(() -> new BodyDetector(faceDetector))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no tensor named 'images'");
        assertThatThrownBy(() -> new BodyDetector(Path.of("/nonexistent/centernet.onnx")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bin/fetch-body-model");
    }
}

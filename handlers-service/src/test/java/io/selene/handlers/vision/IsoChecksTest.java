package io.selene.handlers.vision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.selene.vision.Estimation;
import io.selene.vision.FaceAnalysis;
import io.selene.vision.FaceAnalysis.Face;
import io.selene.vision.image.Geometry.Box;
import io.selene.vision.image.Geometry.Point;
import org.junit.jupiter.api.Test;

/**
 * The verdict over the checks made, on faces laid out by hand in a 600×780 ISO frame (no real photo of
 * ours has a face within ±5° of frontal: IsoEndpointTest shows the checks on real photos).
 */
class IsoChecksTest {

    /** A face with M at (300, 300), eyes 120 px apart, jaw 360 px wide, in a 600×780 JPEG. */
    private static Face face(double yaw, double leftClosed) {
        Point[] five = {new Point(240, 250), new Point(360, 250), new Point(300, 300), new Point(260, 350),
                new Point(340, 350)};
        Point[] all = new Point[68];
        java.util.Arrays.fill(all, new Point(300, 250));
        all[0] = new Point(120, 260);
        all[16] = new Point(480, 260);
        return new Face(new Box(120, 150, 480, 450), 0.99, five, all, Map.of(
                Estimation.HEAD_POSE, new FaceAnalysis.HeadPose(yaw, 1, -2),
                Estimation.EYES, new FaceAnalysis.Eyes(leftClosed, 0.01)), null);
    }

    private static Map<String, Object> iso(Face face) {
        return IsoChecks.iso(new FaceAnalysis(600, 780, "jpeg", List.of(face), Map.of()), face);
    }

    @Test
    void theVerdictIsOneOnlyWhenEveryCheckMadePassesAndTheUnmadeAreAlwaysNamed() {
        Map<String, Object> passing = iso(face(2, 0.02));
        assertThat(passing.get("result")).isEqualTo(1);
        assertThat(passing.get("not_estimated")).isEqualTo(IsoChecks.NOT_ESTIMATED);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> checks = (List<Map<String, Object>>) passing.get("checks");
        assertThat(checks).extracting(c -> c.get("name")).containsExactly("image_format", "aspect_ratio",
                "head_yaw", "head_pitch", "head_roll", "left_eye", "right_eye", "eye_distance",
                "head_horizontal_center", "head_vertical_center", "head_width");
        assertThat(checks).allSatisfy(c -> assertThat(c.get("result")).as(c.toString()).isEqualTo(1));

        assertThat(iso(face(6, 0.02)).get("result")).isEqualTo(0);
        Map<String, Object> closed = iso(face(2, 0.9));
        assertThat(closed.get("result")).isEqualTo(0);
        assertThat(closed.get("checks").toString()).contains("name=left_eye, object_value=closed, threshold_value=open,"
                + " result=0");
    }
}

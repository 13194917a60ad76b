package io.selene.handlers.vision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.selene.vision.FaceAnalysis;
import io.selene.vision.FaceAnalysis.Face;
import io.selene.vision.image.Geometry.Point;

/**
 * LUNA's {@code /iso}: the ISO/IEC 19794-5 (full frontal image) checks Selene can make from its own
 * estimations, each as LUNA answers a check ({@code {name, object_value, threshold_value, result}},
 * result 1 or 0), with the checks of LUNA's list Selene cannot make named in {@code not_estimated}.
 * The verdict {@code result} is 1 only when every check made passes: it says nothing of the checks in
 * {@code not_estimated}, so a 1 is not "ISO compliant" (docs/luna-compatibility.md).
 *
 * <p>Thresholds (fixed, as in LUNA): pose ±5° pitch and yaw, ±8° roll (ISO/IEC 19794-5 §7.2.2, the
 * values LUNA's own answer shows); the geometry of a full frontal image (ISO/IEC 19794-5 §8.3): the
 * point M (midway between the mouth centre and the bridge of the nose) at 45–55 % of the width and
 * 30–50 % of the height from the top, head width 50–75 % of the image width, at least 90 pixels
 * between the eye centres, width:height between 1:1.34 and 1:1.25; image data JPEG, JPEG 2000 or PNG.
 */
final class IsoChecks {

    /** LUNA's checks Selene has no estimation for (names as LUNA's face quality checks use them). */
    static final List<String> NOT_ESTIMATED = List.of("head_height", "mouth_open", "mouth_occluded",
            "mouth_smiling", "smile_properties", "glasses", "gaze_yaw", "gaze_pitch", "red_eyes", "eyebrows_state",
            "headwear_type", "face_color_type", "natural_light", "radial_distortion", "blurriness_quality",
            "dark_quality", "light_quality", "illumination_quality", "specularity_quality", "background_lightness",
            "background_uniformity");

    static final double MAX_YAW = 5;
    static final double MAX_PITCH = 5;
    static final double MAX_ROLL = 8;
    static final double MIN_EYE_DISTANCE = 90;
    static final List<String> FORMATS = List.of("jpeg", "jpeg2000", "png");

    /** iBUG 68 points: the jaw line's ends (face width at the ears, hair excluded) and the top of the nose bridge. */
    private static final int JAW_LEFT = 0;
    private static final int JAW_RIGHT = 16;
    private static final int NOSE_BRIDGE = 27;

    private IsoChecks() {
    }

    /** The {@code iso} object of one face of an image ({@code analysis}). */
    static Map<String, Object> iso(FaceAnalysis analysis, Face face) {
        List<Map<String, Object>> checks = new ArrayList<>();
        double width = analysis.width();
        double height = analysis.height();
        String format = analysis.format() == null ? "unknown" : analysis.format();
        checks.add(check("image_format", format, FORMATS, FORMATS.contains(format)));
        checks.add(range("aspect_ratio", width / height, 0.74, 0.8));
        if (face.headPose() != null) {
            checks.add(range("head_yaw", face.headPose().yaw(), -MAX_YAW, MAX_YAW));
            checks.add(range("head_pitch", face.headPose().pitch(), -MAX_PITCH, MAX_PITCH));
            checks.add(range("head_roll", face.headPose().roll(), -MAX_ROLL, MAX_ROLL));
        }
        if (face.eyes() != null) {
            checks.add(eye("left_eye", face.eyes().leftClosed()));
            checks.add(eye("right_eye", face.eyes().rightClosed()));
        }
        Point[] five = face.landmarks5();
        checks.add(range("eye_distance", distance(five[0], five[1]), MIN_EYE_DISTANCE, null));
        Point[] all = face.landmarks68();
        Point bridge = all != null ? all[NOSE_BRIDGE] : middle(five[0], five[1]);
        Point m = middle(bridge, middle(five[3], five[4]));
        checks.add(range("head_horizontal_center", m.x() / width, 0.45, 0.55));
        checks.add(range("head_vertical_center", m.y() / height, 0.3, 0.5));
        List<String> notEstimated = new ArrayList<>(NOT_ESTIMATED);
        if (all != null) {
            checks.add(range("head_width", distance(all[JAW_LEFT], all[JAW_RIGHT]) / width, 0.5, 0.75));
        } else {
            notEstimated.addFirst("head_width");
        }
        Map<String, Object> iso = new LinkedHashMap<>();
        iso.put("result", checks.stream().allMatch(c -> (int) c.get("result") == 1) ? 1 : 0);
        iso.put("checks", checks);
        iso.put("not_estimated", notEstimated);
        return iso;
    }

    private static Map<String, Object> eye(String name, double closed) {
        String state = closed > 0.5 ? "closed" : "open";
        return check(name, state, "open", state.equals("open"));
    }

    /** A number against {@code min}..{@code max} (either may be open). */
    private static Map<String, Object> range(String name, double value, Double min, Double max) {
        Map<String, Object> threshold = new LinkedHashMap<>();
        if (min != null) {
            threshold.put("min", min);
        }
        if (max != null) {
            threshold.put("max", max);
        }
        boolean passes = (min == null || value >= min) && (max == null || value <= max);
        return check(name, FaceAnalysis.round(value, 4), threshold, passes);
    }

    private static Map<String, Object> check(String name, Object value, Object threshold, boolean passes) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", name);
        check.put("object_value", value);
        check.put("threshold_value", threshold);
        check.put("result", passes ? 1 : 0);
        return check;
    }

    private static double distance(Point a, Point b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }

    private static Point middle(Point a, Point b) {
        return new Point((a.x() + b.x()) / 2, (a.y() + b.y()) / 2);
    }
}

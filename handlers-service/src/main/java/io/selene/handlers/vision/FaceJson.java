package io.selene.handlers.vision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.selene.vision.FaceAnalysis;
import io.selene.vision.FaceAnalysis.Face;
import io.selene.vision.image.Geometry.Point;

/** LUNA JSON shapes of detections (luna-api.md §1.3); estimations answer for themselves (FaceAnalysis.Estimated). */
final class FaceJson {

    private FaceJson() {
    }

    /** rect, detection score, landmarks5 and, on request, landmarks68. */
    static Map<String, Object> detection(Face face, boolean landmarks68) {
        Map<String, Object> detection = new LinkedHashMap<>();
        long x = Math.round(face.box().x1());
        long y = Math.round(face.box().y1());
        detection.put("rect", Map.of("x", x, "y", y,
                "width", Math.round(face.box().x2()) - x, "height", Math.round(face.box().y2()) - y));
        detection.put("score", round(face.score(), 5));
        detection.put("landmarks5", points(face.landmarks5()));
        if (landmarks68 && face.landmarks68() != null) { // none on a warp given as such
            detection.put("landmarks68", points(face.landmarks68()));
        }
        return detection;
    }

    private static List<List<Double>> points(Point[] points) {
        List<List<Double>> out = new ArrayList<>(points.length);
        for (Point p : points) {
            out.add(List.of(round(p.x(), 2), round(p.y(), 2)));
        }
        return out;
    }

    /** Descriptor garbage score: {@code min(1, raw norm / 4)} (vision-engine/README.md). */
    static double descriptorScore(FaceAnalysis.Descriptor descriptor) {
        return round(Math.min(1.0, descriptor.rawNorm() / 4.0), 5);
    }

    static double round(double value, int digits) {
        return FaceAnalysis.round(value, digits);
    }
}

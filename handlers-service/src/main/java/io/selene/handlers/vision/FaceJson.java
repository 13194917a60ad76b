package io.selene.handlers.vision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.selene.vision.FaceAnalysis;
import io.selene.vision.FaceAnalysis.Face;
import io.selene.vision.Geometry.Point;

/** LUNA JSON shapes of detections and estimations (luna-api.md §1.3, §1.4). */
final class FaceJson {

    /** Gender is "male" when the SSR-Net output is above this (issue 4's measurement). */
    static final double MALE_ABOVE = 0.6;

    /** Liveness "real" from this probability of fr_liveness on, unless a policy's liveness_threshold says otherwise. */
    static final double LIVENESS_REAL_FROM = 0.5;

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
        if (landmarks68) {
            detection.put("landmarks68", points(face.landmarks68()));
        }
        return detection;
    }

    /** The requested estimations of a face, LUNA names. */
    static Map<String, Object> attributes(Face face) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (face.basicAttributes() != null) {
            attributes.put("basic_attributes", basic(face.basicAttributes()));
        }
        if (face.headPose() != null) {
            attributes.put("head_pose", Map.of("yaw", round(face.headPose().yaw(), 2),
                    "pitch", round(face.headPose().pitch(), 2), "roll", round(face.headPose().roll(), 2)));
        }
        if (face.eyes() != null) {
            attributes.put("eyes", Map.of(
                    "left_eye", eye(face.eyes().leftClosed()),
                    "right_eye", eye(face.eyes().rightClosed())));
        }
        if (face.emotions() != null) {
            Map<String, Object> estimations = new LinkedHashMap<>();
            for (int i = 0; i < FaceAnalysis.Emotions.NAMES.size(); i++) {
                estimations.put(FaceAnalysis.Emotions.NAMES.get(i), round(face.emotions().probabilities()[i], 5));
            }
            attributes.put("emotions", Map.of("predominant_emotion", face.emotions().predominant(),
                    "estimations", estimations));
        }
        if (face.liveness() != null) {
            // fr_liveness gives no quality: 1, as LUNA documents its own V2 quality ("always set to 1")
            double real = face.liveness().real();
            Map<String, Object> estimations = new LinkedHashMap<>();
            estimations.put("probability", round(real, 5));
            estimations.put("quality", 1.0);
            attributes.put("liveness", Map.of("prediction", real >= LIVENESS_REAL_FROM ? "real" : "spoof",
                    "estimations", estimations));
        }
        return attributes;
    }

    static Map<String, Object> basic(FaceAnalysis.BasicAttributes basic) {
        return basic(basic.age(), basic.male());
    }

    /** LUNA: age rounded 0..100; gender 1 = male, 0 = female. */
    static Map<String, Object> basic(double age, double male) {
        return new LinkedHashMap<>(Map.of("age", (int) Math.round(age), "gender", male > MALE_ABOVE ? 1 : 0));
    }

    private static Map<String, Object> eye(double closed) {
        return Map.of("state", closed > 0.5 ? "closed" : "open", "closed_probability", round(closed, 5));
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
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}

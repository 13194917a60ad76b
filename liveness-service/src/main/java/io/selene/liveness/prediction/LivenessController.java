package io.selene.liveness.prediction;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.selene.commons.error.ErrorResponses;
import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.license.Feature;
import io.selene.commons.license.LicenseCheck;
import io.selene.vision.Estimation;
import io.selene.vision.FaceAnalysis;
import io.selene.vision.FaceEngine;
import io.selene.vision.FaceOptions;
import io.selene.vision.image.ImageRejectedException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Liveness V1, {@code POST /1/liveness} (public {@code /6/liveness}, luna-api.md §11): for each of 1..8
 * images, the liveness of its face (the largest, when there are several) with fr_liveness, and with
 * {@code aggregate=1} (the default, as LUNA's clients send it) the mean over the images that could be
 * estimated. Answer in LUNA's V1 shape:
 *
 * <pre>{@code
 * {"images": [{"filename": "a.jpg", "status": 1,
 *              "liveness": {"prediction": 1, "estimations": {"probability": 0.98, "quality": 1.0}}},
 *             {"filename": "b.jpg", "status": 0, "error": {"error_code": 34005, ...}}],
 *  "aggregate_estimations": {"liveness": {"prediction": 1, "estimations": {"probability": 0.98, "quality": 1.0}}}}
 * }</pre>
 *
 * {@code prediction}: 1 real (probability ≥ {@code real_threshold}), 0 spoof, 2 unknown (quality below
 * {@code quality_threshold}). The model gives no quality: {@code quality} is always 1, as LUNA documents
 * for its own V2 estimations.
 */
@RestController
@Tag(name = "liveness")
public class LivenessController {

    private static final Set<String> PARAMETERS = Set.of("aggregate", "real_threshold", "quality_threshold",
            "filename");
    private static final FaceOptions LIVENESS_ONLY = FaceOptions.DETECT_ONLY.with(Estimation.LIVENESS);
    /** fr_liveness gives no quality estimate. */
    private static final double QUALITY = 1.0;

    private final FaceEngine engine;
    private final LivenessSettings properties;
    private final LicenseCheck licenses;
    private final ErrorResponses errors;
    private final JsonMapper json;

    LivenessController(FaceEngine engine, LivenessSettings properties, LicenseCheck licenses, ErrorResponses errors,
            JsonMapper json) {
        this.engine = engine;
        this.properties = properties;
        this.licenses = licenses;
        this.errors = errors;
        this.json = json;
    }

    @PostMapping(path = "/1/liveness", produces = "application/json")
    @Operation(summary = "Liveness V1 of 1..8 images (image body, multipart parts with an optional 'meta' JSON part, "
            + "or JSON {images: [{image: base64, filename}], meta}). Query: aggregate (0|1, default 1), "
            + "real_threshold (0..1, default 0.5), quality_threshold (0..1, default 0)")
    public Map<String, Object> predict(HttpServletRequest request) throws IOException {
        // the query string only: a multipart body's 'meta' field is a parameter too
        String query = request.getQueryString();
        for (String pair : query == null || query.isEmpty() ? new String[0] : query.split("&")) {
            String name = java.net.URLDecoder.decode(pair.split("=", 2)[0], java.nio.charset.StandardCharsets.UTF_8);
            if (!PARAMETERS.contains(name)) {
                throw PlatformErrors.BAD_QUERY.exception("Unknown query parameter '" + name + "'; known: "
                        + PARAMETERS);
            }
        }
        boolean aggregate = flag(request, "aggregate", true);
        double realThreshold = number(request, "real_threshold", properties.realThreshold());
        double qualityThreshold = number(request, "quality_threshold", 0);
        licenses.require(Feature.LIVENESS);
        LivenessImages input = LivenessImages.read(request, json, properties.maxImageSize().toBytes(),
                properties.maxImages());

        List<Map<String, Object>> images = new ArrayList<>();
        List<Double> probabilities = new ArrayList<>();
        for (LivenessImages.Image image : input.images()) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("filename", image.filename());
            try {
                double probability = estimate(image);
                probabilities.add(probability);
                answer.put("status", 1);
                answer.put("liveness", liveness(probability, realThreshold, qualityThreshold));
            } catch (LunaException e) {
                if (!e.status().is4xxClientError()) {
                    throw e;
                }
                answer.put("status", 0);
                answer.put("error", errors.body(e));
            }
            images.add(answer);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("images", images);
        if (aggregate) {
            Map<String, Object> aggregated = new LinkedHashMap<>();
            aggregated.put("liveness", probabilities.isEmpty() ? null : liveness(
                    probabilities.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), realThreshold,
                    qualityThreshold));
            body.put("aggregate_estimations", aggregated);
        }
        return body;
    }

    /** The probability that the largest face of the image is real. */
    private double estimate(LivenessImages.Image image) {
        if (image.error() != null) {
            throw image.error();
        }
        FaceAnalysis analysis;
        try {
            analysis = engine.analyze(image.bytes(), LIVENESS_ONLY);
        } catch (ImageRejectedException e) {
            throw LivenessErrors.BAD_IMAGE.exception(e.getMessage());
        } catch (FaceEngine.BusyException e) {
            throw LivenessErrors.BUSY.exception(e.getMessage());
        } catch (FaceEngine.Unavailable e) {
            throw LivenessErrors.MODEL_MISSING.exception(e.getMessage());
        }
        return analysis.faces().stream()
                .max(Comparator.comparingDouble(face -> face.box().width() * face.box().height()))
                .orElseThrow(() -> LivenessErrors.NO_FACE.exception())
                .liveness().real();
    }

    private static Map<String, Object> liveness(double probability, double realThreshold, double qualityThreshold) {
        int prediction = QUALITY < qualityThreshold ? 2 : probability >= realThreshold ? 1 : 0;
        Map<String, Object> estimations = new LinkedHashMap<>();
        estimations.put("probability", Math.round(probability * 1e6) / 1e6);
        estimations.put("quality", QUALITY);
        Map<String, Object> liveness = new LinkedHashMap<>();
        liveness.put("prediction", prediction);
        liveness.put("estimations", estimations);
        return liveness;
    }

    private static boolean flag(HttpServletRequest request, String name, boolean otherwise) {
        String value = request.getParameter(name);
        if (value == null) {
            return otherwise;
        }
        return switch (value) {
            case "1" -> true;
            case "0" -> false;
            default -> throw PlatformErrors.BAD_QUERY.exception("Bad value '" + value + "' of parameter '" + name
                    + "': expected 0 or 1");
        };
    }

    private static double number(HttpServletRequest request, String name, double otherwise) {
        String value = request.getParameter(name);
        if (value == null) {
            return otherwise;
        }
        try {
            double number = Double.parseDouble(value);
            if (number >= 0 && number <= 1) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // refused below
        }
        throw PlatformErrors.BAD_QUERY.exception("Bad value '" + value + "' of parameter '" + name
                + "': expected a number in 0..1");
    }
}

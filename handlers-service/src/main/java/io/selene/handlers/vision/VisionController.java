package io.selene.handlers.vision;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.selene.commons.account.AccountContext;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.json.StrictJson;
import io.selene.commons.settings.LiveSettings;
import io.selene.vision.Estimation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /1/detector}, {@code /1/sdk}, {@code /1/iso} and {@code /1/extractor}; the gateway publishes them
 * as {@code /6/detector}, {@code /6/sdk}, {@code /6/iso} and {@code /6/extractor}.
 */
@RestController
class VisionController {

    private final VisionService vision;
    private final StrictJson json;
    private final EngineSettings visionProperties;
    private final LiveSettings<HandlersSettings> properties;

    VisionController(VisionService vision, StrictJson json, EngineSettings visionProperties,
            LiveSettings<HandlersSettings> properties) {
        this.vision = vision;
        this.json = json;
        this.visionProperties = visionProperties;
        this.properties = properties;
    }

    /** Stateless detection and estimation, descriptors included on request; nothing is stored. */
    @PostMapping("/1/sdk")
    Map<String, Object> sdk(HttpServletRequest request) throws IOException {
        Map<String, String[]> query = query(request);
        // aggregate_attributes is /sdk's own (not an estimation flag): one face estimation over all images
        boolean aggregate = QueryValues.flag(query, "aggregate_attributes", false);
        query.remove("aggregate_attributes");
        boolean warps = warps(query);
        EstimationRequest estimation = EstimationFlags.fromQuery(query, true);
        List<ImageInputs.Input> inputs = inputs(request);
        return vision.sdk(vision.analyse(inputs, estimation, false, warps), estimation, aggregate);
    }

    /**
     * LUNA's {@code /iso} ({@code /6/iso}): ISO/IEC 19794-5 checks of each image's face ({@link IsoChecks}),
     * nothing stored. {@code multiface_policy} 0 (default, as LUNA: one face per image) or 1 (each face);
     * {@code extract_exif} is accepted as 0 (Selene reads no EXIF data); photos only ({@code image_type}=0):
     * the geometry checks measure the photo, which a warp no longer is.
     */
    @PostMapping("/1/iso")
    Map<String, Object> iso(HttpServletRequest request) throws IOException {
        Map<String, String[]> query = query(request);
        for (String name : query.keySet()) {
            if (!List.of("multiface_policy", "extract_exif", "image_type").contains(name)) {
                throw PlatformErrors.BAD_QUERY.exception("Unknown query parameter '" + name
                        + "'; known: [multiface_policy, extract_exif, image_type]");
            }
        }
        boolean everyFace = QueryValues.number(query, "multiface_policy", 0, 0, 1, true) == 1;
        if (QueryValues.flag(query, "extract_exif", false)) {
            throw VisionErrors.notAvailable("extract_exif");
        }
        int type = (int) QueryValues.number(query, "image_type", 0, 0, 2, true);
        if (type != 0) {
            throw VisionErrors.IMAGE_TYPE_NOT_SUPPORTED.exception(type,
                    "ISO checks measure the face's place and size in the photo, which a warp does not keep");
        }
        EstimationRequest estimation = new EstimationRequest(
                EnumSet.of(Estimation.FACE_DETECTION, Estimation.HEAD_POSE, Estimation.EYES),
                1, Double.NaN, null, null, null);
        List<ImageInputs.Input> inputs = inputs(request);
        return vision.iso(vision.analyse(inputs, estimation, false), everyFace);
    }

    /** Detection and estimation; each face's sample (aligned 250×250 warp) is stored in Image Store. */
    @PostMapping("/1/detector")
    ResponseEntity<Map<String, Object>> detector(HttpServletRequest request, AccountContext account)
            throws IOException {
        Map<String, String[]> query = query(request);
        boolean warps = warps(query);
        EstimationRequest estimation = EstimationFlags.fromQuery(query, false);
        if (properties.get().storeSamples()) {
            account.requireAccount();
        }
        List<ImageInputs.Input> inputs = inputs(request);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(vision.detector(vision.analyse(inputs, estimation, true, warps), estimation));
    }

    /**
     * {@code POST /1/samples/faces} ({@code /6/samples/faces}): LUNA's "save face sample", one face warp
     * (250×250, raw image body, multipart or JSON base64) stored as a sample; 201 {@code {sample_id, url}}.
     */
    @PostMapping("/1/samples/faces")
    ResponseEntity<Map<String, Object>> saveSample(HttpServletRequest request, AccountContext account)
            throws IOException {
        Map<String, String[]> query = query(request);
        if (!query.isEmpty()) {
            throw PlatformErrors.BAD_QUERY.exception("Unknown query parameter '" + query.keySet().iterator().next()
                    + "'");
        }
        account.requireAccount();
        List<ImageInputs.Input> inputs = inputs(request);
        if (inputs.size() != 1) {
            throw PlatformErrors.BAD_BODY.exception("Expected one face warp, got " + inputs.size() + " images");
        }
        ImageInputs.Input input = inputs.getFirst();
        if (input.error() != null) {
            throw input.error();
        }
        if (input.sampleId() != null) {
            throw PlatformErrors.BAD_BODY.exception("Expected the image of a face warp, not a sample id");
        }
        String id = vision.saveSample(input.bytes());
        String url = SampleStore.url(id);
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("sample_id", id);
        answer.put("url", url);
        return ResponseEntity.created(java.net.URI.create(url)).body(answer);
    }

    /**
     * LUNA's {@code image_type} (taken out of the query): 0 photos (default), 1 face warps (250×250, analysed
     * without detection), 2 body warps, refused (14016): Selene makes no estimation of a body warp.
     */
    static boolean warps(Map<String, String[]> query) {
        int type = (int) QueryValues.number(query, "image_type", 0, 0, 2, true);
        query.remove("image_type");
        if (type == 2) {
            throw VisionErrors.IMAGE_TYPE_NOT_SUPPORTED.exception(2,
                    "Selene has no body descriptor or body attribute model, so nothing can be estimated on a body warp");
        }
        return type == 1;
    }

    /**
     * Descriptor and/or basic attributes of stored samples as temporary attributes in Faces. Body:
     * {@code ["<sample_id>", ...]} or {@code {"samples": [...]}} (ids or {@code {"sample_id"}} objects).
     */
    @PostMapping("/1/extractor")
    ResponseEntity<List<Map<String, Object>>> extractor(HttpServletRequest request, AccountContext account)
            throws IOException {
        Map<String, String[]> query = query(request);
        for (String name : query.keySet()) {
            if (!List.of("extract_descriptor", "extract_basic_attributes", "aggregate_attributes", "score_threshold",
                    "descriptor_version").contains(name)) {
                throw PlatformErrors.BAD_QUERY.exception("Unknown query parameter '" + name + "'");
            }
        }
        boolean descriptor = QueryValues.flag(query, "extract_descriptor", true);
        boolean basic = QueryValues.flag(query, "extract_basic_attributes", false);
        boolean aggregate = QueryValues.flag(query, "aggregate_attributes", false);
        double threshold = QueryValues.number(query, "score_threshold", 0, 0, 1, false);
        int version = (int) QueryValues.number(query, "descriptor_version", 0, 1, Integer.MAX_VALUE, true);
        if (!descriptor && !basic) {
            throw VisionErrors.NOT_SELECTED_ATTRIBUTES.exception();
        }
        account.requireAccount();
        List<String> ids = sampleIds(request);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(vision.extract(new VisionService.ExtractRequest(ids, descriptor, basic, aggregate, threshold,
                        vision.descriptorVersion(version))));
    }

    private List<String> sampleIds(HttpServletRequest request) throws IOException {
        JsonNode body = json.body(request);
        JsonNode list = body != null && body.isObject() ? body.get("samples") : body;
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw PlatformErrors.BAD_BODY.exception("Expected a non-empty array of sample ids, or {\"samples\": [...]}");
        }
        int maxImages = properties.get().maxImages();
        if (list.size() > maxImages) {
            throw VisionErrors.TOO_MANY_IMAGES.exception(list.size(), maxImages);
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : list) {
            JsonNode id = entry.isObject() ? entry.get("sample_id") : entry;
            if (id == null || !id.isString()) {
                throw PlatformErrors.BAD_BODY.exception("Each sample is an id string or {\"sample_id\": \"...\"}");
            }
            ids.add(id.asString());
        }
        return ids;
    }

    private List<ImageInputs.Input> inputs(HttpServletRequest request) throws IOException {
        return ImageInputs.read(request, json, visionProperties.maxImageSize().toBytes(),
                properties.get().maxImages());
    }

    /** Query parameters only (not form fields of a multipart body). */
    static Map<String, String[]> query(HttpServletRequest request) {
        Map<String, String[]> query = new java.util.LinkedHashMap<>();
        String raw = request.getQueryString();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                        java.nio.charset.StandardCharsets.UTF_8);
                value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1),
                        java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw PlatformErrors.BAD_QUERY.exception("Malformed query string");
            }
            if (name.equals("filename")) {
                continue; // raw bodies may name their file
            }
            String[] old = query.get(name);
            String[] values = old == null ? new String[] {value} : java.util.Arrays.copyOf(old, old.length + 1);
            values[values.length - 1] = value;
            query.put(name, values);
        }
        return query;
    }
}

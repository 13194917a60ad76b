package io.selene.handlers.vision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.commons.error.ErrorResponses;
import io.selene.commons.error.LunaException;
import io.selene.commons.license.Feature;
import io.selene.commons.license.LicenseCheck;
import io.selene.vision.Estimation;
import io.selene.vision.FaceOptions;
import io.selene.vision.FaceAnalysis;
import io.selene.vision.FaceAnalysis.Face;
import io.selene.vision.FaceEngine;
import io.selene.vision.Similarity;
import io.selene.vision.body.Bodies;
import io.selene.vision.body.BodyDetector;
import io.selene.vision.body.BodyDetector.Body;
import io.selene.vision.image.Geometry;
import io.selene.vision.image.ImageDecoder;
import io.selene.vision.image.ImageEncoder;
import io.selene.vision.image.ImageRejectedException;
import io.selene.vision.image.RgbImage;
import org.springframework.stereotype.Service;

/** Detector, SDK and extractor work: engine calls, sample storage, LUNA answers. */
@Service
class VisionService {

    /** The engine's descriptor version, as platform-commons names it (checked at start-up). */
    static final String VISION_STAGE = "selene.vision.stage";
    static final DescriptorVersion VERSION = DescriptorVersion.require(FaceAnalysis.DESCRIPTOR_VERSION);

    private final FaceEngine engine;
    private final SampleStore samples;
    private final AttributeClient attributes;
    private final HandlersSettings properties;
    private final ErrorResponses errors;
    private final double bodyScoreThreshold;
    private final MeterRegistry meters;
    private final LicenseCheck licenses;
    private final DescriptorVersion defaultVersion;

    VisionService(FaceEngine engine, SampleStore samples, AttributeClient attributes, HandlersSettings properties,
            ErrorResponses errors, EngineSettings vision, MeterRegistry meters, LicenseCheck licenses) {
        this.meters = meters;
        this.engine = engine;
        this.licenses = licenses;
        this.bodyScoreThreshold = vision.bodyScoreThreshold() > 0 ? vision.bodyScoreThreshold()
                : BodyDetector.DEFAULT_SCORE_THRESHOLD;
        this.samples = samples;
        this.attributes = attributes;
        this.properties = properties;
        this.errors = errors;
        this.defaultVersion = DescriptorVersion.require(vision.defaultFaceDescriptorVersion() == 0 ? VERSION.number()
                : vision.defaultFaceDescriptorVersion());
        if (engine.unavailable(Estimation.FACE_DESCRIPTOR) == null
                && !engine.descriptorVersions().contains(defaultVersion.number())) {
            throw new IllegalStateException("selene.vision.default-face-descriptor-version is "
                    + defaultVersion.number() + " but this engine extracts " + engine.descriptorVersions()
                    + " (run bin/fetch-face-model-202 for 202)");
        }
    }

    /**
     * The descriptor version a request asked for (0 = the default): 400 12050 when Selene has no such
     * version, 403 (the engine's "not available") when its model is not installed here.
     */
    DescriptorVersion descriptorVersion(int asked) {
        DescriptorVersion version = asked == 0 ? defaultVersion : DescriptorVersion.require(asked);
        try {
            engine.requireDescriptor(version.number());
        } catch (FaceEngine.Unavailable e) {
            throw VisionErrors.of(e);
        }
        return version;
    }

    private FaceOptions options(EstimationRequest request, boolean makeSamples) {
        FaceOptions options = request.options(makeSamples, VERSION.number());
        return options.has(Estimation.FACE_DESCRIPTOR)
                ? options.withDescriptorVersion(descriptorVersion(request.descriptorVersion()).number()) : options;
    }

    /** Each stage's time of one image as {@code selene.vision.stage} (tag {@code stage}), for the dashboards. */
    private FaceAnalysis timed(FaceAnalysis analysis) {
        analysis.stageNanos().forEach(this::stage);
        return analysis;
    }

    private void stage(String stage, long nanos) {
        Timer.builder(VISION_STAGE).tag("stage", stage).register(meters).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One image's outcome: the analysis (and bodies, when asked for) or its error. */
    record Outcome(ImageInputs.Input input, FaceAnalysis analysis, LunaException error, List<DetectedBody> bodies) {

        Outcome(ImageInputs.Input input, FaceAnalysis analysis, LunaException error) {
            this(input, analysis, error, null);
        }
    }

    /** A person and, on /detector, its 128×256 sample (not yet stored). */
    record DetectedBody(Body body, RgbImage sample) {
    }

    List<Outcome> analyse(List<ImageInputs.Input> inputs, EstimationRequest request, boolean makeSamples) {
        return analyse(inputs, request, makeSamples, false);
    }

    /**
     * {@code warps}: each image is a 250×250 face warp (LUNA's {@code image_type=1}), analysed without
     * detection ({@link FaceEngine#fromWarp}); bodies are not looked for on a face warp.
     */
    List<Outcome> analyse(List<ImageInputs.Input> inputs, EstimationRequest request, boolean makeSamples,
            boolean warps) {
        try {
            engine.require(request.estimations()); // a model that is missing switches its estimation off
        } catch (FaceEngine.Unavailable e) {
            throw VisionErrors.of(e);
        }
        // every path that estimates (/detector, /sdk, handlers' events, verifications) comes here
        if (request.has(Estimation.LIVENESS)) {
            licenses.require(Feature.LIVENESS);
        }
        if (request.bodies() && !warps) {
            licenses.require(Feature.BODIES);
        }
        List<Outcome> outcomes = new ArrayList<>(inputs.size());
        for (ImageInputs.Input input : inputs) {
            outcomes.add(warps ? warp(input, request) : analyse(input, request, makeSamples));
        }
        if (outcomes.size() == 1 && outcomes.getFirst().error() != null) {
            // a single image that cannot be used is the request's error
            throw outcomes.getFirst().error();
        }
        return outcomes;
    }

    private Outcome analyse(ImageInputs.Input input, EstimationRequest request, boolean makeSamples) {
        if (input.error() != null) {
            return new Outcome(input, null, input.error());
        }
        try {
            byte[] bytes = input.sampleId() != null ? samples.get(input.sampleId()) : input.bytes();
            if (request.bodies()) {
                return withBodies(input, bytes, request, makeSamples);
            }
            return new Outcome(input, timed(engine.analyze(bytes, options(request, makeSamples))), null);
        } catch (ImageRejectedException e) {
            return new Outcome(input, null, VisionErrors.of(e));
        } catch (FaceEngine.BusyException e) {
            throw VisionErrors.ENGINE_BUSY.exception(e.getMessage());
        } catch (LunaException e) {
            if (e.status().is4xxClientError()) {
                return new Outcome(input, null, e);
            }
            throw e;
        }
    }

    /** One face warp: its face (the whole warp) with what can be estimated on it; a bad image is its error. */
    private Outcome warp(ImageInputs.Input input, EstimationRequest request) {
        if (input.error() != null) {
            return new Outcome(input, null, input.error());
        }
        try {
            byte[] bytes = input.sampleId() != null ? samples.get(input.sampleId()) : input.bytes();
            ImageDecoder.Decoded decoded = engine.decoder().decode(bytes);
            RgbImage image = decoded.image();
            if (image.width() != FaceEngine.SAMPLE_SIZE || image.height() != FaceEngine.SAMPLE_SIZE) {
                return new Outcome(input, null, VisionErrors.NOT_A_WARP.exception(image.width(), image.height(),
                        FaceEngine.SAMPLE_SIZE, FaceEngine.SAMPLE_SIZE));
            }
            List<Face> faces = request.faces() ? List.of(engine.fromWarp(image, request.estimations(),
                    options(request, false).descriptorVersion())) : List.of();
            return new Outcome(input, new FaceAnalysis(image.width(), image.height(), decoded.format(), faces,
                    Map.of()), null);
        } catch (ImageRejectedException e) {
            return new Outcome(input, null, VisionErrors.of(e));
        } catch (FaceEngine.BusyException e) {
            throw VisionErrors.ENGINE_BUSY.exception(e.getMessage());
        } catch (LunaException e) {
            if (e.status().is4xxClientError()) {
                return new Outcome(input, null, e);
            }
            throw e;
        }
    }

    /**
     * Faces and bodies of one image. The image is decoded once, at full resolution, here: both
     * detectors need its pixels (so the face engine's subsampled decoding is not used on this path).
     */
    private Outcome withBodies(ImageInputs.Input input, byte[] bytes, EstimationRequest request, boolean makeSamples) {
        ImageDecoder.Decoded decoded = engine.decoder().decode(bytes, 1);
        RgbImage image = decoded.image();
        FaceAnalysis analysis = request.faces() ? timed(engine.analyze(image, options(request, makeSamples)))
                : new FaceAnalysis(image.width(), image.height(), decoded.format(), List.of(), Map.of());
        List<DetectedBody> bodies = new ArrayList<>();
        long started = System.nanoTime();
        List<Body> detected = engine.bodies(image, bodyScoreThreshold);
        stage("body_detect", System.nanoTime() - started);
        for (Body body : detected) {
            bodies.add(new DetectedBody(body, makeSamples ? Bodies.sample(image, body) : null));
        }
        return new Outcome(input, analysis, null, bodies);
    }

    /** For each face of the outcome, the index of its body, or −1 (all −1 when bodies were not asked for). */
    static int[] owners(Outcome outcome) {
        List<Face> faces = outcome.analysis().faces();
        if (outcome.bodies() == null) {
            int[] none = new int[faces.size()];
            java.util.Arrays.fill(none, -1);
            return none;
        }
        List<Geometry.Box> boxes = faces.stream().map(Face::box).toList();
        return Bodies.associate(boxes, outcome.bodies().stream().map(DetectedBody::body).toList());
    }

    /** rect and score of a body, in LUNA's detection shape. */
    static Map<String, Object> bodyDetection(Body body) {
        long x = Math.round(body.x());
        long y = Math.round(body.y());
        Map<String, Object> detection = new LinkedHashMap<>();
        detection.put("rect", Map.of("x", x, "y", y, "width", Math.round(body.x() + body.width()) - x,
                "height", Math.round(body.y() + body.height()) - y));
        detection.put("score", FaceAnalysis.round(body.score(), 5));
        return detection;
    }

    private Map<String, Object> storedBody(DetectedBody detected) {
        Map<String, Object> bodyJson = new LinkedHashMap<>();
        if (detected.sample() != null && properties.storeSamples()) {
            String id = samples.putBody(ImageEncoder.jpeg(detected.sample(), properties.sampleJpegQuality()));
            bodyJson.put("sample_id", id);
            bodyJson.put("url", SampleStore.bodyUrl(id));
        }
        bodyJson.put("detection", bodyDetection(detected.body()));
        return bodyJson;
    }

    /**
     * {@code POST /1/sdk}: estimations and descriptors, nothing stored. With {@code aggregate}
     * ({@code aggregate_attributes=1}) also {@code aggregate_estimations.face.attributes}: one estimation
     * of the person the images show, from the best face of each image (LUNA expects one face per image):
     * the mean of the normalised descriptors, renormalised (as {@code /extractor} aggregates samples),
     * and the mean of the basic attributes, liveness and emotions asked for.
     */
    Map<String, Object> sdk(List<Outcome> outcomes, EstimationRequest request, boolean aggregate) {
        Map<String, Object> answer = new LinkedHashMap<>(sdk(outcomes, request));
        if (aggregate) {
            List<Face> best = outcomes.stream().filter(o -> o.analysis() != null)
                    .map(o -> best(o.analysis().faces())).filter(java.util.Objects::nonNull).toList();
            Map<String, Object> estimations = new LinkedHashMap<>();
            if (!best.isEmpty()) {
                estimations.put("face", Map.of("attributes", aggregated(best)));
            }
            answer.put("aggregate_estimations", estimations);
        }
        return answer;
    }

    private static Map<String, Object> aggregated(List<Face> faces) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        Face first = faces.getFirst();
        if (first.descriptor() != null) {
            float[] values = Similarity.aggregate(faces.stream().map(f -> f.descriptor().values()).toList());
            attributes.put("descriptor", Map.of(
                    "sdk_descriptor", new DescriptorCodec.Descriptor(DescriptorVersion.require(
                            first.descriptor().version()), values).sdkBase64(),
                    "score", FaceAnalysis.round(faces.stream()
                            .mapToDouble(f -> FaceJson.descriptorScore(f.descriptor())).average().orElse(0), 5)));
        }
        if (first.basicAttributes() != null) {
            attributes.put("basic_attributes", new FaceAnalysis.BasicAttributes(
                    faces.stream().mapToDouble(f -> f.basicAttributes().age()).average().orElse(0),
                    faces.stream().mapToDouble(f -> f.basicAttributes().male()).average().orElse(0)).luna());
        }
        if (first.liveness() != null) {
            attributes.put("liveness", new FaceAnalysis.Liveness(
                    faces.stream().mapToDouble(f -> f.liveness().real()).average().orElse(0)).luna());
        }
        if (first.emotions() != null) {
            double[] mean = new double[first.emotions().probabilities().length];
            for (Face face : faces) {
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += face.emotions().probabilities()[i] / faces.size();
                }
            }
            attributes.put("emotions", new FaceAnalysis.Emotions(mean).luna());
        }
        return attributes;
    }

    /** {@code POST /1/sdk}: estimations and descriptors, nothing stored. */
    Map<String, Object> sdk(List<Outcome> outcomes, EstimationRequest request) {
        List<Object> images = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            Map<String, Object> image = header(outcome);
            if (outcome.analysis() != null) {
                Face best = best(outcome.analysis().faces());
                List<Object> estimations = new ArrayList<>();
                List<Object> filtered = new ArrayList<>();
                int[] owners = owners(outcome);
                boolean[] owned = new boolean[outcome.bodies() == null ? 0 : outcome.bodies().size()];
                List<Face> faces = outcome.analysis().faces();
                for (int f = 0; f < faces.size(); f++) {
                    Face face = faces.get(f);
                    Map<String, Object> attributes = face.attributes();
                    if (face.descriptor() != null && (request.multifacePolicy() != 2 || face == best)) {
                        attributes.put("descriptor", Map.of(
                                "sdk_descriptor", new DescriptorCodec.Descriptor(DescriptorVersion.require(
                                        face.descriptor().version()), face.descriptor().values()).sdkBase64(),
                                "score", FaceJson.descriptorScore(face.descriptor())));
                    }
                    Map<String, Object> faceJson = new LinkedHashMap<>();
                    faceJson.put("detection", FaceJson.detection(face, request.landmarks68()));
                    faceJson.put("attributes", attributes);
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("face", faceJson);
                    boolean kept = passesPose(face, request);
                    if (kept && owners[f] >= 0) {
                        owned[owners[f]] = true;
                        entry.put("body", Map.of("detection", bodyDetection(outcome.bodies().get(owners[f]).body())));
                    }
                    (kept ? estimations : filtered).add(entry);
                }
                for (int b = 0; b < owned.length; b++) {
                    if (!owned[b]) {
                        estimations.add(Map.of("body", Map.of("detection", bodyDetection(outcome.bodies().get(b).body()))));
                    }
                }
                image.put("estimations", estimations);
                if (request.filtersByPose()) {
                    image.put("filtered_estimations", filtered);
                }
            }
            images.add(image);
        }
        return Map.of("images_estimations", images);
    }

    /**
     * {@code POST /1/iso}: {@link IsoChecks} on each face ({@code everyFace}) or on the one face of each
     * image; an image without a face, or with several when one is expected, is that image's error
     * (the request's, when it is the only image).
     */
    Map<String, Object> iso(List<Outcome> outcomes, boolean everyFace) {
        List<Object> images = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            LunaException error = outcome.error();
            List<Face> faces = outcome.analysis() == null ? List.of() : outcome.analysis().faces();
            if (error == null && faces.isEmpty()) {
                error = VisionErrors.NO_FACE.exception("");
            } else if (error == null && faces.size() > 1 && !everyFace) {
                error = VisionErrors.SEVERAL_FACES.exception(faces.size());
            }
            if (error != null && outcomes.size() == 1) {
                throw error;
            }
            Map<String, Object> image = header(error == null ? outcome : new Outcome(outcome.input(), null, error));
            if (error == null) {
                List<Object> estimations = new ArrayList<>();
                for (Face face : faces) {
                    Map<String, Object> detection = FaceJson.detection(face, false);
                    detection.put("iso", IsoChecks.iso(outcome.analysis(), face));
                    estimations.add(Map.of("face", Map.of("detection", detection)));
                }
                image.put("estimations", estimations);
            }
            images.add(image);
        }
        return Map.of("images", images);
    }

    /** {@code POST /1/detector}: detections with their samples stored in Image Store. */
    Map<String, Object> detector(List<Outcome> outcomes, EstimationRequest request) {
        List<Object> images = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            Map<String, Object> image = header(outcome);
            if (outcome.analysis() != null) {
                List<Object> detected = new ArrayList<>();
                List<Object> filtered = new ArrayList<>();
                int[] owners = owners(outcome);
                boolean[] owned = new boolean[outcome.bodies() == null ? 0 : outcome.bodies().size()];
                List<Face> faces = outcome.analysis().faces();
                for (int f = 0; f < faces.size(); f++) {
                    Face face = faces.get(f);
                    Map<String, Object> faceJson = new LinkedHashMap<>();
                    if (face.sample() != null && properties.storeSamples()) {
                        String id = samples.put(ImageEncoder.jpeg(face.sample(), properties.sampleJpegQuality()));
                        faceJson.put("sample_id", id);
                        faceJson.put("url", SampleStore.url(id));
                    }
                    Map<String, Object> detection = FaceJson.detection(face, request.landmarks68());
                    detection.put("attributes", face.attributes());
                    faceJson.put("detection", detection);
                    boolean kept = passesPose(face, request);
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("face", faceJson);
                    if (kept && owners[f] >= 0) {
                        owned[owners[f]] = true;
                        entry.put("body", storedBody(outcome.bodies().get(owners[f])));
                    }
                    (kept ? detected : filtered).add(entry);
                }
                for (int b = 0; b < owned.length; b++) {
                    if (!owned[b]) {
                        detected.add(Map.of("body", storedBody(outcome.bodies().get(b))));
                    }
                }
                Map<String, Object> detections = new LinkedHashMap<>();
                detections.put("samples", detected);
                Map<String, Object> filteredDetections = new LinkedHashMap<>();
                filteredDetections.put("face_detections", filtered);
                if (outcome.bodies() != null) {
                    filteredDetections.put("body_detections", List.of());
                }
                detections.put("filtered_detections", filteredDetections);
                image.put("detections", detections);
            }
            images.add(image);
        }
        return Map.of("images", images);
    }

    private Map<String, Object> header(Outcome outcome) {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("filename", outcome.input().filename());
        if (outcome.input().sampleId() != null) {
            image.put("sample_id", outcome.input().sampleId());
        }
        image.put("status", outcome.error() == null ? 1 : 0);
        if (outcome.error() != null) {
            image.put("error", errors.body(outcome.error()));
        } else {
            image.put("width", outcome.analysis().width());
            image.put("height", outcome.analysis().height());
        }
        return image;
    }

    static Face best(List<Face> faces) {
        return faces.stream().max(Comparator.comparingDouble(Face::score)).orElse(null);
    }

    static boolean passesPose(Face face, EstimationRequest request) {
        if (!request.filtersByPose() || face.headPose() == null) {
            return true;
        }
        return within(face.headPose().yaw(), request.yawThreshold())
                && within(face.headPose().pitch(), request.pitchThreshold())
                && within(face.headPose().roll(), request.rollThreshold());
    }

    private static boolean within(double angle, Double threshold) {
        return threshold == null || Math.abs(angle) <= threshold;
    }

    /**
     * LUNA's "save face sample" ({@code POST /6/samples/faces}): a 250×250 face warp stored as a sample of
     * the caller's account (as JPEG, as the detector stores them); another size is 400 (14015).
     */
    String saveSample(byte[] bytes) {
        RgbImage image;
        try {
            image = engine.decoder().decode(bytes).image();
        } catch (ImageRejectedException e) {
            throw VisionErrors.of(e);
        }
        if (image.width() != FaceEngine.SAMPLE_SIZE || image.height() != FaceEngine.SAMPLE_SIZE) {
            throw VisionErrors.NOT_A_WARP.exception(image.width(), image.height(), FaceEngine.SAMPLE_SIZE,
                    FaceEngine.SAMPLE_SIZE);
        }
        return samples.put(ImageEncoder.jpeg(image, properties.sampleJpegQuality()));
    }

    // ------------------------------------------------------------------ extractor

    record ExtractRequest(List<String> sampleIds, boolean descriptor, boolean basicAttributes, boolean aggregate,
            double scoreThreshold, DescriptorVersion version) {
    }

    private record Extracted(String sampleId, Face face, double score) {
    }

    /**
     * A stored face sample of the caller's account, analysed: 404 (14011) when it is not there, 400 (14012)
     * when it is not a 250×250 face sample, 503 (14020) when the engine is saturated.
     */
    Face fromStoredSample(String sampleId, boolean descriptor, boolean basicAttributes, DescriptorVersion version) {
        byte[] bytes = samples.get(sampleId);
        RgbImage sample;
        try {
            sample = engine.decoder().decode(bytes).image();
        } catch (ImageRejectedException e) {
            throw VisionErrors.NOT_A_SAMPLE.exception(sampleId, e.getMessage());
        }
        if (sample.width() != FaceEngine.SAMPLE_SIZE || sample.height() != FaceEngine.SAMPLE_SIZE) {
            throw VisionErrors.NOT_A_SAMPLE.exception(sampleId, sample.width() + "x" + sample.height()
                    + " pixels, a face sample is " + FaceEngine.SAMPLE_SIZE + "x" + FaceEngine.SAMPLE_SIZE);
        }
        try {
            return engine.fromSample(sample, descriptor, basicAttributes, version.number());
        } catch (FaceEngine.BusyException e) {
            throw VisionErrors.ENGINE_BUSY.exception(e.getMessage());
        } catch (FaceEngine.Unavailable e) {
            throw VisionErrors.of(e);
        }
    }

    /** {@code POST /1/extractor}: temporary attributes in Faces from stored samples. */
    List<Map<String, Object>> extract(ExtractRequest request) {
        List<Extracted> extracted = new ArrayList<>();
        for (String sampleId : request.sampleIds()) {
            Face face = fromStoredSample(sampleId, request.descriptor(), request.basicAttributes(), request.version());
            double score = face.descriptor() != null ? FaceJson.descriptorScore(face.descriptor()) : 1.0;
            if (face.descriptor() != null && score < request.scoreThreshold()) {
                throw VisionErrors.LOW_DESCRIPTOR_SCORE.exception(score, sampleId, request.scoreThreshold());
            }
            extracted.add(new Extracted(sampleId, face, score));
        }
        List<List<Extracted>> groups = request.aggregate() ? List.of(extracted)
                : extracted.stream().map(List::of).toList();
        long ttl = properties.attributeTtl().toSeconds();
        List<Map<String, Object>> answer = new ArrayList<>();
        for (List<Extracted> group : groups) {
            List<String> ids = group.stream().map(Extracted::sampleId).toList();
            String descriptor = null;
            double score = 0;
            if (request.descriptor()) {
                float[] values = Similarity.aggregate(group.stream().map(e -> e.face().descriptor().values()).toList());
                descriptor = new DescriptorCodec.Descriptor(request.version(), values).rawBase64();
                score = FaceAnalysis.round(group.stream().mapToDouble(Extracted::score).average().orElse(0), 5);
            }
            Map<String, Object> basic = null;
            if (request.basicAttributes()) {
                basic = new FaceAnalysis.BasicAttributes(
                        group.stream().mapToDouble(e -> e.face().basicAttributes().age()).average().orElse(0),
                        group.stream().mapToDouble(e -> e.face().basicAttributes().male()).average().orElse(0)).luna();
            }
            AttributeClient.Created created = attributes.create(descriptor, request.version().number(), basic, ids,
                    ttl);
            Map<String, Object> attribute = new LinkedHashMap<>();
            attribute.put("attribute_id", created.attributeId());
            attribute.put("url", "/6/attributes/" + created.attributeId());
            if (basic != null) {
                attribute.put("basic_attributes", basic);
            }
            if (descriptor != null) {
                attribute.put("score", score);
                attribute.put("descriptor_version", request.version().number());
            }
            attribute.put("samples", ids);
            if (created.expiryTime() != null) {
                attribute.put("expiry_time", created.expiryTime());
            }
            answer.add(attribute);
        }
        return answer;
    }
}

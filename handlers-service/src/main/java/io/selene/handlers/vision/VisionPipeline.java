package io.selene.handlers.vision;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.commons.error.LunaException;
import io.selene.commons.json.StrictJson;
import io.selene.commons.settings.LiveSettings;
import io.selene.vision.FaceAnalysis.Face;
import io.selene.vision.image.ImageEncoder;
import io.selene.vision.image.RgbImage;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * The vision steps other features of this service reuse (the handlers' event generation): reading
 * the images of a request, detection with estimations and descriptors, and storing samples and
 * temporary attributes. Same engine, limits and errors as /detector and /sdk.
 */
@Component
public class VisionPipeline {

    private final VisionService vision;
    private final SampleStore samples;
    private final AttributeClient attributes;
    private final EngineSettings visionProperties;
    private final LiveSettings<HandlersSettings> properties;
    private final StrictJson json;

    VisionPipeline(VisionService vision, SampleStore samples, AttributeClient attributes,
            EngineSettings visionProperties, LiveSettings<HandlersSettings> properties, StrictJson json) {
        this.vision = vision;
        this.samples = samples;
        this.attributes = attributes;
        this.visionProperties = visionProperties;
        this.properties = properties;
        this.json = json;
    }

    /** One image's outcome: its kept detections (pose-filtered faces left out), or its error. */
    public record Image(ImageInputs.Input input, int width, int height, List<Detection> detections,
            LunaException error) {
    }

    /**
     * A face, a body, or a face with its body. {@code face} is LUNA's detection object (rect, score,
     * landmarks), {@code attributes} its estimations; {@code descriptor} is null when not extracted.
     */
    public record Detection(Map<String, Object> face, Map<String, Object> attributes, float[] descriptor,
            double descriptorScore, RgbImage faceSample, Map<String, Object> body, RgbImage bodySample) {
    }

    /** The images of a request (at most {@code selene.handlers.max-images}); see {@link ImageInputs}. */
    public ImageInputs.Read read(HttpServletRequest request, String jsonPart) throws IOException {
        return ImageInputs.read(request, json, visionProperties.maxImageSize().toBytes(), properties.get().maxImages(),
                jsonPart);
    }

    /**
     * The query parameters of a request (not multipart form fields; {@code filename} of a raw body left
     * out), one value each: a parameter given twice is refused with 101.
     */
    public static Map<String, String> query(HttpServletRequest request) {
        Map<String, String> single = new java.util.LinkedHashMap<>();
        VisionController.query(request).forEach((name, values) -> single.put(name, QueryValues.single(
                Map.of(name, values), name)));
        return single;
    }

    /**
     * LUNA's {@code image_type} query parameter (removed from {@code query}): whether the images are face
     * warps (1); 0 photos; 2 body warps refused (14016).
     */
    public static boolean warps(Map<String, String> query) {
        String type = query.remove("image_type");
        Map<String, String[]> one = new java.util.HashMap<>();
        if (type != null) {
            one.put("image_type", new String[] {type});
        }
        return VisionController.warps(one);
    }

    public int maxImages() {
        return properties.get().maxImages();
    }

    /** Analyses every image; a single image that cannot be used is the request's error (as on /detector). */
    public List<Image> analyse(List<ImageInputs.Input> inputs, EstimationRequest request) {
        return analyse(inputs, request, false);
    }

    /** As {@link #analyse(List, EstimationRequest)}; {@code warps}: the images are face warps (LUNA's image_type=1). */
    public List<Image> analyse(List<ImageInputs.Input> inputs, EstimationRequest request, boolean warps) {
        List<Image> images = new ArrayList<>();
        for (VisionService.Outcome outcome : vision.analyse(inputs, request, true, warps)) {
            if (outcome.error() != null) {
                images.add(new Image(outcome.input(), 0, 0, List.of(), outcome.error()));
                continue;
            }
            List<Face> faces = outcome.analysis().faces();
            Face best = VisionService.best(faces);
            int[] owners = VisionService.owners(outcome);
            int bodyCount = outcome.bodies() == null ? 0 : outcome.bodies().size();
            boolean[] owned = new boolean[bodyCount];
            List<Detection> detections = new ArrayList<>();
            for (int f = 0; f < faces.size(); f++) {
                Face face = faces.get(f);
                if (!VisionService.passesPose(face, request)) {
                    continue; // its body, if any, stays as a body of its own
                }
                float[] descriptor = face.descriptor() == null || (request.multifacePolicy() == 2 && face != best)
                        ? null : face.descriptor().values();
                Map<String, Object> body = null;
                RgbImage bodySample = null;
                if (owners[f] >= 0) {
                    owned[owners[f]] = true;
                    VisionService.DetectedBody detected = outcome.bodies().get(owners[f]);
                    body = VisionService.bodyDetection(detected.body());
                    bodySample = detected.sample();
                }
                detections.add(new Detection(FaceJson.detection(face, request.landmarks68()), face.attributes(),
                        descriptor, descriptor == null ? 0 : FaceJson.descriptorScore(face.descriptor()), face.sample(),
                        body, bodySample));
            }
            for (int b = 0; b < bodyCount; b++) {
                if (!owned[b]) {
                    VisionService.DetectedBody detected = outcome.bodies().get(b);
                    detections.add(new Detection(null, null, null, 0, null,
                            VisionService.bodyDetection(detected.body()), detected.sample()));
                }
            }
            images.add(new Image(outcome.input(), outcome.analysis().width(), outcome.analysis().height(), detections,
                    null));
        }
        return images;
    }

    /** Stores a face sample (250×250 warp) as JPEG in the caller's account; returns its id. */
    public String storeFaceSample(RgbImage sample) {
        return samples.put(ImageEncoder.jpeg(sample, properties.get().sampleJpegQuality()));
    }

    /** Stores a body sample (128×256) as JPEG in the caller's account; returns its id. */
    public String storeBodySample(RgbImage sample) {
        return samples.putBody(ImageEncoder.jpeg(sample, properties.get().sampleJpegQuality()));
    }

    /** Deletes a face sample this service stored (caller's account): a failed request's cleanup. */
    public void deleteFaceSample(String sampleId) {
        samples.delete(sampleId);
    }

    /** Deletes a body sample this service stored (caller's account). */
    public void deleteBodySample(String sampleId) {
        samples.deleteBody(sampleId);
    }

    public static String faceSampleUrl(String sampleId) {
        return SampleStore.url(sampleId);
    }

    public static String bodySampleUrl(String sampleId) {
        return SampleStore.bodyUrl(sampleId);
    }

    /**
     * The descriptor version of events, verifiers and face creation from photos (201): what the matcher's
     * galleries hold. /sdk, /extractor and the re-extraction of samples may extract another version.
     */
    public static int descriptorVersion() {
        return VisionService.VERSION.number();
    }

    /** Raw base64 of a descriptor of this engine. */
    public static String rawBase64(float[] descriptor) {
        return new DescriptorCodec.Descriptor(VisionService.VERSION, descriptor).rawBase64();
    }

    /** A temporary attribute in Faces (caller's account); returns {@code [attribute_id, expiry_time]}. */
    public String[] createAttribute(float[] descriptor, Map<String, Object> basic, List<String> sampleIds,
            long ttlSeconds) {
        AttributeClient.Created created = attributes.create(descriptor == null ? null : rawBase64(descriptor),
                descriptorVersion(), basic, sampleIds, ttlSeconds);
        return new String[] {created.attributeId(), created.expiryTime()};
    }

    /** Deletes a temporary attribute (caller's account): a failed request's cleanup. */
    public void deleteAttribute(String attributeId) {
        attributes.delete(attributeId);
    }

    /**
     * The descriptor of a face from its stored samples (caller's account): each sample's descriptor, and for
     * several samples their mean, renormalised (as {@code /extractor} with {@code aggregate_attributes=1}).
     * Returns the descriptor and its score; a missing or unusable sample is its LUNA error (14011, 14012).
     */
    public SampleDescriptor descriptorOfSamples(List<String> sampleIds, int version) {
        DescriptorVersion resolved = requireDescriptorVersion(version);
        List<float[]> values = new ArrayList<>();
        double score = 0;
        for (String sampleId : sampleIds) {
            Face face = vision.fromStoredSample(sampleId, true, false, resolved);
            values.add(face.descriptor().values());
            score += FaceJson.descriptorScore(face.descriptor());
        }
        return new SampleDescriptor(resolved, io.selene.vision.Similarity.aggregate(values),
                FaceJson.round(score / sampleIds.size(), 5));
    }

    /**
     * A descriptor version this service extracts (0 = its default): 400 12050 when Selene has no such
     * version, 403 when its model is not installed here.
     */
    public DescriptorVersion requireDescriptorVersion(int version) {
        return vision.descriptorVersion(version);
    }

    /** A descriptor re-extracted from stored samples and its score. */
    public record SampleDescriptor(DescriptorVersion version, float[] values, double score) {

        public String rawBase64() {
            return new DescriptorCodec.Descriptor(version, values).rawBase64();
        }
    }

    /** Default lifetime of temporary attributes ({@code selene.handlers.attribute-ttl}). */
    public long attributeTtlSeconds() {
        return properties.get().attributeTtl().toSeconds();
    }
}

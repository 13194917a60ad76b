package io.selene.handlers.verifiers;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.commons.descriptor.Similarity;
import io.selene.commons.error.ErrorResponses;
import io.selene.commons.error.LunaException;
import io.selene.commons.far.FarTables;
import io.selene.handlers.vision.EstimationRequest;
import io.selene.handlers.vision.ImageInputs;
import io.selene.handlers.vision.VisionPipeline;
import io.selene.vision.Estimation;
import org.springframework.stereotype.Service;

/**
 * {@code POST /1/verifiers/{verifier_id}/verifications}: detects the faces of each posted image as
 * the verifier's detect policy says (the vision pipeline of /detector and /sdk), extracts their
 * descriptors and compares each face with every candidate. Similarity is the platform's map of the
 * cosine (platform-commons {@link Similarity}, the same as the matcher's); {@code status} is
 * {@code similarity >= verification_threshold}. The storage policy may keep each verified face's
 * sample (Image Store) and descriptor as a temporary attribute (Faces); by default nothing is stored.
 */
@Service
class Verifications {

    /** The engine's descriptor version, as platform-commons names it. */
    static final DescriptorVersion VERSION = DescriptorVersion.require(VisionPipeline.descriptorVersion());

    private final VisionPipeline vision;
    private final ErrorResponses errors;
    private final FarTables farTables;

    Verifications(VisionPipeline vision, ErrorResponses errors, FarTables farTables) {
        this.farTables = farTables;
        this.vision = vision;
        this.errors = errors;
    }

    Map<String, Object> verify(VerifierPolicies policies, List<ImageInputs.Input> inputs,
            List<CandidateDescriptors.Candidate> candidates, boolean warps) {
        EstimationRequest detect = policies.detectPolicy();
        Set<Estimation> estimations = EnumSet.of(Estimation.FACE_DESCRIPTOR);
        estimations.addAll(detect.estimations());
        if (policies.extractBasicAttributes()) {
            estimations.add(Estimation.BASIC_ATTRIBUTES);
        }
        List<VisionPipeline.Image> analysed = vision.analyse(inputs, new EstimationRequest(estimations,
                detect.multifacePolicy(), Double.NaN, detect.pitchThreshold(), detect.rollThreshold(),
                detect.yawThreshold()), warps);
        List<Object> images = new ArrayList<>();
        for (VisionPipeline.Image image : analysed) {
            LunaException error = image.error();
            List<VisionPipeline.Detection> faces = image.detections().stream().filter(d -> d.face() != null).toList();
            if (error == null && faces.isEmpty()) {
                error = VerifierErrors.NO_FACE.exception(image.input().filename());
                if (analysed.size() == 1) {
                    throw error; // a single image without a face is the request's error
                }
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("filename", image.input().filename());
            if (image.input().sampleId() != null) {
                answer.put("sample_id", image.input().sampleId());
            }
            answer.put("status", error == null ? 1 : 0);
            if (error != null) {
                answer.put("error", errors.body(error));
            } else {
                List<Object> detections = new ArrayList<>();
                for (VisionPipeline.Detection face : faces) {
                    detections.add(detection(face, policies, candidates));
                }
                answer.put("detections", Map.of("face_detections", detections));
            }
            images.add(answer);
        }
        return Map.of("images", images);
    }

    /**
     * One face: its detection, estimations and verifications. With {@code multiface_policy} 2 only the
     * best face has a descriptor; the others answer an empty {@code verifications}.
     */
    private Map<String, Object> detection(VisionPipeline.Detection face, VerifierPolicies policies,
            List<CandidateDescriptors.Candidate> candidates) {
        double threshold = policies.threshold(farTables);
        Map<String, Object> entry = new LinkedHashMap<>();
        Map<String, Object> sample = new LinkedHashMap<>();
        List<String> sampleIds = new ArrayList<>();
        if (policies.storagePolicy().storeSample() && face.faceSample() != null) {
            String id = vision.storeFaceSample(face.faceSample());
            sample.put("sample_id", id);
            sample.put("url", VisionPipeline.faceSampleUrl(id));
            sampleIds.add(id);
        }
        sample.put("detection", face.face());
        entry.put("sample", Map.of("face", sample));
        Map<String, Object> attributes = new LinkedHashMap<>(face.attributes());
        List<Object> verifications = new ArrayList<>();
        if (face.descriptor() != null) {
            if (policies.storagePolicy().storeAttribute()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> basic = (Map<String, Object>) attributes.get("basic_attributes");
                Integer ttl = policies.storagePolicy().attributeTtl();
                String[] created = vision.createAttribute(face.descriptor(), basic, sampleIds,
                        ttl == null ? vision.attributeTtlSeconds() : ttl);
                attributes.put("attribute_id", created[0]);
                attributes.put("url", "/6/attributes/" + created[0]);
                if (created[1] != null) {
                    attributes.put("expiry_time", created[1]);
                }
            }
            attributes.put("score", face.descriptorScore());
            for (CandidateDescriptors.Candidate candidate : candidates) {
                double cosine = io.selene.vision.Similarity.cosine(face.descriptor(), candidate.descriptor());
                double similarity = Math.round(Similarity.fromCosine(cosine) * 1e5) / 1e5;
                Map<String, Object> verification = new LinkedHashMap<>(candidate.reference());
                verification.put("similarity", similarity);
                verification.put("far", farTables.far(similarity)); // estimate, within the table's range
                verification.put("status", similarity >= threshold);
                verifications.add(verification);
            }
        }
        entry.put("face_attributes", attributes);
        entry.put("verifications", verifications);
        return entry;
    }
}

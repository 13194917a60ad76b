package io.selene.handlers.reextraction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.selene.commons.account.AccountContext;
import io.selene.commons.error.LunaException;
import io.selene.commons.json.StrictJson;
import io.selene.handlers.vision.VisionPipeline;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /1/samples/descriptors}: descriptors of a version (default 201) from stored face samples, for
 * tasks-service's additional extraction (not public), so a model change needs no new photos. Body
 * {@code {"descriptor_version": 201, "objects": [{"id": "<face or event id>", "sample_ids": [...]}]}} with
 * 1..64 objects of 1..16 samples in the caller's account. Each object answers its descriptor (several
 * samples: their renormalised mean) or its own LUNA error, so one missing sample does not fail the others:
 * {@code {"descriptors": [{"id", "version", "data" (raw base64), "score"} | {"id", "error": {...}}]}}.
 */
@RestController
public class ReextractionController {

    static final int MAX_OBJECTS = 64;
    static final int MAX_SAMPLES = 16;

    private final VisionPipeline pipeline;
    private final StrictJson strict;

    public ReextractionController(VisionPipeline pipeline, StrictJson strict) {
        this.pipeline = pipeline;
        this.strict = strict;
    }

    @PostMapping("/1/samples/descriptors")
    public Map<String, Object> extract(AccountContext account, @RequestBody JsonNode body) {
        account.requireAccount();
        ReextractionRequest request = strict.read(body, ReextractionRequest.class);
        Integer version = request.descriptorVersion();
        int wanted = pipeline.requireDescriptorVersion(version == null ? VisionPipeline.descriptorVersion() : version)
                .number();
        List<String> ids = request.objects().stream().map(ReextractionRequest.SampledObject::id).toList();
        List<List<String>> samples = request.objects().stream().map(ReextractionRequest.SampledObject::sampleIds)
                .toList();
        List<Map<String, Object>> answers = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("id", ids.get(i));
            try {
                VisionPipeline.SampleDescriptor descriptor = pipeline.descriptorOfSamples(samples.get(i), wanted);
                answer.put("version", descriptor.version().number());
                answer.put("data", descriptor.rawBase64());
                answer.put("score", descriptor.score());
            } catch (LunaException e) {
                if (e.status().is5xxServerError()) {
                    throw e;
                }
                answer.put("error", Map.of("error_code", e.errorCode(), "desc", e.desc(), "detail", e.detail()));
            }
            answers.add(answer);
        }
        return Map.of("descriptors", answers);
    }
}

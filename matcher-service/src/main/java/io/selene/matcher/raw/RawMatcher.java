package io.selene.matcher.raw;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.descriptor.DescriptorErrors;
import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.commons.descriptor.Similarity;
import io.selene.commons.error.LunaException;
import io.selene.commons.far.FarTable;
import io.selene.commons.far.FarTables;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.settings.LiveSettings;
import io.selene.matcher.MatcherErrors;
import io.selene.matcher.MatcherSettings;
import io.selene.matcher.Vectors;
import io.selene.matcher.index.DescriptorMatrix;
import io.selene.matcher.index.Scanner;
import io.selene.matcher.index.TopK;
import org.springframework.stereotype.Service;

/** Matches client-given descriptors with the same scan code as the gallery index. */
@Service
public class RawMatcher {

    private final Scanner scanner;
    private final LiveSettings<MatcherSettings> settings;
    private final FarTables farTables;

    public RawMatcher(Scanner scanner, LiveSettings<MatcherSettings> settings, FarTables farTables) {
        this.scanner = scanner;
        this.settings = settings;
        this.farTables = farTables;
    }

    public RawMatchResponse match(RawMatchRequest request) {
        List<RawMatchRequest.DescriptorItem> references = required(request.references(), "references");
        List<RawMatchRequest.DescriptorItem> candidates = required(request.candidates(), "candidates");
        MatcherSettings settings = this.settings.get();
        if (references.size() > settings.maxReferences()) {
            throw MatcherErrors.TOO_MANY_REFERENCES.exception(references.size(), settings.maxReferences());
        }
        if (candidates.size() > settings.maxRawCandidates()) {
            throw MatcherErrors.TOO_MANY_CANDIDATES.exception(candidates.size(), settings.maxRawCandidates());
        }
        int limit = request.limit() == null ? candidates.size() : request.limit();
        if (limit < 1 || limit > Math.max(settings.maxLimit(), candidates.size())) {
            throw MatcherErrors.LIMIT_TOO_LARGE.exception(limit, Math.max(settings.maxLimit(), candidates.size()));
        }
        double threshold = request.threshold() == null ? 0.0 : request.threshold();
        if (threshold < 0 || threshold > 1) {
            throw PlatformErrors.BAD_BODY.exception("'threshold' must be in 0..1");
        }

        DescriptorCodec.Descriptor[] referenceDescriptors = decodeAll(references, "references");
        DescriptorCodec.Descriptor[] candidateDescriptors = decodeAll(candidates, "candidates");
        DescriptorVersion version = referenceDescriptors[0].version();
        for (DescriptorCodec.Descriptor descriptor : referenceDescriptors) {
            sameVersion(version, descriptor.version());
        }
        for (DescriptorCodec.Descriptor descriptor : candidateDescriptors) {
            sameVersion(version, descriptor.version());
        }

        FarTable farTable = farTables.table(version);
        if (request.far() != null) { // a FAR preset stands for the similarity where it is reached
            threshold = Math.max(threshold, farTables.threshold("far", request.far(), version));
        }

        try (DescriptorMatrix matrix = new DescriptorMatrix(version.dimensions(), 254f)) {
            for (int i = 0; i < candidateDescriptors.length; i++) {
                matrix.put(new UUID(0, i), unit(candidateDescriptors[i].values()));
            }
            float[][] queries = new float[referenceDescriptors.length][];
            for (int q = 0; q < queries.length; q++) {
                queries[q] = unit(referenceDescriptors[q].values());
            }
            float cosineThreshold = (float) Similarity.toCosine(threshold, version);
            TopK.Hit[][] hits = scanner.exact(matrix, queries, limit, cosineThreshold);
            List<RawMatchResponse.ReferenceMatches> matches = new ArrayList<>(queries.length);
            for (int q = 0; q < queries.length; q++) {
                List<RawMatchResponse.CandidateMatch> found = new ArrayList<>(hits[q].length);
                for (TopK.Hit hit : hits[q]) {
                    int candidate = (int) matrix.id(hit.row()).getLeastSignificantBits();
                    double similarity = Similarity.fromCosine(Math.min(1f, hit.score()), version);
                    found.add(new RawMatchResponse.CandidateMatch(candidates.get(candidate).id(), similarity,
                            farTable == null ? null : FarTables.round(farTable.far(similarity))));
                }
                matches.add(new RawMatchResponse.ReferenceMatches(references.get(q).id(), found));
            }
            return new RawMatchResponse(matches);
        }
    }

    private static <T> List<T> required(List<T> items, String field) {
        if (items == null || items.isEmpty()) {
            throw PlatformErrors.BAD_BODY.exception("'" + field + "' must hold at least one descriptor");
        }
        return items;
    }

    private static DescriptorCodec.Descriptor[] decodeAll(List<RawMatchRequest.DescriptorItem> items, String field) {
        DescriptorCodec.Descriptor[] decoded = new DescriptorCodec.Descriptor[items.size()];
        for (int i = 0; i < items.size(); i++) {
            decoded[i] = decode(items.get(i), field + "[" + i + "]");
        }
        return decoded;
    }

    private static DescriptorCodec.Descriptor decode(RawMatchRequest.DescriptorItem item, String path) {
        if (item == null || item.data() == null || item.type() == null) {
            throw MatcherErrors.BAD_DESCRIPTOR_ITEM.exception("'" + path + "' needs 'type' and 'data'");
        }
        try {
            return switch (item.type()) {
                case "sdk_descriptor" -> DescriptorCodec.fromSdkBase64(item.data());
                case "raw_descriptor" -> {
                    if (item.descriptorVersion() == null) {
                        throw MatcherErrors.BAD_DESCRIPTOR_ITEM.exception("'" + path
                                + ".descriptor_version' is required for raw_descriptor");
                    }
                    yield DescriptorCodec.decodeRawBase64(item.data(), item.descriptorVersion());
                }
                default -> throw MatcherErrors.BAD_DESCRIPTOR_ITEM.exception("'" + path + ".type' must be "
                        + "sdk_descriptor or raw_descriptor, not '" + item.type() + "'");
            };
        } catch (LunaException e) {
            if (e.errorCode() == MatcherErrors.BAD_DESCRIPTOR_ITEM.code()) {
                throw e;
            }
            throw new LunaException(e.status(), e.errorCode(), e.desc(), path + ": " + e.detail());
        }
    }

    private static float[] unit(float[] values) {
        try {
            return Vectors.unit(values);
        } catch (IllegalArgumentException e) {
            throw MatcherErrors.BAD_DESCRIPTOR_ITEM.exception(e.getMessage());
        }
    }

    private static void sameVersion(DescriptorVersion expected, DescriptorVersion actual) {
        if (expected != actual) {
            throw DescriptorErrors.VERSION_MISMATCH.exception(expected.number(), actual.number());
        }
    }
}

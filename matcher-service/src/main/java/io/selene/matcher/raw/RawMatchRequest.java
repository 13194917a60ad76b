package io.selene.matcher.raw;

import java.util.List;

/**
 * {@code POST /matcher/raw}: every reference against every candidate, all given as descriptors.
 *
 * @param limit     best candidates kept per reference (default: all)
 * @param threshold minimum similarity (default 0)
 * @param far       a FAR preset (1e-3 | 1e-4 | 1e-5) standing for the similarity where it is reached;
 *                  with {@code threshold} too, the higher of the two applies
 */
public record RawMatchRequest(List<DescriptorItem> references, List<DescriptorItem> candidates, Integer limit,
        Double threshold, Double far) {

    /**
     * A descriptor given by the client: {@code type} {@code sdk_descriptor} (self-describing) or
     * {@code raw_descriptor} with {@code descriptor_version}; {@code data} is base64.
     */
    public record DescriptorItem(String id, String type, String data, Integer descriptorVersion) {
    }
}

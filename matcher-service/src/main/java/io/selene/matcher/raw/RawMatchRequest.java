package io.selene.matcher.raw;

import java.util.List;

/**
 * {@code POST /matcher/raw}: every reference against every candidate, all given as descriptors.
 *
 * @param limit     best candidates kept per reference (default: all)
 * @param threshold minimum similarity (default 0)
 */
public record RawMatchRequest(List<DescriptorItem> references, List<DescriptorItem> candidates, Integer limit,
        Double threshold) {

    /**
     * A descriptor given by the client: {@code type} {@code sdk_descriptor} (self-describing) or
     * {@code raw_descriptor} with {@code descriptor_version}; {@code data} is base64.
     */
    public record DescriptorItem(String id, String type, String data, Integer descriptorVersion) {
    }
}

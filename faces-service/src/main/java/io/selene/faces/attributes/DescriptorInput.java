package io.selene.faces.attributes;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A descriptor as clients send it: the model version and the raw bytes in base64. LUNA's names
 * ({@code descriptor_version}, {@code descriptor}) are accepted too.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record DescriptorInput(@JsonAlias("descriptor_version") Integer version,
        @JsonAlias("descriptor") String data) {
}

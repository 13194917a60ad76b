package io.selene.commons.version;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code GET /version}: {@code {"Version": {"api", "major", "minor", "patch"}}}. */
public record VersionResponse(@JsonProperty("Version") VersionInfo version) {
}

package io.selene.api.version;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.selene.commons.version.VersionInfo;

/**
 * Body of the API's {@code GET /version}: its own version under {@code Version} (as every service),
 * each reachable service's version by module name, and the services that did not answer.
 */
public record PlatformVersion(
        @JsonProperty("Version") VersionInfo version,
        @JsonProperty("services") Map<String, VersionInfo> services,
        @JsonProperty("unreachable") List<String> unreachable) {
}

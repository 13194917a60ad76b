package io.selene.commons.version;

import io.selene.commons.PlatformSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /version} of a single service. The API service replaces it with the platform view. */
@RestController
@ConditionalOnProperty(name = "selene.version.aggregate", havingValue = "false", matchIfMissing = true)
@Tag(name = "service")
public class VersionController {

    private final VersionInfo version;

    public VersionController(PlatformSettings properties) {
        this.version = VersionInfo.of(properties.service().apiVersion(), properties.service().version());
    }

    @GetMapping(path = "/version", produces = "application/json")
    @Operation(summary = "Version of this service")
    public VersionResponse version() {
        return new VersionResponse(version);
    }
}

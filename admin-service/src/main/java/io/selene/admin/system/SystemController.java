package io.selene.admin.system;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /1/system} ({@code /6/admin/system} at the gateway): services, storage and licence. */
@RestController
@Tag(name = "admin system")
public class SystemController {

    private final SystemInfo system;

    public SystemController(SystemInfo system) {
        this.system = system;
    }

    @GetMapping(path = "/1/system", produces = "application/json")
    @Operation(summary = "Every service's health and version, uptime, database size per schema, Image Store buckets "
            + "and the licence in force")
    public Map<String, Object> get() {
        return SystemInfo.view(system.snapshot());
    }
}

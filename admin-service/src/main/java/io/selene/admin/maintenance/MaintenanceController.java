package io.selene.admin.maintenance;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import io.selene.admin.caller.Admins;
import io.selene.commons.json.StrictJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code POST /1/accounts/{id}/gc} and {@code .../additional_extract}: an account's maintenance tasks (202 {task_id}). */
@RestController
@Tag(name = "admin maintenance")
public class MaintenanceController {

    private final Maintenance maintenance;

    private final StrictJson strict;

    public MaintenanceController(Maintenance maintenance, StrictJson strict) {
        this.maintenance = maintenance;
        this.strict = strict;
    }

    @PostMapping(path = "/1/accounts/{account_id}/gc", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Delete the account's events older than older_than_days (1..36500) with their samples and "
            + "image origins: a gc task of the account (202 {task_id})")
    public ResponseEntity<Map<String, Object>> gc(HttpServletRequest request, @PathVariable("account_id") UUID accountId,
            @RequestBody JsonNode json) {
        int days = strict.read(json, MaintenanceBodies.Gc.class).olderThanDays();
        return started(maintenance.gcEvents(Admins.of(request).accountId(), accountId, days));
    }

    @PostMapping(path = "/1/accounts/{account_id}/additional_extract", consumes = "application/json",
            produces = "application/json")
    @Operation(summary = "Extract the descriptors the account's faces lack (descriptor_version: optional): an "
            + "additional_extract task of the account (202 {task_id})")
    public ResponseEntity<Map<String, Object>> reextract(HttpServletRequest request,
            @PathVariable("account_id") UUID accountId, @RequestBody JsonNode json) {
        Integer version = strict.read(json, MaintenanceBodies.Reextraction.class).descriptorVersion();
        return started(maintenance.reextractFaces(Admins.of(request).accountId(), accountId, version));
    }

    private static ResponseEntity<Map<String, Object>> started(long task) {
        return ResponseEntity.accepted().location(URI.create("/6/tasks/" + task)).body(Map.of("task_id", task));
    }
}

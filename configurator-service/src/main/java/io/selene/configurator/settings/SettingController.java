package io.selene.configurator.settings;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.selene.commons.PlatformHeaders;
import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.ValueType;
import io.selene.configurator.ConfiguratorErrors;
import io.selene.configurator.limitations.Limitation;
import io.selene.configurator.limitations.LimitationCatalogue;
import io.selene.configurator.ui.AdminBasicAuthFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * LUNA Configurator's {@code /1/settings}, the services' pull ({@code /1/config}), and the settings
 * dump ({@code /1/dump}, also at {@code /1/settings/dump}).
 */
@RestController
@Tag(name = "settings")
public class SettingController {

    private static final FilterSpec LIST_FILTERS = FilterSpec.paged()
            .value("setting_name", ValueType.STRING)
            .value("service_name", ValueType.STRING)
            .list("tags", ValueType.STRING, 20);
    private static final FilterSpec CONFIG_FILTERS = FilterSpec.unpaged().value("service_name", ValueType.STRING);
    private static final FilterSpec NONE = FilterSpec.unpaged();
    /** Settings in one dump: far more than there are names and services. */
    static final int MAX_DUMP_SETTINGS = 1000;

    private final SettingService service;
    private final SettingRepository repository;
    private final LimitationCatalogue limitations;
    private final Clock clock;

    public SettingController(SettingService service, SettingRepository repository, LimitationCatalogue limitations,
            Clock clock) {
        this.service = service;
        this.repository = repository;
        this.limitations = limitations;
        this.clock = clock;
    }

    @GetMapping(path = "/1/settings", produces = "application/json")
    @Operation(summary = "List settings. Filters: setting_name, service_name (names that service reads), tags, "
            + "page, page_size")
    public Map<String, Object> list(HttpServletRequest request) {
        Filters filters = LIST_FILTERS.parse(request.getParameterMap(), clock);
        List<String> names = filters.<String>value("service_name")
                .map(s -> limitations.forService(s).stream().map(Limitation::name).toList()).orElse(null);
        SettingRepository.Query query = new SettingRepository.Query(filters.<String>value("setting_name").orElse(null),
                names, filters.<String>list("tags").orElse(null));
        return Map.of("settings", repository.list(query, filters.page()).stream().map(Setting::view).toList(),
                "count", repository.count(query));
    }

    @PostMapping(path = "/1/settings", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Create a setting: name (a limitation's), value (valid against its schema), description, "
            + "tags (services it is for; none = every service that reads it)")
    public ResponseEntity<Map<String, Object>> create(HttpServletRequest request, @RequestBody JsonNode body) {
        Setting setting = service.create(draft(body), author(request));
        return ResponseEntity.created(URI.create("/1/settings/" + setting.settingId()))
                .body(Map.of("setting_id", setting.settingId(), "url", "/1/settings/" + setting.settingId(),
                        "version", setting.version()));
    }

    @GetMapping(path = "/1/settings/{setting_id}", produces = "application/json")
    @Operation(summary = "One setting")
    public Map<String, Object> get(HttpServletRequest request, @PathVariable("setting_id") String id) {
        NONE.parse(request.getParameterMap(), clock);
        return service.get(uuid(id)).view();
    }

    @PutMapping(path = "/1/settings/{setting_id}", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Replace a setting's value (and description or tags when given); validated, kept in history")
    public Map<String, Object> replace(HttpServletRequest request, @PathVariable("setting_id") String id,
            @RequestBody JsonNode body) {
        fields(body, Set.of("value", "description", "tags"));
        if (!body.has("value")) {
            throw PlatformErrors.BAD_BODY.exception("Field 'value' is required");
        }
        Optional<String> description = body.has("description") ? Optional.of(description(body)) : Optional.empty();
        Optional<List<String>> tags = body.has("tags") ? Optional.of(tags(body)) : Optional.empty();
        return service.update(uuid(id), body.get("value"), description, tags, author(request)).view();
    }

    @DeleteMapping(path = "/1/settings/{setting_id}")
    @Operation(summary = "Delete a setting: the services go back to their own defaults (history is kept)")
    public ResponseEntity<Void> delete(HttpServletRequest request, @PathVariable("setting_id") String id) {
        service.delete(uuid(id), author(request));
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/1/settings/{setting_id}/history", produces = "application/json")
    @Operation(summary = "Every change of a setting, newest first: action, old_value, new_value, changed_by, change_time")
    public Map<String, Object> history(HttpServletRequest request, @PathVariable("setting_id") String id) {
        NONE.parse(request.getParameterMap(), clock);
        List<HistoryEntry> history = service.history(uuid(id));
        return Map.of("history", history.stream().map(HistoryEntry::view).toList(), "count", history.size());
    }

    @PostMapping(path = "/1/settings/{setting_id}/rollback", consumes = "application/json",
            produces = "application/json")
    @Operation(summary = "Make the value of an earlier version current again (body: {\"version\": n}), as a new version")
    public Map<String, Object> rollback(HttpServletRequest request, @PathVariable("setting_id") String id,
            @RequestBody JsonNode body) {
        fields(body, Set.of("version"));
        JsonNode version = body.get("version");
        if (version == null || !version.isInt() || version.asInt() < 1) {
            throw PlatformErrors.BAD_BODY.exception("Field 'version' must be a positive integer");
        }
        return service.rollback(uuid(id), version.asInt(), author(request)).view();
    }

    @GetMapping(path = "/1/config", produces = "application/json")
    @Operation(summary = "What a service pulls: the value of each setting it reads that has one (service_name "
            + "required), with reload live|restart")
    public Map<String, Object> config(HttpServletRequest request) {
        Filters filters = CONFIG_FILTERS.parse(request.getParameterMap(), clock);
        String name = filters.<String>value("service_name")
                .orElseThrow(() -> PlatformErrors.REQUIRED_QUERY_MISSING.exception("service_name"));
        return Map.of("service_name", name,
                "settings", service.effective(name).stream().map(SettingService.Effective::view).toList());
    }

    @GetMapping(path = {"/1/dump", "/1/settings/dump"}, produces = "application/json")
    @Operation(summary = "Export every limitation and setting (LUNA's platform_settings.json shape)")
    public Map<String, Object> dump(HttpServletRequest request) {
        NONE.parse(request.getParameterMap(), clock);
        List<Map<String, Object>> settings = service.all().stream().map(s -> Map.<String, Object>of(
                "name", s.name(), "value", s.value(), "description", s.description(), "tags", s.tags())).toList();
        return Map.of("limitations", limitations.all().stream().map(Limitation::view).toList(), "settings", settings);
    }

    @PutMapping(path = {"/1/dump", "/1/settings/dump"}, consumes = "application/json", produces = "application/json")
    @Operation(summary = "Import a dump: its settings replace all settings, all or nothing (limitations come from "
            + "this release and are not imported)")
    public Map<String, Object> importDump(HttpServletRequest request, @RequestBody JsonNode body) {
        fields(body, Set.of("settings", "limitations", "groups"));
        JsonNode settings = body.get("settings");
        if (settings == null || !settings.isArray()) {
            throw ConfiguratorErrors.BAD_DUMP.exception("'settings' must be an array");
        }
        if (settings.size() > MAX_DUMP_SETTINGS) {
            throw ConfiguratorErrors.BAD_DUMP.exception("more than " + MAX_DUMP_SETTINGS + " settings");
        }
        List<SettingService.Draft> drafts = new ArrayList<>();
        for (int i = 0; i < settings.size(); i++) {
            try {
                drafts.add(draft(settings.get(i)));
            } catch (LunaException e) {
                throw ConfiguratorErrors.BAD_DUMP.exception("settings[" + i + "]: " + e.detail());
            }
        }
        int imported = service.importDump(drafts, author(request));
        return Map.of("imported", imported);
    }

    private static SettingService.Draft draft(JsonNode body) {
        fields(body, Set.of("name", "value", "description", "tags"));
        JsonNode name = body.get("name");
        if (name == null || !name.isString() || name.asString().isBlank() || name.asString().length() > 128) {
            throw PlatformErrors.BAD_BODY.exception("Field 'name' must be a string of 1..128 characters");
        }
        if (!body.has("value")) {
            throw PlatformErrors.BAD_BODY.exception("Field 'value' is required");
        }
        return new SettingService.Draft(name.asString(), body.get("value"),
                body.has("description") ? description(body) : "", body.has("tags") ? tags(body) : List.of());
    }

    private static void fields(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw PlatformErrors.BAD_BODY.exception("Request body must be a JSON object");
        }
        for (String field : body.propertyNames()) {
            if (!allowed.contains(field)) {
                throw PlatformErrors.BAD_BODY.exception("Unknown field '" + field + "'; allowed: " + allowed);
            }
        }
    }

    private static String description(JsonNode body) {
        JsonNode value = body.get("description");
        if (!value.isString() || value.asString().length() > 1024) {
            throw PlatformErrors.BAD_BODY.exception("Field 'description' must be a string of at most 1024 characters");
        }
        return value.asString();
    }

    private static List<String> tags(JsonNode body) {
        JsonNode value = body.get("tags");
        if (!value.isArray() || value.size() > 20) {
            throw PlatformErrors.BAD_BODY.exception("Field 'tags' must be an array of at most 20 service names");
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : value) {
            if (!tag.isString() || tag.asString().isBlank() || tag.asString().length() > 64) {
                throw PlatformErrors.BAD_BODY.exception("Every tag must be a service name of 1..64 characters");
            }
            tags.add(tag.asString());
        }
        return tags;
    }

    private static UUID uuid(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ConfiguratorErrors.SETTING_NOT_FOUND.exception(raw);
        }
    }

    /** Who made a change: the admin of the settings page, else the account an internal caller names. */
    private static String author(HttpServletRequest request) {
        Object admin = request.getAttribute(AdminBasicAuthFilter.ADMIN_LOGIN);
        if (admin != null) {
            return admin.toString();
        }
        String account = request.getHeader(PlatformHeaders.ACCOUNT_ID);
        return account == null ? "internal" : "account:" + account;
    }
}

package io.selene.configurator.settings;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/** One change of a setting: who made it, when, and the value before and after. */
public record HistoryEntry(UUID settingId, int version, String name, String action, JsonNode oldValue,
        JsonNode newValue, List<String> tags, String description, String changedBy, Instant changeTime) {

    public HistoryEntry {
        tags = List.copyOf(tags);
    }

    public Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("setting_id", settingId);
        view.put("version", version);
        view.put("name", name);
        view.put("action", action);
        view.put("old_value", oldValue);
        view.put("new_value", newValue);
        view.put("tags", tags);
        view.put("description", description);
        view.put("changed_by", changedBy);
        view.put("change_time", changeTime);
        return view;
    }
}

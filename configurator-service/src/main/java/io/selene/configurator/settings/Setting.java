package io.selene.configurator.settings;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A value of a named setting. {@code tags} name the services it is for; a setting without tags is
 * the value for every service that reads the name and has no tagged value of its own.
 */
public record Setting(UUID settingId, String name, List<String> tags, JsonNode value, String description,
        int version, Instant createTime, Instant lastUpdateTime) {

    public Setting {
        tags = List.copyOf(tags);
    }

    public boolean isDefault() {
        return tags.isEmpty();
    }

    public Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("setting_id", settingId);
        view.put("name", name);
        view.put("tags", tags);
        view.put("value", value);
        view.put("description", description);
        view.put("version", version);
        view.put("create_time", createTime);
        view.put("last_update_time", lastUpdateTime);
        return view;
    }
}

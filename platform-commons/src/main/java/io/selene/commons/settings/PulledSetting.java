package io.selene.commons.settings;

import tools.jackson.databind.JsonNode;

/** One setting as {@code GET /1/config?service_name=} answers it. */
public record PulledSetting(String name, JsonNode value, String reload, int version) {

    public boolean live() {
        return SettingNames.LIVE.equals(reload);
    }
}

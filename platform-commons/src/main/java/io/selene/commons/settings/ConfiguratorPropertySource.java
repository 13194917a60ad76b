package io.selene.commons.settings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.env.EnumerablePropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The Configurator's values as properties {@code configurator.<SETTING>.<KEY>...} (nested objects by
 * dots, arrays as {@code [i]}). A service's yml refers to them with a fallback to its own default,
 * e.g. {@code max-references: ${configurator.PLATFORM_LIMITS.MATCH.REFERENCE_LIMIT:100}}, so an absent
 * value or an unreachable Configurator leaves the service on that default. The values are swapped as
 * a whole when a pull brings a change.
 */
public final class ConfiguratorPropertySource extends EnumerablePropertySource<Object> {

    public static final String NAME = "seleneConfigurator";

    private volatile Map<String, Object> values = Map.of();
    private volatile List<PulledSetting> settings = List.of();

    public ConfiguratorPropertySource() {
        super(NAME, new Object());
    }

    /** Replaces every value; answers whether anything changed. */
    public boolean replace(List<PulledSetting> pulled) {
        Map<String, Object> flat = flatten(pulled);
        boolean changed = !flat.equals(values);
        settings = List.copyOf(pulled);
        values = flat;
        return changed;
    }

    public List<PulledSetting> settings() {
        return settings;
    }

    public Map<String, Object> values() {
        return values;
    }

    @Override
    public Object getProperty(String name) {
        return values.get(name);
    }

    @Override
    public boolean containsProperty(String name) {
        return values.containsKey(name);
    }

    @Override
    public String[] getPropertyNames() {
        return values.keySet().toArray(String[]::new);
    }

    static Map<String, Object> flatten(List<PulledSetting> pulled) {
        Map<String, Object> flat = new LinkedHashMap<>();
        for (PulledSetting setting : pulled) {
            flatten(SettingNames.PROPERTY_PREFIX + setting.name(), setting.value(), flat);
        }
        return Map.copyOf(flat);
    }

    private static void flatten(String key, JsonNode node, Map<String, Object> into) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                flatten(key + "." + field.getKey(), field.getValue(), into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(key + "[" + i + "]", node.get(i), into);
            }
        } else {
            into.put(key, node.asString());
        }
    }
}

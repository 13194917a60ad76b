package io.selene.configurator.limitations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Schema;
import tools.jackson.databind.JsonNode;

/**
 * What a setting may hold (LUNA's "limitation"): its JSON Schema, the services that read it, the
 * platform's default, and whether the services apply a change live or at their next start.
 */
public record Limitation(String name, String description, List<String> services, String reload,
        JsonNode validationSchema, JsonNode defaultValue, Schema schema) {

    public Limitation {
        services = List.copyOf(services);
    }

    /** Schema problems of a value; empty when it is valid. */
    public List<String> problems(JsonNode value) {
        return schema.validate(value).stream().map(error -> error.toString()).toList();
    }

    public Map<String, Object> view() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("limitation_name", name);
        view.put("description", description);
        view.put("services", services);
        view.put("reload", reload);
        view.put("validation_schema", validationSchema);
        view.put("default_value", defaultValue);
        return view;
    }
}

package io.selene.configurator.limitations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.selene.commons.settings.SettingNames;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The limitations of this release: {@code configurator/limitations.json} plus one
 * {@code LUNA_<SERVICE>_LOGGER} per service. They live in code because they describe what the
 * services of this release understand; every default is checked against its own schema at start.
 */
@Component
public class LimitationCatalogue {

    private static final List<String> LOG_LEVELS = List.of("ERROR", "WARNING", "INFO", "DEBUG", "TRACE");

    private final Map<String, Limitation> limitations = new LinkedHashMap<>();

    public LimitationCatalogue(JsonMapper json) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        JsonNode declared = read(json);
        // Every service some limitation names (INFLUX_MONITORING names them all) gets a logger setting.
        Set<String> allServices = new TreeSet<>();
        for (JsonNode node : declared) {
            List<String> services = new ArrayList<>();
            node.get("services").forEach(service -> services.add(service.asString()));
            add(registry, node.get("limitation_name").asString(), node.get("description").asString(), services,
                    node.get("reload").asString(), node.get("validation_schema"), node.get("default_value"));
            allServices.addAll(services);
        }
        for (String service : allServices) {
            ObjectNode schema = json.createObjectNode().put("type", "object").put("additionalProperties", false);
            ObjectNode level = schema.putObject("properties").putObject("LOG_LEVEL").put("type", "string");
            LOG_LEVELS.forEach(level.putArray("enum")::add);
            add(registry, SettingNames.loggerSetting(service), "Log level of " + service
                    + " (its own loggers; LUNA's levels, WARNING = warn). Applied within seconds.", List.of(service),
                    SettingNames.LIVE, schema, json.createObjectNode().put("LOG_LEVEL", "INFO"));
        }
    }

    private void add(SchemaRegistry registry, String name, String description, List<String> services, String reload,
            JsonNode validationSchema, JsonNode defaultValue) {
        if (!SettingNames.LIVE.equals(reload) && !SettingNames.RESTART.equals(reload)) {
            throw new IllegalStateException("Limitation " + name + ": reload must be live or restart");
        }
        Schema schema = registry.getSchema(validationSchema);
        Limitation limitation = new Limitation(name, description, services, reload, validationSchema, defaultValue,
                schema);
        List<String> problems = limitation.problems(defaultValue);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Limitation " + name + ": default value breaks its schema: " + problems);
        }
        limitations.put(name, limitation);
    }

    private static JsonNode read(JsonMapper json) {
        try (InputStream in = new ClassPathResource("configurator/limitations.json").getInputStream()) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("configurator/limitations.json is missing", e);
        }
    }

    public Optional<Limitation> find(String name) {
        return Optional.ofNullable(limitations.get(name));
    }

    public List<Limitation> all() {
        return List.copyOf(limitations.values());
    }

    /** The limitations a service reads. */
    public List<Limitation> forService(String service) {
        return limitations.values().stream().filter(l -> l.services().contains(service)).toList();
    }
}

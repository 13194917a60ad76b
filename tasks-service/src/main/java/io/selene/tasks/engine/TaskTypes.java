package io.selene.tasks.engine;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/**
 * Every {@link TaskType} bean by name: what {@code POST /1/tasks/<name>} accepts, what {@code /docs/spec}
 * lists and what the workers run. Two types with one name or one code stop the service at start.
 */
@Component
public class TaskTypes {

    private final Map<String, TaskType> byName = new TreeMap<>();

    public TaskTypes(Collection<TaskType> types) {
        Map<Integer, String> codes = new TreeMap<>();
        for (TaskType type : types) {
            if (!type.name().matches("[a-z][a-z_]{1,31}")) {
                throw new IllegalStateException("Task type name '" + type.name() + "' is not a lower-case path segment");
            }
            TaskType other = byName.put(type.name(), type);
            if (other != null) {
                throw new IllegalStateException("Two task types named '" + type.name() + "': " + type + ", " + other);
            }
            String otherName = codes.put(type.code(), type.name());
            if (otherName != null) {
                throw new IllegalStateException("Task types '" + type.name() + "' and '" + otherName
                        + "' share code " + type.code());
            }
        }
    }

    public Optional<TaskType> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The type of a stored task (its name is in the row). */
    public TaskType get(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("No task type '" + name + "' in this build"));
    }

    public Optional<TaskType> byCode(int code) {
        return byName.values().stream().filter(type -> type.code() == code).findFirst();
    }

    /** Every type, by name. */
    public Collection<TaskType> all() {
        return byName.values();
    }
}

package io.selene.configurator.settings;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.selene.commons.error.LunaException;
import io.selene.configurator.ConfiguratorErrors;
import io.selene.configurator.limitations.Limitation;
import io.selene.configurator.limitations.LimitationCatalogue;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every write validates the value against its limitation's JSON Schema and records a history entry in
 * the same transaction; writes to one setting name are serialised so two values can never claim the
 * same service.
 */
@Service
public class SettingService {

    /** Largest serialised value: settings are knobs, not documents. */
    static final int MAX_VALUE_BYTES = 64 * 1024;

    private final SettingRepository repository;
    private final LimitationCatalogue limitations;
    private final JsonMapper json;
    private final Clock clock;

    public SettingService(SettingRepository repository, LimitationCatalogue limitations, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.limitations = limitations;
        this.json = json;
        this.clock = clock;
    }

    /** A new or replacing value as a client sends it. */
    public record Draft(String name, JsonNode value, String description, List<String> tags) {
    }

    @Transactional
    public Setting create(Draft draft, String who) {
        Limitation limitation = validate(draft);
        repository.lockName(draft.name());
        List<String> tags = normalisedTags(draft.tags());
        requireFree(draft.name(), tags, null);
        Instant now = now();
        Setting setting = new Setting(UUID.randomUUID(), draft.name(), tags, draft.value(),
                draft.description() == null ? "" : draft.description(), 1, now, now);
        repository.insert(setting);
        repository.record(new HistoryEntry(setting.settingId(), 1, setting.name(), "create", null, setting.value(),
                tags, setting.description(), who, now));
        return setting;
    }

    /** Replaces the value (and description or tags when given). */
    @Transactional
    public Setting update(UUID id, JsonNode value, Optional<String> description, Optional<List<String>> tags,
            String who) {
        Setting current = get(id);
        repository.lockName(current.name());
        current = get(id);
        Draft draft = new Draft(current.name(), value, description.orElse(current.description()),
                tags.orElse(current.tags()));
        validate(draft);
        return change(current, draft, "update", who);
    }

    /** Makes the value of an earlier version current again, as a new version. */
    @Transactional
    public Setting rollback(UUID id, int version, String who) {
        Setting current = get(id);
        repository.lockName(current.name());
        current = get(id);
        HistoryEntry target = repository.historyVersion(id, version)
                .filter(entry -> entry.newValue() != null)
                .orElseThrow(() -> ConfiguratorErrors.VERSION_NOT_FOUND.exception(id, version));
        Draft draft = new Draft(current.name(), target.newValue(), target.description(), target.tags());
        // The schema may have tightened since that version was written.
        validate(draft);
        return change(current, draft, "rollback", who);
    }

    @Transactional
    public void delete(UUID id, String who) {
        Setting current = get(id);
        repository.lockName(current.name());
        current = get(id);
        repository.delete(id);
        repository.record(new HistoryEntry(id, current.version() + 1, current.name(), "delete", current.value(), null,
                current.tags(), current.description(), who, now()));
    }

    public Setting get(UUID id) {
        return repository.find(id).orElseThrow(() -> ConfiguratorErrors.SETTING_NOT_FOUND.exception(id));
    }

    public List<HistoryEntry> history(UUID id) {
        List<HistoryEntry> history = repository.history(id);
        if (history.isEmpty()) {
            throw ConfiguratorErrors.SETTING_NOT_FOUND.exception(id);
        }
        return history;
    }

    /** The value each setting name read by {@code service} has for it: its tagged value, else the untagged one. */
    public List<Effective> effective(String service) {
        List<Limitation> read = limitations.forService(service);
        if (read.isEmpty()) {
            return List.of();
        }
        List<Setting> all = repository.byNames(read.stream().map(Limitation::name).toList());
        List<Effective> effective = new ArrayList<>();
        for (Limitation limitation : read) {
            List<Setting> values = all.stream().filter(s -> s.name().equals(limitation.name())).toList();
            values.stream().filter(s -> s.tags().contains(service)).findFirst()
                    .or(() -> values.stream().filter(Setting::isDefault).findFirst())
                    .ifPresent(s -> effective.add(new Effective(s, limitation.reload())));
        }
        return effective;
    }

    public record Effective(Setting setting, String reload) {

        public Map<String, Object> view() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", setting.name());
            view.put("value", setting.value());
            view.put("reload", reload);
            view.put("setting_id", setting.settingId());
            view.put("version", setting.version());
            return view;
        }
    }

    /**
     * Replaces every setting with the dump's, all or nothing: the whole dump is validated first, and
     * the replacement is one transaction. A value for the same name and tags keeps its setting id,
     * so its history (and rollback) goes on.
     */
    @Transactional
    public int importDump(List<Draft> drafts, String who) {
        List<String> problems = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        List<Draft> normalised = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Draft draft = drafts.get(i);
            try {
                validate(draft);
                List<String> tags = normalisedTags(draft.tags());
                for (String claim : claims(draft.name(), tags)) {
                    if (!claimed.add(claim)) {
                        throw ConfiguratorErrors.DUPLICATE_SETTING.exception(draft.name(), describe(tags));
                    }
                }
                normalised.add(new Draft(draft.name(), draft.value(), draft.description() == null ? ""
                        : draft.description(), tags));
            } catch (LunaException e) {
                problems.add("settings[" + i + "]: " + e.detail());
            }
        }
        if (!problems.isEmpty()) {
            throw ConfiguratorErrors.BAD_DUMP.exception(String.join("; ", problems));
        }
        repository.lockAll();
        Map<String, Setting> existing = new LinkedHashMap<>();
        repository.all().forEach(s -> existing.put(key(s.name(), s.tags()), s));
        Instant now = now();
        for (Draft draft : normalised) {
            Setting old = existing.remove(key(draft.name(), draft.tags()));
            if (old == null) {
                Setting created = new Setting(UUID.randomUUID(), draft.name(), draft.tags(), draft.value(),
                        draft.description(), 1, now, now);
                repository.insert(created);
                repository.record(new HistoryEntry(created.settingId(), 1, created.name(), "import", null,
                        created.value(), created.tags(), created.description(), who, now));
            } else if (!old.value().equals(draft.value()) || !old.description().equals(draft.description())) {
                change(old, draft, "import", who);
            }
        }
        for (Setting gone : existing.values()) {
            repository.delete(gone.settingId());
            repository.record(new HistoryEntry(gone.settingId(), gone.version() + 1, gone.name(), "delete",
                    gone.value(), null, gone.tags(), gone.description(), who, now));
        }
        return normalised.size();
    }

    public List<Setting> all() {
        return repository.all();
    }

    private Setting change(Setting current, Draft draft, String action, String who) {
        List<String> tags = normalisedTags(draft.tags());
        requireFree(current.name(), tags, current.settingId());
        Instant now = now();
        int version = Math.max(current.version(), repository.lastVersion(current.settingId())) + 1;
        Setting changed = new Setting(current.settingId(), current.name(), tags, draft.value(),
                draft.description() == null ? current.description() : draft.description(), version,
                current.createTime(), now);
        repository.update(changed);
        repository.record(new HistoryEntry(changed.settingId(), version, changed.name(), action, current.value(),
                changed.value(), tags, changed.description(), who, now));
        return changed;
    }

    private Limitation validate(Draft draft) {
        Limitation limitation = limitations.find(draft.name())
                .orElseThrow(() -> ConfiguratorErrors.UNKNOWN_SETTING.exception(draft.name()));
        if (draft.value() == null) {
            throw ConfiguratorErrors.INVALID_VALUE.exception(draft.name(), "value is required");
        }
        int size = json.writeValueAsBytes(draft.value()).length;
        if (size > MAX_VALUE_BYTES) {
            throw ConfiguratorErrors.VALUE_TOO_LARGE.exception(draft.name(), size, MAX_VALUE_BYTES);
        }
        List<String> problems = limitation.problems(draft.value());
        if (!problems.isEmpty()) {
            throw ConfiguratorErrors.INVALID_VALUE.exception(draft.name(), String.join("; ", problems));
        }
        for (String tag : draft.tags() == null ? List.<String>of() : draft.tags()) {
            if (!limitation.services().contains(tag)) {
                throw ConfiguratorErrors.BAD_TAG.exception(tag, draft.name(), limitation.services());
            }
        }
        return limitation;
    }

    private void requireFree(String name, List<String> tags, UUID self) {
        Set<String> wanted = new HashSet<>(claims(name, tags));
        for (Setting other : repository.byName(name)) {
            if (other.settingId().equals(self)) {
                continue;
            }
            for (String claim : claims(name, other.tags())) {
                if (wanted.contains(claim)) {
                    throw ConfiguratorErrors.DUPLICATE_SETTING.exception(name, describe(tags));
                }
            }
        }
    }

    /** What a value occupies: each tagged service, or the untagged default slot. */
    private static List<String> claims(String name, List<String> tags) {
        return tags.isEmpty() ? List.of(name + "|*") : tags.stream().map(tag -> name + "|" + tag).toList();
    }

    private static String key(String name, List<String> tags) {
        return name + "|" + String.join(",", tags);
    }

    private static String describe(List<String> tags) {
        return tags.isEmpty() ? "every service (no tags)" : "tags " + tags;
    }

    private static List<String> normalisedTags(List<String> tags) {
        return tags == null ? List.of() : List.copyOf(new TreeSet<>(tags));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

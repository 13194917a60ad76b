package io.selene.configurator.settings;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.query.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Rows of {@code configurator.settings} and {@code configurator.setting_history}. */
@Repository
public class SettingRepository {

    private static final String COLUMNS =
            "setting_id, name, tags, value::text AS value, description, version, create_time, last_update_time";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public SettingRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Filters of {@code GET /1/settings}; {@code null} = any. */
    public record Query(String name, List<String> names, List<String> tags) {
    }

    /** Serialises writes to one setting name (and the dump import against everything) until commit. */
    void lockName(String name) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('configurator.' || :name))").param("name", name)
                .query((rs, row) -> 1).list();
    }

    void lockAll() {
        jdbc.sql("LOCK TABLE settings IN EXCLUSIVE MODE").update();
    }

    public Optional<Setting> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM settings WHERE setting_id = :id").param("id", id)
                .query(this::setting).optional();
    }

    public List<Setting> byName(String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM settings WHERE name = :name ORDER BY create_time")
                .param("name", name).query(this::setting).list();
    }

    /** Every value of these setting names, in one query (a service's pull). */
    public List<Setting> byNames(List<String> names) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM settings WHERE name = ANY(:names) ORDER BY create_time")
                .param("names", names.toArray(String[]::new)).query(this::setting).list();
    }

    public List<Setting> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM settings ORDER BY name, create_time").query(this::setting).list();
    }

    public List<Setting> list(Query query, PageRequest page) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM settings WHERE " + where()
                        + " ORDER BY name, create_time LIMIT :limit OFFSET :offset")
                .params(params(query)).param("limit", page.pageSize()).param("offset", page.offset())
                .query(this::setting).list();
    }

    public long count(Query query) {
        return jdbc.sql("SELECT count(*) FROM settings WHERE " + where()).params(params(query))
                .query(Long.class).single();
    }

    private static String where() {
        return "(CAST(:name AS text) IS NULL OR name = :name)"
                + " AND (CAST(:names AS text[]) IS NULL OR name = ANY(CAST(:names AS text[])))"
                + " AND (CAST(:tags AS text[]) IS NULL OR tags && CAST(:tags AS text[]))";
    }

    private static Map<String, Object> params(Query query) {
        Map<String, Object> params = new HashMap<>();
        params.put("name", query.name());
        params.put("names", query.names() == null ? null : query.names().toArray(String[]::new));
        params.put("tags", query.tags() == null ? null : query.tags().toArray(String[]::new));
        return params;
    }

    void insert(Setting setting) {
        jdbc.sql("INSERT INTO settings (setting_id, name, tags, value, description, version, create_time, "
                        + "last_update_time) VALUES (:id, :name, :tags, CAST(:value AS jsonb), :description, :version, "
                        + ":created, :updated)")
                .param("id", setting.settingId()).param("name", setting.name())
                .param("tags", setting.tags().toArray(String[]::new)).param("value", json.writeValueAsString(setting.value()))
                .param("description", setting.description()).param("version", setting.version())
                .param("created", Timestamp.from(setting.createTime()))
                .param("updated", Timestamp.from(setting.lastUpdateTime())).update();
    }

    void update(Setting setting) {
        jdbc.sql("UPDATE settings SET tags = :tags, value = CAST(:value AS jsonb), description = :description, "
                        + "version = :version, last_update_time = :updated WHERE setting_id = :id")
                .param("id", setting.settingId()).param("tags", setting.tags().toArray(String[]::new))
                .param("value", json.writeValueAsString(setting.value())).param("description", setting.description())
                .param("version", setting.version()).param("updated", Timestamp.from(setting.lastUpdateTime()))
                .update();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM settings WHERE setting_id = :id").param("id", id).update();
    }

    void record(HistoryEntry entry) {
        jdbc.sql("INSERT INTO setting_history (setting_id, version, name, action, old_value, new_value, tags, "
                        + "description, changed_by, change_time) VALUES (:id, :version, :name, :action, "
                        + "CAST(:old AS jsonb), CAST(:new AS jsonb), :tags, :description, :by, :at)")
                .param("id", entry.settingId()).param("version", entry.version()).param("name", entry.name())
                .param("action", entry.action())
                .param("old", entry.oldValue() == null ? null : json.writeValueAsString(entry.oldValue()))
                .param("new", entry.newValue() == null ? null : json.writeValueAsString(entry.newValue()))
                .param("tags", entry.tags().toArray(String[]::new)).param("description", entry.description())
                .param("by", entry.changedBy()).param("at", Timestamp.from(entry.changeTime())).update();
    }

    public List<HistoryEntry> history(UUID id) {
        return jdbc.sql("SELECT setting_id, version, name, action, old_value::text AS old_value, "
                        + "new_value::text AS new_value, tags, description, changed_by, change_time "
                        + "FROM setting_history WHERE setting_id = :id ORDER BY version DESC LIMIT 1000")
                .param("id", id).query(this::entry).list();
    }

    public Optional<HistoryEntry> historyVersion(UUID id, int version) {
        return jdbc.sql("SELECT setting_id, version, name, action, old_value::text AS old_value, "
                        + "new_value::text AS new_value, tags, description, changed_by, change_time "
                        + "FROM setting_history WHERE setting_id = :id AND version = :version")
                .param("id", id).param("version", version).query(this::entry).optional();
    }

    /** The last version ever recorded for a setting id (deleted settings keep their history). */
    int lastVersion(UUID id) {
        return jdbc.sql("SELECT coalesce(max(version), 0) FROM setting_history WHERE setting_id = :id")
                .param("id", id).query(Integer.class).single();
    }

    private Setting setting(ResultSet rs, int row) throws SQLException {
        return new Setting(rs.getObject("setting_id", UUID.class), rs.getString("name"), tags(rs.getArray("tags")),
                json.readTree(rs.getString("value")), rs.getString("description"), rs.getInt("version"),
                instant(rs, "create_time"), instant(rs, "last_update_time"));
    }

    private HistoryEntry entry(ResultSet rs, int row) throws SQLException {
        String old = rs.getString("old_value");
        String now = rs.getString("new_value");
        return new HistoryEntry(rs.getObject("setting_id", UUID.class), rs.getInt("version"), rs.getString("name"),
                rs.getString("action"), old == null ? null : json.readTree(old), now == null ? null : json.readTree(now),
                tags(rs.getArray("tags")), rs.getString("description"), rs.getString("changed_by"),
                instant(rs, "change_time"));
    }

    private static List<String> tags(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}

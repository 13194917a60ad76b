package io.selene.events.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.descriptor.DescriptorWrites;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /2/events/descriptors}: sets one descriptor version on many events at once, e.g. descriptors
 * re-extracted from the events' face samples by an additional-extraction task (not public). Body
 * {@code {"descriptors": [{"event_id", "version", "data" (raw base64)}]}}, 1..1000 items, in one
 * transaction. The event's descriptor of that version is added or replaced (it gets a new key, so a
 * matcher following keys reads it). Events of other accounts or unknown ids are skipped and listed.
 */
@RestController
public class EventDescriptorWriteController {

    static final int MAX_ITEMS = 1000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public EventDescriptorWriteController(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @PostMapping("/2/events/descriptors")
    public Map<String, Object> write(AccountContext account, @RequestBody JsonNode body) {
        UUID owner = account.requireAccount();
        List<DescriptorWrites.Item> items = DescriptorWrites.read(body, "event_id", MAX_ITEMS);
        Set<UUID> seen = new LinkedHashSet<>();
        items.forEach(item -> seen.add(item.id()));
        List<UUID> written = tx.execute(status -> {
            Set<UUID> owned = Set.copyOf(jdbc.sql("""
                    SELECT event_id FROM event WHERE account_id = :account AND event_id = ANY(:ids)
                    ORDER BY event_id FOR UPDATE""")
                    .param("account", owner).param("ids", seen.toArray(UUID[]::new)).query(UUID.class).list());
            List<UUID> done = new ArrayList<>();
            for (DescriptorWrites.Item item : items) {
                if (!owned.contains(item.id())) {
                    continue;
                }
                jdbc.sql("DELETE FROM event_descriptor WHERE event_id = :id AND version = :version")
                        .param("id", item.id()).param("version", item.version()).update();
                jdbc.sql("""
                        INSERT INTO event_descriptor (event_id, version, account_id, data)
                        VALUES (:id, :version, :account, :data)""")
                        .param("id", item.id()).param("version", item.version()).param("account", owner)
                        .param("data", item.data()).update();
                done.add(item.id());
            }
            return done;
        });
        Set<UUID> skipped = new LinkedHashSet<>(seen);
        written.forEach(skipped::remove);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("written", written.size());
        answer.put("skipped", skipped.stream().map(UUID::toString).toList());
        return answer;
    }
}

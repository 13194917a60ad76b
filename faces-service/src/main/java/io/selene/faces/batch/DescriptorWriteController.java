package io.selene.faces.batch;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.descriptor.DescriptorWrites;
import io.selene.commons.ids.Ids;
import io.selene.commons.sql.PgArrays;
import io.selene.faces.changes.ChangeLog;
import io.selene.faces.faces.FaceRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /3/faces/descriptors}: sets one descriptor version on many faces at once, e.g. descriptors
 * re-extracted from the faces' samples by an additional-extraction task (not public). Body
 * {@code {"descriptors": [{"face_id", "version", "data" (raw base64)}]}}, 1..1000 items. Each face's
 * descriptor of that version is added or replaced (other versions stay), with a {@code face_attributes}
 * change in the feed so the matcher picks it up. Faces of other accounts or gone meanwhile are skipped and
 * listed in {@code skipped}. Idempotent: writing the same descriptor again changes nothing a reader sees
 * but its key.
 */
@RestController
public class DescriptorWriteController {

    static final int MAX_ITEMS = 1000;

    private final JdbcClient jdbc;
    private final ChangeLog changes;
    private final FaceRepository faces;
    private final TransactionTemplate tx;
    private final Clock clock;

    public DescriptorWriteController(JdbcClient jdbc, ChangeLog changes, FaceRepository faces, TransactionTemplate tx,
            Clock clock) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.faces = faces;
        this.tx = tx;
        this.clock = clock;
    }

    @PostMapping("/3/faces/descriptors")
    public Map<String, Object> write(AccountContext account, @RequestBody JsonNode body) {
        UUID owner = account.requireAccount();
        List<DescriptorWrites.Item> items = DescriptorWrites.read(body, "face_id", MAX_ITEMS);
        Set<UUID> seen = new LinkedHashSet<>();
        items.forEach(item -> seen.add(item.id()));
        List<UUID> written = tx.execute(status -> {
            changes.lock();
            List<UUID> owned = jdbc.sql("""
                    SELECT face_id FROM face WHERE account_id = :account AND face_id IN (SELECT unnest(CAST(:ids AS uuid[])))
                    ORDER BY face_id FOR UPDATE""")
                    .param("account", owner).param("ids", PgArrays.literal(seen)).query(UUID.class).list();
            Set<UUID> ownedSet = Set.copyOf(owned);
            OffsetDateTime now = Ids.now(clock);
            List<UUID> done = new ArrayList<>();
            List<ChangeLog.Change> feed = new ArrayList<>();
            for (DescriptorWrites.Item item : items) {
                if (!ownedSet.contains(item.id())) {
                    continue;
                }
                jdbc.sql("DELETE FROM descriptor WHERE face_id = :id AND version = :version")
                        .param("id", item.id()).param("version", item.version()).update();
                jdbc.sql("INSERT INTO descriptor (face_id, version, account_id, data) VALUES (:id, :version, :account, :data)")
                        .param("id", item.id()).param("version", item.version()).param("account", owner)
                        .param("data", item.data()).update();
                done.add(item.id());
                feed.add(new ChangeLog.Change(ChangeLog.FACE_ATTRIBUTES, null, item.id()));
            }
            if (!done.isEmpty()) {
                jdbc.sql("""
                        UPDATE face SET attributes_time = coalesce(attributes_time, :time)
                        WHERE face_id IN (SELECT unnest(CAST(:ids AS uuid[])))""")
                        .param("time", now).param("ids", PgArrays.literal(done)).update();
                for (FaceRepository.Membership membership : faces.memberships(done)) {
                    feed.add(new ChangeLog.Change(ChangeLog.FACE_ATTRIBUTES, membership.listId(), membership.faceId()));
                }
                changes.record(owner, feed, now);
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

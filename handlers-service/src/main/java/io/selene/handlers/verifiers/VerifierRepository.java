package io.selene.handlers.verifiers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.ids.Ids;
import io.selene.commons.query.PageRequest;
import io.selene.commons.sql.Where;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Verifiers in schema {@code handlers}; every read and write is scoped to an account. */
@Repository
public class VerifierRepository {

    private static final String COLUMNS =
            "verifier_id, account_id, description, policies::text AS policies, version, create_time, last_update_time";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    public VerifierRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /** Filters of the listing and the count: the account scope ({@code null} = every account) and a description part. */
    public record Query(UUID account, String description) {
    }

    public Verifier create(UUID account, String description, VerifierPolicies policies) {
        OffsetDateTime now = now();
        Verifier verifier = new Verifier(UUID.randomUUID(), account, description, policies, 1, now, now);
        jdbc.sql("""
                INSERT INTO verifier (verifier_id, account_id, description, policies, version, create_time, last_update_time)
                VALUES (:id, :account, :description, CAST(:policies AS jsonb), 1, :time, :time)""")
                .param("id", verifier.verifierId()).param("account", account).param("description", description)
                .param("policies", json.writeValueAsString(policies.write())).param("time", now)
                .update();
        return verifier;
    }

    /** The verifier if the caller may see it; another account's answers 404 like a missing one. */
    public Verifier require(AccountContext caller, UUID verifierId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM verifier WHERE verifier_id = :id").param("id", verifierId)
                .query(this::verifier).optional()
                .filter(v -> caller.canSee(v.accountId()))
                .orElseThrow(() -> VerifierErrors.VERIFIER_NOT_FOUND.exception(verifierId));
    }

    /** Replaces description and policies of the owner's verifier; answers the new version. */
    public int replace(UUID owner, UUID verifierId, String description, VerifierPolicies policies) {
        return jdbc.sql("""
                UPDATE verifier SET description = :description, policies = CAST(:policies AS jsonb),
                       version = version + 1, last_update_time = :time
                WHERE verifier_id = :id AND account_id = :account RETURNING version""")
                .param("description", description).param("policies", json.writeValueAsString(policies.write()))
                .param("time", now()).param("id", verifierId).param("account", owner)
                .query(Integer.class).optional()
                .orElseThrow(() -> VerifierErrors.VERIFIER_NOT_FOUND.exception(verifierId));
    }

    public void delete(UUID owner, UUID verifierId) {
        int deleted = jdbc.sql("DELETE FROM verifier WHERE verifier_id = :id AND account_id = :account")
                .param("id", verifierId).param("account", owner).update();
        if (deleted == 0) {
            throw VerifierErrors.VERIFIER_NOT_FOUND.exception(verifierId);
        }
    }

    public List<Verifier> list(Query query, PageRequest page) {
        return where(query).page(jdbc, COLUMNS, "verifier", "create_time DESC, verifier_id DESC", page, this::verifier);
    }

    public long count(Query query) {
        return where(query).count(jdbc, "verifier");
    }

    private static Where where(Query query) {
        Where where = Where.all();
        if (query.account() != null) {
            where.equal("account_id", query.account());
        }
        if (query.description() != null) {
            where.contains("description", query.description());
        }
        return where;
    }

    private Verifier verifier(ResultSet row, int index) throws SQLException {
        return new Verifier(row.getObject("verifier_id", UUID.class), row.getObject("account_id", UUID.class),
                row.getString("description"),
                VerifierPolicies.read(json.readTree(row.getString("policies")), "policies"),
                row.getInt("version"), row.getObject("create_time", OffsetDateTime.class),
                row.getObject("last_update_time", OffsetDateTime.class));
    }

    private OffsetDateTime now() {
        return Ids.now(clock);
    }
}

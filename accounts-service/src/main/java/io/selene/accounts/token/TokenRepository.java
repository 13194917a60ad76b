package io.selene.accounts.token;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.query.PageRequest;
import io.selene.commons.sql.Where;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Table {@code accounts.tokens}; a revoked token is a deleted row. */
@Repository
public class TokenRepository {

    private static final String COLUMNS = "token_id, account_id, description, expiration_time, visibility_area, "
            + "permissions::text AS permissions, create_time, last_update_time";
    private static final TypeReference<Map<String, List<String>>> PERMISSIONS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public TokenRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(Token token) {
        jdbc.sql("INSERT INTO tokens (token_id, account_id, description, expiration_time, visibility_area, "
                        + "permissions, create_time, last_update_time) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)")
                .params(token.tokenId(), token.accountId(), token.description(), token.expirationTime(),
                        token.visibilityArea(), json.writeValueAsString(token.permissions()), token.createTime(),
                        token.lastUpdateTime())
                .update();
    }

    public void replace(Token token) {
        jdbc.sql("UPDATE tokens SET description = ?, expiration_time = ?, visibility_area = ?, "
                        + "permissions = ?::jsonb, last_update_time = ? WHERE token_id = ?")
                .params(token.description(), token.expirationTime(), token.visibilityArea(),
                        json.writeValueAsString(token.permissions()), token.lastUpdateTime(), token.tokenId())
                .update();
    }

    public Optional<Token> find(UUID tokenId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tokens WHERE token_id = ?").param(tokenId)
                .query(this::map).optional();
    }

    public boolean delete(UUID tokenId) {
        return jdbc.sql("DELETE FROM tokens WHERE token_id = ?").param(tokenId).update() == 1;
    }

    /** Tokens of one account, or of every account when {@code accountId} is null. */
    public List<Token> list(UUID accountId, PageRequest page) {
        return where(accountId).page(jdbc, COLUMNS, "tokens", "create_time, token_id", page, this::map);
    }

    public long count(UUID accountId) {
        return where(accountId).count(jdbc, "tokens");
    }

    private static Where where(UUID accountId) {
        Where where = Where.all();
        if (accountId != null) {
            where.equal("account_id", accountId);
        }
        return where;
    }

    private Token map(ResultSet row, int index) throws SQLException {
        return new Token(row.getObject("token_id", UUID.class), row.getObject("account_id", UUID.class),
                row.getString("description"), row.getObject("expiration_time", OffsetDateTime.class),
                row.getString("visibility_area"), json.readValue(row.getString("permissions"), PERMISSIONS),
                row.getObject("create_time", OffsetDateTime.class),
                row.getObject("last_update_time", OffsetDateTime.class));
    }
}

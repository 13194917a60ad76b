package io.selene.events.erasure;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.sql.AccountRows;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code DELETE /2/accounts/{account_id}/data} (internal: tasks-service's account erasure): every event of
 * the account with its detections, matches and descriptors (cascaded), and its idempotency keys.
 */
@RestController
@Tag(name = "erasure")
public class AccountErasureController {

    private final JdbcClient jdbc;

    public AccountErasureController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @DeleteMapping("/2/accounts/{account_id}/data")
    @Transactional
    @Operation(summary = "Erase everything of an account (internal, for the account erasure task): {\"deleted\": rows}")
    public Map<String, Object> erase(@PathVariable("account_id") UUID account) {
        return Map.of("deleted", AccountRows.delete(jdbc, account, List.of("event_descriptor", "event", "idempotency_key")));
    }
}

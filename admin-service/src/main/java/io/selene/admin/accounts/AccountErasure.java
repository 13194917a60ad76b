package io.selene.admin.accounts;

import java.util.Map;
import java.util.UUID;

import io.selene.commons.PlatformHeaders;
import io.selene.commons.client.InternalClients;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Deleting an account from the admin pages or API: it is blocked at once (no login, no token, so nothing new
 * arrives), then tasks-service's {@code account_erasure} task removes its data owner by owner and the
 * account last, with progress on the tasks page.
 */
@Component
public class AccountErasure {

    private final AccountsClient accounts;
    private final RestClient tasks;

    public AccountErasure(AccountsClient accounts, InternalClients clients) {
        this.accounts = accounts;
        this.tasks = clients.restClient("tasks-service");
    }

    /** Blocks the account and starts its erasure; answers the task id (the task names the account by id only). */
    public long start(UUID admin, UUID accountId) {
        accounts.patch(admin, accountId, Map.of("blocked", true));
        return tasks.post().uri("/1/tasks/account_erasure")
                .header(PlatformHeaders.ACCOUNT_ID, admin.toString()).header(PlatformHeaders.VISIBILITY, "account")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("description", "account erasure", "content", Map.of("account_id", accountId)))
                .retrieve().body(tools.jackson.databind.JsonNode.class).path("task_id").asLong();
    }
}

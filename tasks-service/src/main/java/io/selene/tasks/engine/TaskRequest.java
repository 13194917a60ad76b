package io.selene.tasks.engine;

import java.util.UUID;

import io.selene.tasks.clients.AccountCalls;

/**
 * Who creates a task and how a type checks its content with the owning services (as that account).
 *
 * @param accountId the account the task belongs to and acts for
 * @param calls     the owning services, called as that account
 */
public record TaskRequest(UUID accountId, AccountCalls calls) {
}

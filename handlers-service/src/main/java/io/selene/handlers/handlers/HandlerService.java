package io.selene.handlers.handlers;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.account.Visibility;
import io.selene.commons.ids.Ids;
import io.selene.commons.query.PageRequest;
import io.selene.handlers.policies.HandlerPolicies;
import io.selene.handlers.policies.PolicyReader;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Handlers of accounts: every write commits before it answers; another account's handler is 404. */
@Service
public class HandlerService {

    private final HandlerRepository repository;
    private final PolicyReader reader;
    private final JsonMapper json;
    private final Clock clock;

    HandlerService(HandlerRepository repository, PolicyReader reader, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.reader = reader;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The handler to generate events with: it must belong to the caller's account, also for a caller
     * that may read every account (events are made in the handler's account, so nobody may use another
     * account's handler). Only a platform-internal call (no account, visibility all) uses any handler.
     */
    public Handler require(AccountContext caller, UUID handlerId) {
        return repository.find(handlerId)
                .filter(row -> caller.accountId() == null ? caller.visibility() == Visibility.ALL
                        : row.accountId().equals(caller.accountId()))
                .map(this::handler).orElseThrow(() -> HandlerErrors.HANDLER_NOT_FOUND.exception(handlerId));
    }

    /** A handler the caller may read (its own; any for visibility all). */
    Handler get(AccountContext caller, UUID handlerId) {
        return repository.find(handlerId).filter(row -> caller.canSee(row.accountId())).map(this::handler)
                .orElseThrow(() -> HandlerErrors.HANDLER_NOT_FOUND.exception(handlerId));
    }

    Handler create(UUID account, String description, HandlerPolicies policies) {
        UUID id = UUID.randomUUID();
        repository.insert(id, account, description, policies == null, text(policies), now());
        return repository.find(id).map(this::handler).orElseThrow();
    }

    Handler replace(UUID account, UUID handlerId, String description, HandlerPolicies policies) {
        if (!repository.replace(handlerId, account, description, policies == null, text(policies), now())) {
            throw HandlerErrors.HANDLER_NOT_FOUND.exception(handlerId);
        }
        return repository.find(handlerId).map(this::handler).orElseThrow();
    }

    void delete(UUID account, UUID handlerId) {
        if (!repository.delete(handlerId, account)) {
            throw HandlerErrors.HANDLER_NOT_FOUND.exception(handlerId);
        }
    }

    List<Handler> search(HandlerRepository.Query query, PageRequest page) {
        return repository.search(query, page).stream().map(this::handler).toList();
    }

    long count(HandlerRepository.Query query) {
        return repository.count(query);
    }

    private String text(HandlerPolicies policies) {
        return policies == null ? null : reader.write(policies).toString();
    }

    private Handler handler(HandlerRepository.Row row) {
        HandlerPolicies policies = row.policies() == null ? null : reader.read(json.readTree(row.policies()), "policies");
        return new Handler(row.handlerId(), row.accountId(), row.description(), row.dynamic(), policies,
                row.createTime(), row.lastUpdateTime());
    }

    private OffsetDateTime now() {
        return Ids.now(clock);
    }
}

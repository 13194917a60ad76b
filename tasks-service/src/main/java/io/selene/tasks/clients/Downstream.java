package io.selene.tasks.clients;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.selene.commons.client.InternalClients;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The services tasks read and change (faces, events, handlers, image-store), with the shared secret and
 * the request id that {@link InternalClients} adds. Work is always done as one account: see
 * {@link #as(UUID)}.
 */
@Component
public class Downstream {

    private final InternalClients clients;
    private final Map<String, RestClient> byService = new ConcurrentHashMap<>();

    public Downstream(InternalClients clients) {
        this.clients = clients;
    }

    RestClient client(String service) {
        return byService.computeIfAbsent(service, clients::restClient);
    }

    /** Calls made as the account, with visibility {@code account}: a task only sees and changes its own account. */
    public AccountCalls as(UUID account) {
        return new AccountCalls(this, account);
    }
}

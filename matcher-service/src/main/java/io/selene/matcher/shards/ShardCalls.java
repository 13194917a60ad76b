package io.selene.matcher.shards;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.selene.commons.PlatformHeaders;
import io.selene.commons.account.AccountContext;
import io.selene.commons.client.InternalClients;
import io.selene.matcher.MatcherErrors;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a peer shard's {@code POST /1/matcher/faces} for the candidate blocks it owns. The peer gets the
 * whole request (so it checks it, and names blocks, exactly as a single instance would) and the header
 * {@link #BLOCKS} saying which blocks to answer; it answers only those, in that order, and never routes
 * them on. A peer that cannot be reached is 503 {@code 15013}: its share cannot be answered, and a
 * partial answer would be wrong.
 */
@Component
public class ShardCalls {

    /** Internal only (the gateway forwards no {@code X-Selene-} header): the block indices a peer answers. */
    public static final String BLOCKS = "X-Selene-Matcher-Blocks";
    /** Internal only: {@code skip} answers from the index as it is, without the read-your-writes wait. */
    public static final String READ_YOUR_WRITES = "X-Selene-Read-Your-Writes";

    private final InternalClients clients;
    private final JsonMapper json;
    private final Map<String, RestClient> peers = new ConcurrentHashMap<>();

    public ShardCalls(InternalClients clients, JsonMapper json) {
        this.clients = clients;
        this.json = json;
    }

    /**
     * The peer's answer for {@code blocks} of {@code request} (the request's JSON body), as the caller's
     * account: per reference, {@code matches} for those blocks only.
     */
    public JsonNode match(Shard shard, Object request, List<Integer> blocks, AccountContext account,
            String viewable, boolean readYourWrites, String requestId) {
        RestClient client = peers.computeIfAbsent(shard.name(),
                name -> clients.restClient("matcher shard " + name, shard.url()));
        try {
            byte[] answer = client.post().uri("/1/matcher/faces")
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(headers -> {
                        headers.set(PlatformHeaders.ACCOUNT_ID, String.valueOf(account.accountId()));
                        headers.set(PlatformHeaders.VISIBILITY, account.visibility().header());
                        headers.set(BLOCKS, blocks.stream().map(String::valueOf).collect(Collectors.joining(",")));
                        if (viewable != null) {
                            headers.set(PlatformHeaders.VIEWABLE, viewable);
                        }
                        if (!readYourWrites) {
                            headers.set(READ_YOUR_WRITES, "skip");
                        }
                        if (requestId != null) {
                            headers.set(PlatformHeaders.REQUEST_ID, requestId);
                        }
                    })
                    .body(json.writeValueAsBytes(request))
                    .retrieve()
                    .body(byte[].class);
            return json.readTree(answer);
        } catch (ResourceAccessException e) {
            throw MatcherErrors.SHARD_UNAVAILABLE.exceptionWithCause(e, shard.name(), blocks);
        }
    }
}

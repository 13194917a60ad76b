package io.selene.matcher.faces;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.matcher.shards.Shard;
import io.selene.matcher.shards.Shards;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Internal (not routed by the gateway): what this instance holds in memory, for operators and for tests
 * that check each shard keeps its share only.
 */
@RestController
public class ShardStatusController {

    private final Shards shards;
    private final ListGalleries galleries;
    private final AccountGalleries accounts;

    public ShardStatusController(Shards shards, ListGalleries galleries, AccountGalleries accounts) {
        this.shards = shards;
        this.galleries = galleries;
        this.accounts = accounts;
    }

    @GetMapping(path = "/1/matcher/shard", produces = "application/json")
    @Operation(summary = "This instance's shard and the galleries it holds")
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("shard", shards.enabled() ? shards.self().name() : null);
        status.put("shards", shards.names());
        status.put("lists", galleries.listCount());
        status.put("list_rows", galleries.rows());
        status.put("accounts", accounts.accountCount());
        status.put("account_rows", accounts.rows());
        return status;
    }

    /** Which shard owns a list's gallery and whether this instance holds it (a list of the caller's only). */
    @GetMapping(path = "/1/matcher/shard/lists/{list_id}", produces = "application/json")
    @Operation(summary = "The shard owning a list's gallery, and the rows this instance holds of it")
    public Map<String, Object> list(@PathVariable("list_id") UUID listId, AccountContext account) {
        Optional<UUID> owner = galleries.owner(listId);
        boolean visible = owner.isPresent() && account.canSee(owner.get());
        Shard shard = shards.ownerOfList(listId);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("list_id", listId.toString());
        status.put("owner", shard == null ? null : shard.name());
        status.put("held", visible);
        status.put("rows", visible ? galleries.size(listId) : 0);
        return status;
    }
}

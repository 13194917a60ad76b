package io.selene.matcher.shards;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sharded matching: several matcher instances, each holding the galleries it owns.
 *
 * @param shards every instance, in order, as {@code name=url} (or just {@code url}, which is then also its
 *               name); empty = one instance holding every gallery (the default). Ownership hashes the
 *               names, so keep them stable: a name that changes moves its share.
 * @param self   this instance's name, one of {@code shards}
 */
@ConfigurationProperties("selene.matcher.sharding")
public record ShardSettings(List<String> shards, String self) {

    public ShardSettings {
        shards = shards == null ? List.of() : List.copyOf(shards);
    }
}

package io.selene.matcher.shards;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Which instance owns which gallery: rendezvous (highest-random-weight) hashing of the gallery's key (a
 * list id, or an account id for its whole-account gallery) with each shard's name. The assignment depends
 * only on the configured names, so a restarted instance owns the same share, and adding or removing a
 * shard moves only the galleries that shard gains or loses. Without shards every gallery is this one's.
 */
@Component
public class Shards {

    private final List<Shard> shards;
    private final Shard self;

    public Shards(ShardSettings settings) {
        List<Shard> parsed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String entry : settings.shards()) {
            String trimmed = entry.trim();
            int equals = trimmed.indexOf('=');
            Shard shard = equals < 0 ? new Shard(trimmed, trimmed)
                    : new Shard(trimmed.substring(0, equals).trim(), trimmed.substring(equals + 1).trim());
            if (shard.name().isEmpty() || !shard.url().startsWith("http") || !names.add(shard.name())) {
                throw new IllegalStateException("SELENE_MATCHER_SHARDS: '" + entry + "' is not a unique name=http-url");
            }
            parsed.add(shard);
        }
        this.shards = List.copyOf(parsed);
        if (shards.isEmpty()) {
            self = null;
        } else {
            self = shards.stream().filter(shard -> shard.name().equals(settings.self())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("SELENE_MATCHER_SHARD='" + settings.self()
                            + "' is not one of the names in SELENE_MATCHER_SHARDS " + names()));
        }
    }

    /** Whether galleries are spread over several instances. */
    public boolean enabled() {
        return !shards.isEmpty();
    }

    /** This instance (null when not sharded). */
    public Shard self() {
        return self;
    }

    public List<Shard> all() {
        return shards;
    }

    public List<String> names() {
        return shards.stream().map(Shard::name).toList();
    }

    /** The instance holding a list's gallery (this one when not sharded). */
    public Shard ownerOfList(UUID listId) {
        return owner("list:" + listId);
    }

    /** The instance holding an account's whole-account gallery (this one when not sharded). */
    public Shard ownerOfAccount(UUID accountId) {
        return owner("account:" + accountId);
    }

    public boolean ownsList(UUID listId) {
        return !enabled() || ownerOfList(listId) == self;
    }

    public boolean ownsAccount(UUID accountId) {
        return !enabled() || ownerOfAccount(accountId) == self;
    }

    private Shard owner(String key) {
        if (shards.isEmpty()) {
            return null;
        }
        long keyHash = fnv(key);
        Shard best = null;
        long bestScore = 0;
        for (Shard shard : shards) {
            long score = mix(fnv(shard.name()) ^ keyHash);
            if (best == null || Long.compareUnsigned(score, bestScore) > 0) {
                best = shard;
                bestScore = score;
            }
        }
        return best;
    }

    /** FNV-1a over the UTF-8 bytes: fixed by its definition, so the same on every JVM and release. */
    private static long fnv(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }

    /** MurmurHash3's 64-bit finaliser: spreads the combined hash so every shard's score is uniform. */
    private static long mix(long h) {
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }
}

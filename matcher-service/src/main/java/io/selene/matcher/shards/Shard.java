package io.selene.matcher.shards;

/** One matcher instance of a sharded platform: its stable name (what ownership hashes) and base URL. */
public record Shard(String name, String url) {
}

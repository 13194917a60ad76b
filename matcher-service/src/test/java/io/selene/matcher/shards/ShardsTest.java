package io.selene.matcher.shards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ShardsTest {

    private static final List<String> THREE = List.of("a=http://10.0.0.1:5100", "b=http://10.0.0.2:5100",
            "c=http://10.0.0.3:5100");

    private static List<UUID> lists(int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.nameUUIDFromBytes(("list-" + i).getBytes()));
        }
        return ids;
    }

    @Test
    void withoutShardsThisInstanceOwnsEverything() {
        Shards single = new Shards(new ShardSettings(List.of(), null));
        assertThat(single.enabled()).isFalse();
        assertThat(single.ownsList(UUID.randomUUID())).isTrue();
        assertThat(single.ownsAccount(UUID.randomUUID())).isTrue();
    }

    @Test
    void everyInstanceAgreesAndEachOwnsAboutAThird() {
        Shards a = new Shards(new ShardSettings(THREE, "a"));
        Shards b = new Shards(new ShardSettings(THREE, "b"));
        Map<String, Integer> counts = new HashMap<>();
        for (UUID list : lists(3000)) {
            String owner = a.ownerOfList(list).name();
            assertThat(b.ownerOfList(list).name()).isEqualTo(owner);
            assertThat(a.ownsList(list)).isEqualTo(owner.equals("a"));
            counts.merge(owner, 1, Integer::sum);
        }
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(850, 1150));
    }

    @Test
    void theAssignmentIsFixedByTheNamesAndMovesOnlyTheRemovedShardsShare() {
        Shards three = new Shards(new ShardSettings(THREE, "a"));
        // same names, other order and addresses (a restart elsewhere): the same owners
        Shards moved = new Shards(new ShardSettings(List.of("c=http://h3:1", "a=http://h1:1", "b=http://h2:1"), "a"));
        Shards two = new Shards(new ShardSettings(List.of("a=http://h1:1", "b=http://h2:1"), "a"));
        for (UUID list : lists(2000)) {
            String owner = three.ownerOfList(list).name();
            assertThat(moved.ownerOfList(list).name()).isEqualTo(owner);
            if (!owner.equals("c")) {
                assertThat(two.ownerOfList(list).name()).as("a list of a or b stays where it was").isEqualTo(owner);
            }
        }
        // a value fixed by the hash's definition: the assignment does not change between releases
        List<String> owners = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            owners.add(three.ownerOfList(UUID.fromString("00000000-0000-0000-0000-00000000000" + i)).name());
        }
        assertThat(owners).containsExactly("b", "a", "c", "b", "b", "c");
    }

    @Test
    void aBadConfigurationStopsTheStart() {
        assertThatThrownBy(() -> new Shards(new ShardSettings(THREE, "d"))).hasMessageContaining("SELENE_MATCHER_SHARD");
        assertThatThrownBy(() -> new Shards(new ShardSettings(List.of("a=http://x", "a=http://y"), "a")))
                .hasMessageContaining("unique");
        assertThatThrownBy(() -> new Shards(new ShardSettings(List.of("a=ftp://x"), "a")))
                .hasMessageContaining("name=http-url");
    }
}

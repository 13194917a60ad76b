package io.selene.faces;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import io.selene.faces.changes.ChangeLog;
import io.selene.testsupport.HttpProbe;
import java.time.OffsetDateTime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ListsAndChangesTest extends FacesTestSupport {

    @Test
    void listIsCreatedReadPatchedSearchedAndDeleted() {
        UUID account = UUID.randomUUID();
        HttpProbe.Answer created = as(account).post("/3/lists", "{\"user_data\":\"vip guests\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String listId = created.json().get("list_id").asString();
        assertThat(created.header("Location")).isEqualTo("/6/lists/" + listId);

        JsonNode list = ok(as(account).get("/3/lists/" + listId));
        assertThat(list.get("user_data").asString()).isEqualTo("vip guests");
        assertThat(list.get("account_id").asString()).isEqualTo(account.toString());
        assertThat(list.get("face_count").asInt()).isZero();
        assertThat(list.has("create_time") && list.has("last_update_time")).isTrue();

        HttpProbe.Answer patched = as(account).send("PATCH", "/3/lists/" + listId, "application/json",
                "{\"user_data\":\"renamed\"}".getBytes());
        assertThat(patched.status()).isEqualTo(204);
        assertThat(ok(as(account).get("/3/lists/" + listId)).get("user_data").asString()).isEqualTo("renamed");

        UUID second = createList(account, "other");
        UUID third = createList(account, "third");
        assertThat(count(as(account).get("/3/lists/count"), "lists_count")).isEqualTo(3);
        assertThat(listIds(as(account).get("/3/lists?user_data=rename"))).containsExactly(UUID.fromString(listId));
        assertThat(listIds(as(account).get("/3/lists?page=2&page_size=2"))).hasSize(1);
        assertThat(listIds(as(account).get("/3/lists?page=3&page_size=2"))).isEmpty();
        for (String bad : List.of("page_size=0", "page_size=101", "page_size=-1")) {
            HttpProbe.Answer refused = as(account).get("/3/lists?" + bad);
            assertThat(refused.status()).isEqualTo(400);
            assertLunaError(refused, 101);
        }

        // keyset: ids in order, two at a time
        List<UUID> all = new ArrayList<>(List.of(UUID.fromString(listId), second, third));
        all.sort(Comparator.comparing(UUID::toString));
        List<UUID> firstPage = listIds(as(account).get("/3/lists?list_id__gte=00000000-0000-0000-0000-000000000000&page_size=2"));
        assertThat(firstPage).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(listIds(as(account).get("/3/lists?list_id__gt=" + firstPage.get(1) + "&page_size=2")))
                .containsExactly(all.get(2));
        assertThat(listIds(as(account).get("/3/lists?list_id__lt=" + all.get(1)))).containsExactly(all.get(0));

        assertThat(as(account).send("DELETE", "/3/lists/" + listId).status()).isEqualTo(204);
        HttpProbe.Answer gone = as(account).get("/3/lists/" + listId);
        assertThat(gone.status()).isEqualTo(404);
        assertLunaError(gone, 22003);
    }

    @Test
    void linkerAttachesAndDetachesAndTheFeedRecordsEveryChangeInKeyOrder() {
        UUID account = UUID.randomUUID();
        long start = lastKey(account);
        UUID list = createList(account, "watch");
        UUID a = createFace(account, "");
        UUID b = createFace(account, "");
        UUID c = createFace(account, "\"lists\":[\"" + list + "\"]");

        HttpProbe.Answer attached = link(account, "attach", list, a, b, c);
        assertThat(attached.status()).as(attached.toString()).isEqualTo(200);
        assertThat(attached.json().get("face_ids").size()).isEqualTo(2); // c already a member
        assertThat(ok(as(account).get("/3/lists/" + list)).get("face_count").asInt()).isEqualTo(3);
        assertThat(ok(as(account).get("/3/faces/" + a)).get("lists").get(0).asString()).isEqualTo(list.toString());

        assertThat(link(account, "detach", list, b).status()).isEqualTo(200);
        assertThat(FacesApiTest.ids(as(account).get("/3/faces?list_id=" + list))).containsExactlyInAnyOrder(a, c);
        assertThat(as(account).send("DELETE", "/3/faces/" + a).status()).isEqualTo(204);

        List<JsonNode> changes = changes(account, "after_key=" + start + "&list_id=" + list);
        assertThat(changes).extracting(change -> change.get("action").asString() + ":" + change.get("face_id").asString())
                .containsExactly("link:" + c, "link:" + a, "link:" + b, "unlink:" + b, "face_delete:" + a);
        long previous = start;
        for (JsonNode change : changes) {
            assertThat(change.get("change_key").asLong()).isGreaterThan(previous);
            assertThat(change.get("list_id").asString()).isEqualTo(list.toString());
            previous = change.get("change_key").asLong();
        }
        // the account-wide feed also holds face-level changes without a list
        List<JsonNode> everything = changes(account, "after_key=" + start);
        assertThat(everything).anyMatch(change -> change.get("action").asString().equals("face_attributes")
                && change.get("list_id").isNull());
        assertThat(everything).anyMatch(change -> change.get("action").asString().equals("face_delete")
                && change.get("list_id").isNull() && change.get("face_id").asString().equals(a.toString()));

        // paging the feed with limit and last_key returns the same sequence
        List<Long> paged = new ArrayList<>();
        long after = start;
        while (true) {
            JsonNode page = ok(as(account).get("/3/lists/changes?list_id=" + list + "&limit=2&after_key=" + after));
            page.get("changes").forEach(change -> paged.add(change.get("change_key").asLong()));
            after = page.get("last_key").asLong();
            if (!page.get("has_more").asBoolean()) {
                break;
            }
        }
        assertThat(paged).containsExactlyElementsOf(changes.stream().map(c1 -> c1.get("change_key").asLong()).toList());

        HttpProbe.Answer unknownFace = link(account, "attach", list, UUID.randomUUID());
        assertThat(unknownFace.status()).isEqualTo(400);
        assertLunaError(unknownFace, 22004);
        HttpProbe.Answer unknownList = link(account, "attach", UUID.randomUUID(), c);
        assertThat(unknownList.status()).isEqualTo(400);
        assertLunaError(unknownList, 22005);
        HttpProbe.Answer badAction = link(account, "glue", list, c);
        assertThat(badAction.status()).isEqualTo(400);
        assertLunaError(badAction, 102);
        HttpProbe.Answer badKey = as(account).get("/3/lists/changes?after_key=-1");
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(as(account).get("/3/lists/changes?limit=10001").status()).isEqualTo(400);
        UUID[] tooMany = new UUID[1001];
        for (int i = 0; i < tooMany.length; i++) {
            tooMany[i] = i == 0 ? c : UUID.randomUUID();
        }
        HttpProbe.Answer bulkLimit = link(account, "detach", list, tooMany);
        assertThat(bulkLimit.status()).isEqualTo(400);
        assertLunaError(bulkLimit, 102);
        assertThat(ok(as(account).get("/3/lists/" + list)).get("face_count").asInt()).isEqualTo(1);
    }

    @Test
    void deletingAListWithFacesDeletesItsMembersOnly() {
        UUID account = UUID.randomUUID();
        UUID list = createList(account, "temp");
        UUID member = createFace(account, "\"lists\":[\"" + list + "\"]");
        UUID outsider = createFace(account, "");
        long start = lastKey(account);

        assertThat(as(account).send("DELETE", "/3/lists/" + list + "?with_faces=1").status()).isEqualTo(204);
        assertThat(as(account).get("/3/faces/" + member).status()).isEqualTo(404);
        assertThat(as(account).get("/3/faces/" + outsider).status()).isEqualTo(200);
        assertThat(changes(account, "after_key=" + start + "&list_id=" + list))
                .extracting(change -> change.get("action").asString())
                .containsExactly("face_delete", "list_delete");

        UUID kept = createList(account, "kept");
        UUID keptMember = createFace(account, "\"lists\":[\"" + kept + "\"]");
        assertThat(as(account).send("DELETE", "/3/lists/" + kept).status()).isEqualTo(204);
        assertThat(ok(as(account).get("/3/faces/" + keptMember)).get("lists").size()).isZero();
    }

    @Test
    void listsAreDeletedInBulkAllOrNone() {
        UUID account = UUID.randomUUID();
        UUID a = createList(account, "a");
        UUID b = createList(account, "b");
        UUID member = createFace(account, "\"lists\":[\"" + b + "\"]");
        UUID foreign = createList(UUID.randomUUID(), "foreign");
        // another account's list among them: 22005 naming it, nothing deleted
        HttpProbe.Answer refused = as(account).send("DELETE", "/3/lists", "application/json",
                ("{\"list_ids\":[\"" + a + "\",\"" + foreign + "\"]}").getBytes());
        assertLunaError(refused, 22005);
        assertThat(refused.json().get("detail").asString()).contains(foreign.toString());
        assertThat(as(account).get("/3/lists/" + a).status()).isEqualTo(200);

        HttpProbe.Answer deleted = as(account).send("DELETE", "/3/lists?with_faces=1", "application/json",
                ("{\"list_ids\":[\"" + a + "\",\"" + b + "\",\"" + a + "\"]}").getBytes());
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(as(account).get("/3/lists/" + a).status()).isEqualTo(404);
        assertThat(as(account).get("/3/lists/" + b).status()).isEqualTo(404);
        assertThat(as(account).get("/3/faces/" + member).status()).isEqualTo(404);
        assertThat(as(UUID.randomUUID()).send("DELETE", "/3/lists", "application/json", "{\"list_ids\":[]}".getBytes())
                .status()).isEqualTo(400);
    }

    @Test
    void anotherAccountCannotSeeChangeLinkOrDeleteAList() {
        UUID owner = UUID.randomUUID();
        UUID intruder = UUID.randomUUID();
        UUID list = createList(owner, "private");
        UUID face = createFace(owner, "\"lists\":[\"" + list + "\"]");
        UUID intruderFace = createFace(intruder, "");

        for (HttpProbe.Answer refused : List.of(as(intruder).get("/3/lists/" + list),
                as(intruder).send("HEAD", "/3/lists/" + list),
                as(intruder).send("PATCH", "/3/lists/" + list, "application/json", "{\"user_data\":\"x\"}".getBytes()),
                as(intruder).send("DELETE", "/3/lists/" + list + "?with_faces=1"),
                as(intruder).get("/3/faces/descriptors?list_id=" + list))) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
        }
        // linking into someone else's list, or someone else's face into one's own list
        assertLunaError(link(intruder, "attach", list, intruderFace), 22005);
        assertLunaError(link(intruder, "detach", list, face), 22005);
        UUID intruderList = createList(intruder, "mine");
        assertLunaError(link(intruder, "attach", intruderList, face), 22004);
        // a face of another account is not an accepted list member at creation either
        assertThat(as(intruder).post("/3/faces", faceBody("\"lists\":[\"" + list + "\"]")).status()).isEqualTo(400);

        assertThat(count(as(intruder).get("/3/lists/count"), "lists_count")).isEqualTo(1);
        assertThat(listIds(as(intruder).get("/3/lists?list_ids=" + list))).isEmpty();
        assertThat(FacesApiTest.ids(as(intruder).get("/3/faces?list_id=" + list))).isEmpty();
        assertThat(changes(intruder, "after_key=0&list_id=" + list)).isEmpty();
        assertThat(as(intruder).get("/3/lists/changes?account_id=" + owner).status()).isEqualTo(403);

        JsonNode still = ok(as(owner).get("/3/lists/" + list));
        assertThat(still.get("user_data").asString()).isEqualTo("private");
        assertThat(still.get("face_count").asInt()).isEqualTo(1);
        assertThat(ok(asAdvanced(intruder).get("/3/lists/" + list)).get("list_id").asString()).isEqualTo(list.toString());
        assertThat(count(asAdvanced(intruder).get("/3/lists/count?account_id=" + owner), "lists_count")).isEqualTo(1);
        assertThat(changes(asAdvanced(intruder), "after_key=0&account_id=" + owner)).isNotEmpty();
    }

    /**
     * Concurrent linkers while a reader follows the feed: every key the reader saw is in the final
     * feed and nothing in the final feed was skipped by the reader.
     */
    @Test
    void concurrentWritersNeverMakeAFollowingReaderSkipAKey() throws Exception {
        UUID account = UUID.randomUUID();
        UUID list = createList(account, "busy");
        long start = lastKey(account);
        List<UUID> faces = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            faces.add(createFace(account, ""));
        }
        long afterFaces = lastKey(account);
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        Future<?> reader = pool.submit(() -> {
            long after = afterFaces;
            while (true) {
                boolean last = !writing.get();
                JsonNode page = ok(as(account).get("/3/lists/changes?limit=3&after_key=" + after));
                page.get("changes").forEach(change -> seen.add(change.get("change_key").asLong()));
                after = page.get("last_key").asLong();
                if (last && !page.get("has_more").asBoolean()) {
                    return null;
                }
            }
        });
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            List<UUID> mine = faces.subList(w * 6, w * 6 + 6);
            writers.add(pool.submit(() -> {
                for (int round = 0; round < 3; round++) {
                    for (UUID face : mine) {
                        assertThat(link(account, "attach", list, face).status()).isEqualTo(200);
                        assertThat(link(account, "detach", list, face).status()).isEqualTo(200);
                    }
                }
                return null;
            }));
        }
        for (Future<?> writer : writers) {
            writer.get();
        }
        writing.set(false);
        reader.get();
        pool.shutdown();

        List<Long> all = changes(account, "after_key=" + afterFaces + "&limit=10000").stream()
                .map(change -> change.get("change_key").asLong()).toList();
        assertThat(all).hasSize(4 * 6 * 3 * 2);
        assertThat(new ArrayList<>(seen)).containsExactlyElementsOf(all);
        assertThat(start).isLessThan(afterFaces);
    }

    @Autowired
    ChangeLog changeLog;
    @Autowired
    PlatformTransactionManager transactions;

    /**
     * The race that makes a follower skip a key: transaction A takes key K and has not committed,
     * transaction B takes K+1 and commits. A reader must not see K+1 before K is decided, else it
     * moves its cursor past K. Here A holds its transaction open while B tries to write and a reader
     * reads: the reader's answer must be a prefix of the final feed.
     */
    @Test
    void aReaderNeverSeesALaterKeyWhileAnEarlierOneIsUncommitted() throws Exception {
        UUID account = UUID.randomUUID();
        long start = lastKey(account);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        CountDownLatch aHasKey = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> a = pool.submit(() -> tx.executeWithoutResult(status -> {
            changeLog.lock();
            changeLog.record(account, List.of(new ChangeLog.Change(ChangeLog.LINK, UUID.randomUUID(),
                    UUID.randomUUID())), OffsetDateTime.now());
            aHasKey.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(aHasKey.await(10, TimeUnit.SECONDS)).isTrue();
        Future<?> b = pool.submit(() -> tx.executeWithoutResult(status -> {
            changeLog.lock();
            changeLog.record(account, List.of(new ChangeLog.Change(ChangeLog.UNLINK, UUID.randomUUID(),
                    UUID.randomUUID())), OffsetDateTime.now());
        }));
        Thread.sleep(700); // time for B to commit, were it not held back
        List<Long> seenWhileAOpen = changes(account, "after_key=" + start).stream()
                .map(change -> change.get("change_key").asLong()).toList();
        release.countDown();
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);
        pool.shutdown();
        List<Long> all = changes(account, "after_key=" + start).stream()
                .map(change -> change.get("change_key").asLong()).toList();
        assertThat(all).hasSize(2);
        assertThat(all.subList(0, seenWhileAOpen.size())).as("what the reader saw while A was open")
                .containsExactlyElementsOf(seenWhileAOpen);
    }

    @Test
    void thePositionIsTheNewestKeyAndCoversEveryAcknowledgedWrite() {
        UUID account = UUID.randomUUID();
        UUID list = createList(account, "position");
        HttpProbe.Answer attach = link(account, "attach", list, createFace(account, ""));
        assertThat(attach.status()).as(attach.toString()).isEqualTo(200);
        long key = changes(account, "after_key=0&limit=10000").stream().mapToLong(c -> c.get("change_key").asLong())
                .max().orElse(0);
        long position = ok(as(account).get("/3/lists/changes/position")).get("position").asLong();
        assertThat(key).isPositive();
        assertThat(position).isGreaterThanOrEqualTo(key);
        // nothing newer than the position is in the feed
        assertThat(changes(HttpProbe.internal(port).with("X-Selene-Visibility", "all"), "after_key=" + position))
                .isEmpty();
    }

    private long lastKey(UUID account) {
        List<JsonNode> all = changes(account, "after_key=0&limit=10000");
        return all.isEmpty() ? 0 : all.getLast().get("change_key").asLong();
    }

    private List<JsonNode> changes(UUID account, String query) {
        return changes(as(account), query);
    }

    private List<JsonNode> changes(HttpProbe probe, String query) {
        JsonNode body = ok(probe.get("/3/lists/changes?" + query));
        List<JsonNode> out = new ArrayList<>();
        body.get("changes").forEach(out::add);
        return out;
    }

    static List<UUID> listIds(HttpProbe.Answer answer) {
        List<UUID> ids = new ArrayList<>();
        ok(answer).get("lists").forEach(list -> ids.add(UUID.fromString(list.get("list_id").asString())));
        return ids;
    }
}

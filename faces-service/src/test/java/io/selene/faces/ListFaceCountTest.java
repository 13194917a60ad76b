package io.selene.faces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A list's face_count is a stored column kept by triggers on list_face: after every way of adding or
 * removing members, GET /3/lists/{id} and the list page report the real membership.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ListFaceCountTest extends FacesTestSupport {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void faceCountFollowsCreatesLinksAndDeletes() {
        UUID account = UUID.randomUUID();
        UUID a = createList(account, "a");
        UUID b = createList(account, "b");
        assertFaceCount(account, a, 0);

        List<UUID> inA = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inA.add(createFace(account, "\"lists\":[\"" + a + "\"]"));
        }
        UUID inBoth = createFace(account, "\"lists\":[\"" + a + "\",\"" + b + "\"]");
        assertFaceCount(account, a, 5);
        assertFaceCount(account, b, 1);

        // linker: one new member, one already a member (no change), then detach two
        UUID loose = createFace(account, "");
        UUID other = createFace(account, "");
        assertThat(link(account, "attach", a, loose, inA.get(0)).status()).isEqualTo(200);
        assertFaceCount(account, a, 6);
        assertThat(link(account, "attach", b, loose, other).status()).isEqualTo(200);
        assertFaceCount(account, b, 3);
        assertThat(link(account, "detach", a, inA.get(1), other).status()).isEqualTo(200); // other: not in a
        assertFaceCount(account, a, 5);
        assertThat(link(account, "detach", b, other).status()).isEqualTo(200);
        assertThat(link(account, "detach", b, other).status()).isEqualTo(200); // no longer a member
        assertFaceCount(account, b, 2);

        // one by one, including the face in both lists
        assertThat(as(account).send("DELETE", "/3/faces/" + inA.get(2)).status()).isEqualTo(204);
        assertFaceCount(account, a, 4);
        assertThat(as(account).send("DELETE", "/3/faces/" + inBoth).status()).isEqualTo(204);
        assertFaceCount(account, a, 3);
        assertFaceCount(account, b, 1);

        // in bulk: two members of a (loose is also in b), a non-member and an unknown id
        HttpProbe.Answer deleted = as(account).send("DELETE", "/3/faces", "application/json",
                ("{\"face_ids\":[\"" + inA.get(3) + "\",\"" + loose + "\",\"" + other + "\",\"" + UUID.randomUUID()
                        + "\"]}").getBytes());
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.json().get("deleted").asInt()).isEqualTo(3);
        assertFaceCount(account, a, 1);
        assertFaceCount(account, b, 0);

        // deleting a list with its faces takes those faces out of the other lists too
        UUID c = createList(account, "c");
        UUID shared = createFace(account, "\"lists\":[\"" + a + "\",\"" + c + "\"]");
        createFace(account, "\"lists\":[\"" + c + "\"]");
        assertFaceCount(account, a, 2);
        assertFaceCount(account, c, 2);
        assertThat(as(account).send("DELETE", "/3/lists/" + c + "?with_faces=1").status()).isEqualTo(204);
        assertThat(as(account).get("/3/faces/" + shared).status()).isEqualTo(404);
        assertFaceCount(account, a, 1);

        // deleting a list without its faces leaves the other lists' counts alone
        assertThat(link(account, "attach", b, inA.get(0)).status()).isEqualTo(200);
        assertFaceCount(account, b, 1);
        assertThat(as(account).send("DELETE", "/3/lists/" + a).status()).isEqualTo(204);
        assertThat(as(account).get("/3/lists/" + a).status()).isEqualTo(404);
        assertFaceCount(account, b, 1);
        assertThat(as(account).get("/3/faces/" + inA.get(0)).status()).isEqualTo(200);
    }

    @Test
    void concurrentLinkersOfTheSameListEndWithTheExactCount() throws Exception {
        UUID account = UUID.randomUUID();
        UUID list = createList(account, "busy");
        List<UUID> faces = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            faces.add(createFace(account, ""));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> linkers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            List<UUID> mine = faces.subList(t * 15, t * 15 + 15);
            linkers.add(pool.submit(() -> {
                start.await();
                for (UUID face : mine) {
                    assertThat(link(account, "attach", list, face).status()).isEqualTo(200);
                }
                // detach every third one again
                for (int i = 0; i < mine.size(); i += 3) {
                    assertThat(link(account, "detach", list, mine.get(i)).status()).isEqualTo(200);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> linker : linkers) {
            linker.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertFaceCount(account, list, 2 * (15 - 5));
    }

    /**
     * Writers that bypass the service (plain SQL as bench/matcher-e2e does, FK cascades, overlapping
     * transactions without the feed lock) keep the count exact too.
     */
    @Test
    void plainSqlWritersAndCascadesKeepTheCountExact() throws Exception {
        UUID account = UUID.randomUUID();
        UUID first = createList(account, "first");
        UUID second = createList(account, "second");
        UUID third = createList(account, "third");
        // bench-style: faces and memberships inserted by SQL, 300 in one statement
        jdbc.sql("""
                INSERT INTO face (face_id, account_id, create_time)
                SELECT gen_random_uuid(), :account, now() FROM generate_series(1, 300)""")
                .param("account", account).update();
        List<UUID> faces = jdbc.sql("SELECT face_id FROM face WHERE account_id = :account ORDER BY face_id")
                .param("account", account).query(UUID.class).list();
        jdbc.sql("""
                INSERT INTO list_face (list_id, face_id, link_key)
                SELECT :list, face_id, nextval('change_key_seq') FROM face WHERE account_id = :account""")
                .param("list", first).param("account", account).update();
        assertFaceCount(account, first, 300);

        // two overlapping transactions add to the same list: the second waits for the first's row lock
        TransactionTemplate tx = new TransactionTemplate(transactions);
        CountDownLatch firstInserted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> a = pool.submit(() -> tx.executeWithoutResult(status -> {
            insert(second, faces.subList(0, 100));
            firstInserted.countDown();
            await(release);
        }));
        assertThat(firstInserted.await(10, TimeUnit.SECONDS)).isTrue();
        Future<?> b = pool.submit(() -> tx.executeWithoutResult(status -> insert(second, faces.subList(100, 150))));
        Thread.sleep(300);
        release.countDown();
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);
        assertFaceCount(account, second, 150);

        // statements that touch both lists, in opposite row orders, at the same time: no deadlock
        List<Future<?>> movers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            List<UUID> mine = faces.subList(150 + t * 75, 225 + t * 75);
            boolean reversed = t == 1;
            movers.add(pool.submit(() -> {
                for (int i = 0; i < mine.size(); i += 5) {
                    List<UUID> batch = mine.subList(i, i + 5);
                    tx.executeWithoutResult(status -> jdbc.sql("""
                            INSERT INTO list_face (list_id, face_id, link_key)
                            SELECT l, f, nextval('change_key_seq')
                            FROM unnest(CAST(:faces AS uuid[])) f,
                                 unnest(CAST(:lists AS uuid[])) WITH ORDINALITY AS u(l, n)
                            ORDER BY n
                            ON CONFLICT DO NOTHING""")
                            .param("faces", literal(batch))
                            .param("lists", "{" + (reversed ? third + "," + second : second + "," + third) + "}")
                            .update());
                }
                return null;
            }));
        }
        for (Future<?> mover : movers) {
            mover.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertFaceCount(account, second, 300);
        assertFaceCount(account, third, 150);

        // a move of memberships from one list to another (UPDATE of list_face)
        UUID fourth = createList(account, "fourth");
        jdbc.sql("UPDATE list_face SET list_id = :to WHERE list_id = :from AND face_id = ANY(CAST(:faces AS uuid[]))")
                .param("to", fourth).param("from", second).param("faces", literal(faces.subList(0, 40)))
                .update();
        assertFaceCount(account, second, 260);
        assertFaceCount(account, fourth, 40);

        // faces deleted by SQL: their memberships go by FK cascade
        jdbc.sql("DELETE FROM face WHERE face_id = ANY(CAST(:faces AS uuid[]))")
                .param("faces", literal(faces.subList(0, 120))).update();
        assertFaceCount(account, first, 180);
        assertFaceCount(account, second, 180);
        assertFaceCount(account, third, 150);
        assertFaceCount(account, fourth, 0);
    }

    private void insert(UUID list, List<UUID> faces) {
        jdbc.sql("""
                INSERT INTO list_face (list_id, face_id, link_key)
                SELECT :list, f, nextval('change_key_seq') FROM unnest(CAST(:faces AS uuid[])) f""")
                .param("list", list).param("faces", literal(faces)).update();
    }

    private static String literal(List<UUID> ids) {
        return "{" + String.join(",", ids.stream().map(UUID::toString).toList()) + "}";
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** face_count of GET /3/lists/{id} and of the list page equals the rows in list_face and {@code expected}. */
    private void assertFaceCount(UUID account, UUID list, long expected) {
        long stored = jdbc.sql("SELECT count(*) FROM list_face WHERE list_id = :list").param("list", list)
                .query(Long.class).single();
        assertThat(stored).as("rows of list_face").isEqualTo(expected);
        assertThat(ok(as(account).get("/3/lists/" + list)).get("face_count").asLong()).as("GET face_count")
                .isEqualTo(expected);
        JsonNode page = ok(as(account).get("/3/lists?list_ids=" + list));
        assertThat(page.get("lists")).hasSize(1);
        assertThat(page.get("lists").get(0).get("face_count").asLong()).as("page face_count").isEqualTo(expected);
    }
}

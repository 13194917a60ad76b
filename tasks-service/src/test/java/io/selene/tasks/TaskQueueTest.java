package io.selene.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.selene.tasks.engine.TaskStatus;
import io.selene.tasks.engine.TaskRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The work queue on real PostgreSQL (this instance runs no workers: {@code role=api}): claims with
 * {@code FOR UPDATE SKIP LOCKED} never hand one subtask to two workers, a lease that runs out lets another
 * worker claim the subtask, a worker whose lease was lost cannot complete it, cancel stops claiming, and
 * the last part queues the merge.
 */
@SpringBootTest(properties = "selene.tasks.role=api")
class TaskQueueTest {

    @Autowired
    TaskRepository store;

    private static JsonNode content() {
        return JsonNodeFactory.instance.objectNode().put("test", true);
    }

    /** Claims until the given task's subtask of the kind comes out (other tests' tasks are completed on the way). */
    private Optional<TaskRepository.Claim> claimOf(long task, String owner, Duration lease) {
        for (int i = 0; i < 200; i++) {
            Optional<TaskRepository.Claim> claim = store.claim(owner, lease);
            if (claim.isEmpty() || claim.get().taskId() == task) {
                return claim;
            }
            store.cancel(claim.get().taskId());
        }
        throw new AssertionError("no claim of task " + task);
    }

    private List<JsonNode> parts(int n) {
        List<JsonNode> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(JsonNodeFactory.instance.objectNode().put("n", i));
        }
        return parts;
    }

    @Test
    void aLeaseThatRanOutIsClaimedAgainAndTheFirstWorkerCanNoLongerCompleteIt() throws Exception {
        long task = store.create(UUID.randomUUID(), "gc", "", content(), 60);
        TaskRepository.Claim first = claimOf(task, "worker-a", Duration.ofMillis(800)).orElseThrow();
        assertThat(first.kind()).isEqualTo(TaskRepository.SPLIT);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(store.claim("worker-b", Duration.ofSeconds(30)).filter(c -> c.taskId() == task)).isEmpty();

        Thread.sleep(1200);
        TaskRepository.Claim second = claimOf(task, "worker-b", Duration.ofSeconds(30)).orElseThrow();
        assertThat(second.subtaskId()).isEqualTo(first.subtaskId());
        assertThat(second.attempts()).isEqualTo(2);

        assertThatThrownBy(() -> store.completeSplit(first, parts(3), List.of()))
                .isInstanceOf(TaskRepository.LeaseLostException.class);
        assertThat(store.find(task).orElseThrow().partsAll()).isZero();
        store.completeSplit(second, parts(3), List.of());
        TaskRepository.Task split = store.find(task).orElseThrow();
        assertThat(split.partsAll()).isEqualTo(3);
        assertThat(split.status()).isEqualTo(TaskStatus.IN_PROGRESS);
    }

    @Test
    void aHeartbeatKeepsTheLeaseAndReportsACancel() throws Exception {
        long task = store.create(UUID.randomUUID(), "gc", "", content(), 60);
        TaskRepository.Claim claim = claimOf(task, "worker-a", Duration.ofMillis(700)).orElseThrow();
        for (int i = 0; i < 4; i++) {
            Thread.sleep(400);
            assertThat(store.renew(List.of(claim.token()), Duration.ofMillis(700)))
                    .containsEntry(claim.token(), TaskRepository.Lease.HELD);
        }
        assertThat(store.claim("worker-b", Duration.ofSeconds(30)).filter(c -> c.taskId() == task)).isEmpty();
        store.cancel(task);
        assertThat(store.renew(List.of(claim.token()), Duration.ofMillis(700)))
                .containsEntry(claim.token(), TaskRepository.Lease.CANCELLED);
        UUID stranger = UUID.randomUUID();
        assertThat(store.renew(List.of(stranger), Duration.ofMillis(700))).containsEntry(stranger, TaskRepository.Lease.LOST);
    }

    @Test
    void concurrentWorkersNeverClaimOneSubtaskTwiceAndTheLastPartQueuesTheMerge() throws Exception {
        long task = store.create(UUID.randomUUID(), "gc", "", content(), 60);
        store.completeSplit(claimOf(task, "splitter", Duration.ofSeconds(30)).orElseThrow(), parts(60), List.of());
        Set<Long> claimed = ConcurrentHashMap.newKeySet();
        List<Long> all = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                String owner = "worker-" + w;
                workers.add(pool.submit(() -> {
                    while (true) {
                        Optional<TaskRepository.Claim> claim = store.claim(owner, Duration.ofSeconds(30));
                        if (claim.isEmpty()) {
                            return null;
                        }
                        if (claim.get().taskId() != task) {
                            store.cancel(claim.get().taskId());
                            continue;
                        }
                        all.add(claim.get().subtaskId());
                        claimed.add(claim.get().subtaskId());
                        if (claim.get().kind() == TaskRepository.PART) {
                            store.completePart(claim.get(), "{}".getBytes(), 1, List.of(), false);
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        // 60 parts and the merge, each claimed exactly once
        assertThat(all).hasSize(61).doesNotHaveDuplicates();
        TaskRepository.Task done = store.find(task).orElseThrow();
        assertThat(done.partsDone()).isEqualTo(60);
        assertThat(done.status()).isEqualTo(TaskStatus.COLLECTING_RESULTS);
    }

    @Test
    void aCancelledTaskIsNeverClaimedAgain() {
        long task = store.create(UUID.randomUUID(), "gc", "", content(), 60);
        store.completeSplit(claimOf(task, "splitter", Duration.ofSeconds(30)).orElseThrow(), parts(5), List.of());
        assertThat(store.cancel(task)).contains(TaskStatus.IN_PROGRESS);
        for (int i = 0; i < 50; i++) {
            Optional<TaskRepository.Claim> claim = store.claim("worker", Duration.ofSeconds(30));
            if (claim.isEmpty()) {
                break;
            }
            assertThat(claim.get().taskId()).isNotEqualTo(task);
            store.cancel(claim.get().taskId());
        }
        assertThat(store.subtasks(task, 10, 0)).extracting(TaskRepository.Subtask::status)
                .containsOnly(TaskStatus.CANCELLED);
        assertThat(store.cancel(task)).contains(TaskStatus.CANCELLED);
    }
}

package io.selene.tasks.types.erasure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.error.LunaException;
import io.selene.commons.json.StrictJson;
import io.selene.tasks.TasksErrors;
import io.selene.tasks.clients.AccountCalls;
import io.selene.tasks.engine.SubtaskRun;
import io.selene.tasks.engine.TaskRepository;
import io.selene.tasks.engine.TaskRequest;
import io.selene.tasks.engine.TaskResult;
import io.selene.tasks.engine.TaskRun;
import io.selene.tasks.engine.TaskType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code account_erasure} (Selene's; admins only): removes everything an account has, one part per owner,
 * so the task's progress says how far it got and a failed owner is tried again on its own. Each owner's
 * internal {@code DELETE /<v>/accounts/{id}/data} is idempotent, and so is every part: the task can run
 * again for the same account (also for an account deleted earlier without its data). The admin pages block
 * the account before they start it, so nothing new arrives meanwhile.
 */
@Component
public class AccountErasureTask implements TaskType {

    /** The parts in the order they are split: what the account makes new data with goes first. */
    private static final List<String> STEPS = List.of("handlers-service", "events-service", "faces-service",
            "image-store-service", "tasks-service", "accounts-service");
    private static final Map<String, String> PATHS = Map.of("handlers-service", "/1/accounts/{id}/data",
            "events-service", "/2/accounts/{id}/data", "faces-service", "/3/accounts/{id}/data",
            "image-store-service", "/1/accounts/{id}/data");

    /** How long the split waits for the account's running subtasks to stop (they see a cancel within a heartbeat). */
    private static final Duration RUNNING_WAIT = Duration.ofSeconds(60);

    private final TaskRepository tasks;

    private final StrictJson strict;

    public AccountErasureTask(TaskRepository tasks, StrictJson strict) {
        this.tasks = tasks;
        this.strict = strict;
    }

    @Override
    public String name() {
        return "account_erasure";
    }

    @Override
    public int code() {
        return 100;
    }

    @Override
    public String summary() {
        return "Erases an account (admins only): its handlers, verifiers, events, faces, lists, samples, images, "
                + "objects, tasks, tokens and the account itself, one part per owning service.";
    }

    @Override
    public String example() {
        return "{\"description\": \"erase a customer\", \"content\": {\"account_id\": "
                + "\"6d4a4f2c-8a53-4b7a-9f58-2c1d7c0e1a11\"}}";
    }

    @Override
    public JsonNode validate(JsonNode content, TaskRequest request) {
        UUID account = UUID.fromString(strict.read(content, ErasureContent.class, "content").accountId());
        JsonNode caller = request.calls().get("accounts-service", "/1/accounts/" + request.accountId(),
                Map.of("targets", "account_type"));
        if (!"admin".equals(caller.path("account_type").asString(""))) {
            throw TasksErrors.ERASURE_REFUSED.exception("only an admin account erases accounts");
        }
        if (account.equals(request.accountId())) {
            throw TasksErrors.ERASURE_REFUSED.exception("an admin cannot erase its own account");
        }
        ObjectNode stored = JsonNodeFactory.instance.objectNode();
        stored.put("account_id", account.toString());
        return stored;
    }

    /**
     * The account's own tasks go first, here: cancelled, then (once no worker runs one of their subtasks any
     * more, so no late merge writes a result object after Image Store's part) deleted; the other owners are
     * the parts.
     */
    @Override
    public List<JsonNode> split(TaskRun task) {
        UUID account = UUID.fromString(task.content().path("account_id").asString());
        tasks.taskIds(account).forEach(tasks::cancel);
        long until = System.nanoTime() + RUNNING_WAIT.toNanos();
        while (tasks.running(account) > 0) {
            task.checkCancelled();
            if (System.nanoTime() > until) {
                throw new IllegalStateException("tasks of account " + account + " still run; trying again later");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        int deletedTasks = tasks.deleteAccount(account);
        return STEPS.stream().map(step -> {
            ObjectNode part = JsonNodeFactory.instance.objectNode().put("service", step);
            if (step.equals("tasks-service")) {
                part.put("deleted", deletedTasks);
            }
            return (JsonNode) part;
        }).toList();
    }

    @Override
    public JsonNode run(SubtaskRun subtask) {
        UUID account = UUID.fromString(subtask.content().path("account_id").asString());
        String service = subtask.subtaskContent().path("service").asString();
        AccountCalls calls = subtask.calls();
        long deleted = switch (service) {
            case "tasks-service" -> subtask.subtaskContent().path("deleted").asLong(); // done by the split
            case "accounts-service" -> deleteAccount(calls, account);
            default -> calls.delete(service, PATHS.get(service).replace("{id}", account.toString()), null, null)
                    .path("deleted").asLong();
        };
        subtask.items(1);
        return JsonNodeFactory.instance.objectNode().put("service", service).put("deleted", deleted);
    }

    /** The account and its tokens, as the admin; an account already gone is done. */
    private static long deleteAccount(AccountCalls calls, UUID account) {
        try {
            calls.delete("accounts-service", "/1/accounts/" + account, null, null);
            return 1;
        } catch (LunaException e) {
            if (e.status().value() == 404) {
                return 0;
            }
            throw e;
        }
    }

    @Override
    public TaskResult merge(TaskRun task, PartialResults partials) {
        ObjectNode erased = JsonNodeFactory.instance.objectNode();
        partials.forEach(partial -> erased.put(partial.path("service").asString(), partial.path("deleted").asLong()));
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        // No account id: the result is an object of the admin's, and nothing stored may name the erased account.
        result.set("deleted", erased);
        return TaskResult.json(result.toString().getBytes(StandardCharsets.UTF_8));
    }
}

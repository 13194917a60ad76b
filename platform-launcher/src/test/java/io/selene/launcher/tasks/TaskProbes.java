package io.selene.launcher.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.selene.testsupport.HttpProbe;
import tools.jackson.databind.JsonNode;

/** What the task tests do through {@code /6}: create a task, wait for its end, read its result and errors. */
public final class TaskProbes {

    private TaskProbes() {
    }

    public static long create(HttpProbe api, String type, String body) {
        HttpProbe.Answer answer = api.post("/6/tasks/" + type, body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.header("Location")).isEqualTo("/6/tasks/" + answer.json().get("task_id").asLong());
        return answer.json().get("task_id").asLong();
    }

    /** Polls the task until it is done, failed or cancelled (at most {@code limit}). */
    public static JsonNode await(HttpProbe api, long task, Duration limit) {
        long until = System.nanoTime() + limit.toNanos();
        JsonNode view;
        do {
            HttpProbe.Answer answer = api.get("/6/tasks/" + task);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            view = answer.json();
            int status = view.get("task_status").asInt();
            if (status == 2 || status == 3 || status == 5) {
                return view;
            }
            sleep(100);
        } while (System.nanoTime() < until);
        throw new AssertionError("task " + task + " did not finish in " + limit + ": " + view);
    }

    /** Polls until the task ends; fails only when no part finished for {@code stall}. */
    static JsonNode awaitProgressing(HttpProbe api, long task, Duration stall) {
        int done = -1;
        long lastProgress = System.nanoTime();
        while (true) {
            JsonNode view = api.get("/6/tasks/" + task).json();
            int status = view.get("task_status").asInt();
            if (status == 2 || status == 3 || status == 5) {
                return view;
            }
            int now = view.get("count_task_parts_done").asInt();
            if (now != done) {
                done = now;
                lastProgress = System.nanoTime();
            }
            if (System.nanoTime() - lastProgress > stall.toNanos()) {
                throw new AssertionError("task " + task + " made no progress for " + stall + ": " + view);
            }
            sleep(200);
        }
    }

    static JsonNode done(HttpProbe api, long task) {
        JsonNode view = await(api, task, Duration.ofSeconds(120));
        assertThat(view.get("task_status").asInt()).as("task " + task + " " + view + " errors "
                + api.get("/6/tasks/" + task + "/errors").text()).isEqualTo(5);
        assertThat(view.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(view.get("count_task_parts_done").asInt()).isEqualTo(view.get("count_task_parts_all").asInt());
        return view;
    }

    static HttpProbe.Answer result(HttpProbe api, long task) {
        HttpProbe.Answer answer = api.get("/6/tasks/" + task + "/result");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer;
    }

    static List<JsonNode> errors(HttpProbe api, long task) {
        HttpProbe.Answer answer = api.get("/6/tasks/" + task + "/errors?page_size=1000");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<JsonNode> errors = new ArrayList<>();
        answer.json().get("errors").forEach(errors::add);
        return errors;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

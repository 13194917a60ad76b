package io.selene.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.tasks.engine.TaskRepository;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code /1/tasks} of this service alone (no owning services run here, and no workers: {@code role=api}):
 * body checks that need no owner, the account scope of every route, listing filters and pages, cancel and
 * delete, the result of a task that has none, and the registry in {@code /docs/spec}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "selene.tasks.role=api")
class TasksApiTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    TaskRepository store;

    private final UUID owner = UUID.randomUUID();
    private final UUID stranger = UUID.randomUUID();

    private HttpProbe as(UUID account) {
        return HttpProbe.internal(port, account);
    }

    private long stored(UUID account, String type) {
        return store.create(account, type, "stored " + type, JsonNodeFactory.instance.objectNode().put("x", 1), 60);
    }

    @Test
    void anUnknownTaskTypeIsAnUnknownRoute() {
        HttpProbe.Answer answer = as(owner).post("/1/tasks/no_such_type", "{\"content\": {}}");
        refused(answer, 404, 106);
    }

    @Test
    void badBodiesAreRefusedNamingTheField() {
        refused(as(owner).post("/1/tasks/gc", "[1, 2]"), 400, 102);
        refused(as(owner).post("/1/tasks/gc", "{not json"), 400, 102);
        HttpProbe.Answer unknown = as(owner).post("/1/tasks/gc", "{\"content\": {}, \"callbacks\": []}");
        refused(unknown, 400, 102);
        assertThat(unknown.json().get("detail").asString()).contains("callbacks");
        assertThat(as(owner).post("/1/tasks/gc", "{\"description\": \"x\"}").json().get("detail").asString())
                .contains("content");
        assertThat(as(owner).post("/1/tasks/gc", "{\"description\": \"" + "d".repeat(129) + "\", \"content\": {}}")
                .json().get("detail").asString()).contains("description");
        assertThat(as(owner).post("/1/tasks/gc", "{\"content\": {\"target\": \"faces\"}, \"result_storage_policy\": "
                + "{\"ttl\": 0}}").json().get("detail").asString()).contains("result_storage_policy.ttl");
        HttpProbe.Answer noFilters = as(owner).post("/1/tasks/gc", "{\"content\": {\"target\": \"events\"}}");
        refused(noFilters, 400, 102);
        assertThat(noFilters.json().get("detail").asString()).contains("content.filters");
        HttpProbe.Answer badTarget = as(owner).post("/1/tasks/gc", "{\"content\": {\"target\": \"lists\", "
                + "\"filters\": {\"list_id\": \"x\"}}}");
        assertThat(badTarget.json().get("detail").asString()).contains("content.target");
        HttpProbe.Answer accountFilter = as(owner).post("/1/tasks/exporter", "{\"content\": {\"objects_type\": "
                + "\"faces\", \"filters\": {\"account_id\": \"" + stranger + "\"}}}");
        refused(accountFilter, 400, 102);
        assertThat(accountFilter.json().get("detail").asString()).contains("content.filters.account_id");
        HttpProbe.Answer column = as(owner).post("/1/tasks/exporter", "{\"content\": {\"objects_type\": \"faces\", "
                + "\"targets\": [\"face_id\", \"password\"]}}");
        assertThat(column.json().get("detail").asString()).contains("content.targets[1]");
        HttpProbe.Answer group = as(owner).post("/1/tasks/reporter", "{\"content\": {\"objects_type\": \"events\", "
                + "\"group_by\": [{\"column\": \"handler_id\", \"period\": \"day\"}]}}");
        assertThat(group.json().get("detail").asString()).contains("content.group_by[0].period");
        HttpProbe.Answer target = as(owner).post("/1/tasks/additional_extract", "{\"content\": {\"extraction_target\": "
                + "\"body_descriptor\"}}");
        assertThat(target.json().get("detail").asString()).contains("content.extraction_target");
        HttpProbe.Answer list = as(owner).post("/1/tasks/linker", "{\"content\": {\"objects_type\": \"faces\"}}");
        assertThat(list.json().get("detail").asString()).contains("content.list_id");
        assertThat(store.count(new io.selene.tasks.engine.TaskQuery(java.util.Optional.of(owner),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty()))).as("nothing stored").isZero();
    }

    /** The content records refuse a body's shape with the field and the reason, before anything is asked or stored. */
    @Test
    void contentRecordsRefuseTheShapeWithTheirReason() {
        String events = "\"filters\": {\"create_time__lt\": \"now-1d\"}";
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("/1/tasks/gc|{\"content\": null}", "Bad field 'content': is required");
        refusals.put("/1/tasks/gc|{\"content\": {" + events + "}}", "Bad field 'content.target': is required");
        refusals.put("/1/tasks/gc|{\"content\": {\"target\": \"events\", " + events + ", \"dry_run\": 2}}",
                "Bad field 'content.dry_run': must be true or false");
        refusals.put("/1/tasks/gc|{\"content\": {\"target\": \"events\", " + events + ", \"colour\": 1}}",
                "Bad field 'content.colour': unknown field");
        refusals.put("/1/tasks/gc|{\"content\": {\"target\": \"events\", \"filters\": [1]}}",
                "Bad field 'content.filters': must be a JSON object");
        refusals.put("/1/tasks/gc|{\"content\": {\"target\": \"events\", " + events + "}, "
                + "\"result_storage_policy\": {\"ttl\": 0}}", "Bad field 'result_storage_policy.ttl': must be an "
                + "integer in 1..");
        refusals.put("/1/tasks/exporter|{\"content\": {\"targets\": [\"face_id\", \"\"]}}",
                "Bad field 'content.targets[1]': must be a string of 1..64 characters");
        refusals.put("/1/tasks/exporter|{\"content\": {\"format\": \"xml\"}}",
                "Bad field 'content.format': must be one of [csv, json]");
        refusals.put("/1/tasks/reporter|{\"content\": {\"group_by\": []}}",
                "Bad field 'content.group_by': must hold 1..3 {\"column\", \"period\"?}");
        refusals.put("/1/tasks/reporter|{\"content\": {\"group_by\": [{\"column\": \"create_time\"}], "
                + "\"aggregates\": [\"sum\"]}}", "Bad field 'content.aggregates[0]': must be one of [count, avg_age, "
                + "min_age, max_age]");
        refusals.put("/1/tasks/linker|{\"content\": {\"list_id\": \"nope\"}}",
                "Bad field 'content.list_id': must be a UUID");
        refusals.put("/1/tasks/linker|{\"content\": {\"create_list\": 1, \"list_data\": {\"user_data\": \""
                + "u".repeat(129) + "\"}}}", "Bad field 'content.list_data.user_data': must be 0..128 characters long");
        refusals.put("/1/tasks/clustering|{\"content\": {\"threshold\": 1.5}}",
                "Bad field 'content.threshold': must be a number in 0.0..1.0");
        refusals.put("/1/tasks/cross_match|{\"content\": {\"references\": {}, \"candidates\": {}, \"limit\": 101}}",
                "Bad field 'content.limit': must be an integer in 1..100");
        refusals.put("/1/tasks/cross_match|{\"content\": {\"references\": {\"objects_type\": \"lists\"}}}",
                "Bad field 'content.candidates': is required");
        refusals.put("/1/tasks/roc|{\"content\": {\"descriptor_version\": -1, \"markup\": {}}}",
                "Bad field 'content.descriptor_version': must be an integer in 0..2147483647");
        refusals.put("/1/tasks/estimator|{\"content\": {\"handler_id\": \"" + owner + "\", \"source\": "
                + "{\"source_type\": \"ftp\"}}}", "Bad field 'content.source.source_type': must be one of [zip, "
                + "image_store, s3, urls]");
        refusals.put("/1/tasks/estimator|{\"content\": {\"handler_id\": \"" + owner + "\", \"source\": "
                + "{\"source_type\": \"zip\", \"reference\": \"a\", \"bucket\": \"b\"}}}",
                "Bad field 'content.source.bucket': unknown field");
        refusals.put("/1/tasks/estimator|{\"content\": {\"handler_id\": \"" + owner + "\", \"source\": "
                + "{\"source_type\": \"urls\", \"urls\": []}}}",
                "Bad field 'content.source.urls': must be an array of 1..1000 strings");
        refusals.put("/1/tasks/account_erasure|{\"content\": {}}", "Bad field 'content.account_id': is required");
        refusals.put("/1/tasks/schedules|{\"cron\": \"0 3 * * *\", \"task\": {\"task_type\": \"gc\", "
                + "\"content\": {}, \"result_storage_policy\": {\"ttl\": 0}}}",
                "Bad field 'task.result_storage_policy.ttl': must be an integer in 1..");
        refusals.put("/1/tasks/schedules|{\"cron\": \"0 3 * * *\", \"action\": \"go\", \"task\": {}}",
                "Bad field 'action': must be one of [start, stop]");
        refusals.put("/1/tasks/schedules|{\"cron\": \"0 3 * * *\", \"task\": {\"task_type\": null, "
                + "\"content\": {}}}", "Bad field 'task.task_type': is required");
        refusals.forEach((request, detail) -> {
            String[] parts = request.split("\\|", 2);
            HttpProbe.Answer answer = as(owner).post(parts[0], parts[1]);
            refused(answer, 400, 102);
            assertThat(answer.json().get("detail").asString()).as(request).startsWith(detail);
        });
        assertThat(store.count(new io.selene.tasks.engine.TaskQuery(java.util.Optional.of(owner),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty()))).as("nothing stored").isZero();
    }

    @Test
    void anotherAccountsTaskIsNotFoundOnEveryRoute() {
        long task = stored(owner, "gc");
        for (String path : List.of("/1/tasks/" + task, "/1/tasks/" + task + "/subtasks", "/1/tasks/" + task + "/errors",
                "/1/tasks/" + task + "/result")) {
            refused(as(stranger).get(path), 404, 28001);
        }
        refused(as(stranger).send("PATCH", "/1/tasks/" + task, "application/json", "{}".getBytes()), 404, 28001);
        refused(as(stranger).send("DELETE", "/1/tasks/" + task), 404, 28001);
        assertThat(as(stranger).get("/1/tasks").json().get("tasks").toString()).doesNotContain("\"task_id\":" + task);
        refused(as(stranger).get("/1/tasks?account_id=" + owner), 403, 12042);
        // still there, untouched
        JsonNode mine = as(owner).get("/1/tasks/" + task).json();
        assertThat(mine.get("task_status").asInt()).isZero();
        assertThat(mine.get("account_id").asString()).isEqualTo(owner.toString());
        // an advanced caller reads it but cannot change it
        HttpProbe advanced = as(stranger).with("X-Selene-Visibility", "all");
        assertThat(advanced.get("/1/tasks/" + task).status()).isEqualTo(200);
        refused(advanced.send("DELETE", "/1/tasks/" + task), 404, 28001);
    }

    @Test
    void listingFiltersAndPages() {
        UUID account = UUID.randomUUID();
        long gc = stored(account, "gc");
        long exporter = stored(account, "exporter");
        long linker = stored(account, "linker");
        JsonNode all = as(account).get("/1/tasks").json().get("tasks");
        assertThat(all).hasSize(3);
        assertThat(all.get(0).get("task_id").asLong()).isEqualTo(linker);
        assertThat(all.get(0).get("task_type").asInt()).isEqualTo(4);
        assertThat(all.get(0).get("task_type_name").asString()).isEqualTo("linker");
        assertThat(all.get(0).get("progress").asDouble()).isZero();
        assertThat(as(account).get("/1/tasks?task_type=gc").json().get("tasks").get(0).get("task_id").asLong())
                .isEqualTo(gc);
        assertThat(as(account).get("/1/tasks?task_type=2").json().get("tasks").get(0).get("task_id").asLong())
                .isEqualTo(exporter);
        assertThat(as(account).get("/1/tasks?task_ids=" + gc + "," + linker).json().get("tasks")).hasSize(2);
        assertThat(as(account).get("/1/tasks?page=2&page_size=2").json().get("tasks")).hasSize(1);
        assertThat(as(account).get("/1/tasks/count?task_status=0").json().get("count").asLong()).isEqualTo(3);
        assertThat(as(account).get("/1/tasks?description=exporter").json().get("tasks")).hasSize(1);
        refused(as(account).get("/1/tasks?page_size=1001"), 400, 101);
        refused(as(account).get("/1/tasks?task_type=nope"), 400, 101);
        refused(as(account).get("/1/tasks?task_status=9"), 400, 101);
        refused(as(account).get("/1/tasks?colour=red"), 400, 101);
        refused(as(account).get("/1/tasks/abc"), 400, 101);
    }

    @Test
    void cancelDeleteAndTheResultOfATaskThatHasNone() {
        long task = stored(owner, "exporter");
        refused(as(owner).get("/1/tasks/" + task + "/result"), 404, 28018);
        refused(as(owner).send("PATCH", "/1/tasks/" + task, "application/json",
                "{\"action\": \"pause\"}".getBytes()), 400, 102);
        HttpProbe.Answer cancelled = as(owner).send("PATCH", "/1/tasks/" + task, "application/json", "{}".getBytes());
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("task_status").asInt()).isEqualTo(2);
        assertThat(cancelled.json().get("end_time").isNull()).isFalse();
        refused(as(owner).send("PATCH", "/1/tasks/" + task, "application/json", "{}".getBytes()), 400, 28100);
        refused(as(owner).get("/1/tasks/" + task + "/result"), 400, 28025);
        assertThat(as(owner).send("DELETE", "/1/tasks/" + task).status()).isEqualTo(204);
        refused(as(owner).get("/1/tasks/" + task), 404, 28001);
        refused(as(owner).get("/1/tasks/errors/999999999"), 404, 28003);
    }

    @Test
    void everyRegisteredTypeIsInTheOpenApiDocument() {
        String spec = HttpProbe.onPort(port).get("/docs/spec").text();
        for (String type : List.of("gc", "linker", "exporter", "reporter", "additional_extract", "estimator",
                "clustering", "cross_match", "roc")) {
            assertThat(spec).contains("/1/tasks/" + type);
        }
    }

    @Test
    void withoutWorkersATaskStaysPending() throws Exception {
        long task = stored(owner, "gc");
        Thread.sleep(Duration.ofMillis(600));
        assertThat(as(owner).get("/1/tasks/" + task).json().get("task_status").asInt()).isZero();
    }

    static void refused(HttpProbe.Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        io.selene.testsupport.ServiceConventionsTest.assertLunaError(answer, code);
    }
}

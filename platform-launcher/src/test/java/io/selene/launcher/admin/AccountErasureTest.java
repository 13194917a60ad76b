package io.selene.launcher.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import io.selene.launcher.TestPlatform;
import io.selene.launcher.tasks.TaskProbes;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestInfrastructure;
import io.selene.testsupport.TestPhotos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Deleting an account through the admin API erases it: an account with a list, a handler that stored a face
 * (linked to the list), samples, a source image and an event from a real photo, a verifier, an object, a
 * token and a task is blocked and erased by the {@code account_erasure} task; afterwards no row of any
 * schema names it and no stored file is its, while another account's data is untouched.
 */
class AccountErasureTest {

    private static TestPlatform platform;

    @BeforeAll
    static void platform() {
        platform = TestPlatform.shared();
    }

    @Test
    void anErasedAccountLeavesNoRowAndNoFile() throws Exception {
        TestPlatform.Account account = platform.newAccount();
        TestPlatform.Account neighbour = platform.newAccount();
        HttpProbe api = account.api();
        String list = created(api.post("/6/lists", "{\"user_data\": \"erasure\"}"), "list_id");
        String handler = created(api.post("/6/handlers", "{\"description\": \"erasure\", \"policies\": {"
                + "\"extract_policy\": {\"extract_face_descriptor\": 1, \"extract_basic_attributes\": 1},"
                + "\"storage_policy\": {\"face_policy\": {\"store_face\": 1, \"link_to_lists_policy\": [{\"list_id\": \""
                + list + "\"}]}, \"image_origin_policy\": {\"store_image\": 1}}}}"), "handler_id");
        HttpProbe.Answer events = api.post("/6/handlers/" + handler + "/events", "image/jpeg", TestPhotos.sample(1));
        assertThat(events.status()).as(events.toString()).isEqualTo(201);
        created(api.post("/6/verifiers", "{\"description\": \"door\"}"), "verifier_id");
        created(api.post("/6/objects", "{\"note\": \"erasure\"}"), "object_id");
        created(api.post("/6/accounts/tokens?grant_all_permissions=1", "{\"description\": \"erasure\"}"), "token_id");
        created(api.post("/6/tasks/gc", "{\"content\": {\"target\": \"faces\", \"filters\": {\"user_data\": "
                + "\"nobody\"}, \"dry_run\": 1}}"), "task_id");
        String neighboursList = created(neighbour.api().post("/6/lists", "{\"user_data\": \"stays\"}"), "list_id");

        Map<String, Long> before = rows(account.id());
        assertThat(before).containsKeys("accounts.accounts", "accounts.tokens", "faces.face", "faces.list",
                "events.event", "handlers.handler", "handlers.verifier", "tasks.task");
        assertThat(files(account.id())).as("samples, source image, object, task result").hasSizeGreaterThanOrEqualTo(3);

        HttpProbe.Answer notAdmin = neighbour.api().post("/6/tasks/account_erasure",
                "{\"content\": {\"account_id\": \"" + account.id() + "\"}}");
        assertThat(notAdmin.status()).as(notAdmin.toString()).isEqualTo(403);
        assertThat(notAdmin.json().get("error_code").asInt()).isEqualTo(28116);

        HttpProbe.Answer erasing = platform.admin().send("DELETE", "/6/admin/accounts/" + account.id());
        assertThat(erasing.status()).as(erasing.toString()).isEqualTo(202);
        long taskId = erasing.json().get("task_id").asLong();
        JsonNode task = TaskProbes.await(platform.admin(), taskId, Duration.ofSeconds(120));
        assertThat(task.get("task_status").asInt()).as(task.toString()).isEqualTo(5);
        assertThat(task.get("count_task_parts_done").asInt()).isEqualTo(6);
        JsonNode result = platform.admin().get("/6/tasks/" + taskId + "/result").json();
        assertThat(result.get("deleted").get("faces-service").asLong()).isPositive();
        assertThat(result.get("deleted").get("image-store-service").asLong()).isGreaterThanOrEqualTo(3);

        assertThat(rows(account.id())).as("rows naming the erased account").isEmpty();
        assertThat(files(account.id())).as("stored files of the erased account").isEmpty();
        assertThat(platform.admin().get("/6/accounts/" + account.id()).status()).isEqualTo(404);
        assertThat(account.api().get("/6/lists").status()).as("its login").isEqualTo(401);
        assertThat(neighbour.api().get("/6/lists/" + neighboursList).status()).isEqualTo(200);
        assertThat(rows(neighbour.id())).containsKeys("accounts.accounts", "faces.list");
    }

    private static String created(HttpProbe.Answer answer, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json().get(field).asString();
    }

    /** Every table of the platform's schemas with an {@code account_id} column → its rows of the account (only > 0). */
    private static Map<String, Long> rows(UUID account) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection db = TestInfrastructure.get().connect()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement columns = db.prepareStatement("SELECT table_schema || '.' || table_name "
                    + "FROM information_schema.columns WHERE column_name = 'account_id' AND table_schema NOT IN "
                    + "('pg_catalog', 'information_schema')");
                    ResultSet names = columns.executeQuery()) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            assertThat(tables).as("tables with account_id").hasSizeGreaterThan(10);
            for (String table : tables) {
                try (PreparedStatement count = db.prepareStatement("SELECT count(*) FROM " + table
                        + " WHERE account_id::text = ?")) {
                    count.setString(1, account.toString());
                    try (ResultSet n = count.executeQuery()) {
                        n.next();
                        if (n.getLong(1) > 0) {
                            counts.put(table, n.getLong(1));
                        }
                    }
                }
            }
        }
        return counts;
    }

    /** Files of the shared platform's Image Store whose stored metadata names the account. */
    private static List<Path> files(UUID account) throws IOException {
        byte[] id = account.toString().getBytes(StandardCharsets.US_ASCII);
        try (Stream<Path> all = Files.walk(Path.of("target", "shared-image-store"))) {
            return all.filter(Files::isRegularFile).filter(file -> contains(file, id)).toList();
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            return text.contains(new String(needle, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return false; // removed meanwhile (a sweeper)
        }
    }
}

package io.selene.admin.maintenance;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.selene.admin.accounts.AccountsClient;
import io.selene.commons.PlatformHeaders;
import io.selene.commons.client.InternalClients;
import io.selene.commons.json.JsonFields;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Maintenance of one account started by an admin as tasks-service tasks of that account (so they run on its
 * data only and show on the tasks page with their progress): {@code gc} of its events older than some days,
 * with their samples and image origins, and {@code additional_extract} of its faces' missing descriptors.
 */
@Component
public class Maintenance {

    public static final int MAX_DAYS = 36_500;

    private final AccountsClient accounts;
    private final RestClient tasks;
    private final Clock clock;

    public Maintenance(AccountsClient accounts, InternalClients clients, Clock clock) {
        this.accounts = accounts;
        this.tasks = clients.restClient("tasks-service");
        this.clock = clock;
    }

    /** Starts the gc of the account's events created more than {@code olderThanDays} days ago; the task id. */
    public long gcEvents(UUID admin, UUID accountId, int olderThanDays) {
        if (olderThanDays < 1 || olderThanDays > MAX_DAYS) {
            throw JsonFields.bad("older_than_days", "must be an integer in 1.." + MAX_DAYS);
        }
        accounts.get(admin, accountId);
        // The cut-off is fixed when the admin asks, not when a worker gets to the task.
        Instant before = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).minus(olderThanDays, ChronoUnit.DAYS);
        // Samples stay: a handler's face keeps the sample of the event it was made from, and the gc does not
        // know whether a face still uses one (removing it would break that face's sample and avatar).
        return start(accountId, "gc", "events older than " + olderThanDays + " days (admin)", Map.of("target", "events",
                "filters", Map.of("create_time__lt", before.toString()), "remove_samples", 0, "remove_image_origins", 1));
    }

    /** Starts the extraction of the descriptors the account's faces lack (of a version, or the default one). */
    public long reextractFaces(UUID admin, UUID accountId, Integer descriptorVersion) {
        accounts.get(admin, accountId);
        Map<String, Object> options = new LinkedHashMap<>();
        if (descriptorVersion != null) {
            options.put("descriptor_version", descriptorVersion);
        }
        options.put("missing", 1);
        return start(accountId, "additional_extract", "missing face descriptors (admin)", Map.of(
                "extraction_target", "face_descriptor", "options", options, "filters", Map.of("objects_type", "faces")));
    }

    private long start(UUID accountId, String type, String description, Map<String, Object> content) {
        return tasks.post().uri("/1/tasks/{type}", type)
                .header(PlatformHeaders.ACCOUNT_ID, accountId.toString()).header(PlatformHeaders.VISIBILITY, "account")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("description", description, "content", content))
                .retrieve().body(JsonNode.class).path("task_id").asLong();
    }
}

package io.selene.admin.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.selene.admin.caller.Admins;
import io.selene.admin.system.SystemInfo;
import io.selene.admin.tasks.TasksClient;
import io.selene.commons.error.LunaException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The system page (services, storage, licence), the tasks page (progress, cancel) and the style sheet. */
@RestController
@Hidden
public class SystemPages {

    private static final int PAGE_SIZE = 20;

    private final SystemInfo system;
    private final TasksClient tasks;
    private final Pages pages;
    private final JsonMapper json;
    private final byte[] css;

    public SystemPages(SystemInfo system, TasksClient tasks, Pages pages, JsonMapper json) throws java.io.IOException {
        this.system = system;
        this.tasks = tasks;
        this.pages = pages;
        this.json = json;
        try (var in = new ClassPathResource("admin/static/admin.css").getInputStream()) {
            this.css = in.readAllBytes();
        }
    }

    @GetMapping("/system")
    public ResponseEntity<String> system(HttpServletRequest request) {
        SystemInfo.Snapshot snapshot = system.snapshot();
        Map<String, Object> model = new LinkedHashMap<>(SystemInfo.view(snapshot));
        model.put("services", snapshot.services().stream().map(s -> Map.<String, Object>of("name", s.name(),
                "healthy", s.healthy(), "health", s.health(), "version", s.version())).toList());
        model.put("schemas", snapshot.schemas().stream().map(s -> Map.<String, Object>of("schema", s.schema(),
                "human_size", human(s.bytes()))).toList());
        model.put("buckets", snapshot.buckets().stream().map(b -> {
            Map<String, Object> bucket = new LinkedHashMap<>(b);
            bucket.put("human_bytes", human(((Number) b.get("bytes")).longValue()));
            return bucket;
        }).toList());
        model.put("bucketsError", snapshot.bucketsError());
        model.put("license", snapshot.license());
        model.put("licenseError", snapshot.licenseError());
        model.put("uptime", uptime(snapshot.uptimeSeconds()));
        // One row per service and route that has been called, busiest first within a service.
        model.put("requests", snapshot.requests().stream().flatMap(r -> r.error() != null
                ? java.util.stream.Stream.of(Map.<String, Object>of("service", r.service(), "error", r.error()))
                : r.routes().stream().map(route -> {
                    Map<String, Object> row = new LinkedHashMap<>(route);
                    row.put("service", r.service());
                    return row;
                })).toList());
        return pages.page(request, "system", "System", model);
    }

    @GetMapping("/tasks")
    public ResponseEntity<String> tasks(HttpServletRequest request, @RequestParam(defaultValue = "1") int page) {
        int current = Math.max(1, page);
        var admin = Admins.of(request).accountId();
        List<Map<String, Object>> rows = tasks.list(admin, current, PAGE_SIZE).stream().map(this::task).toList();
        long count = tasks.count(admin);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("tasks", rows);
        model.put("count", count);
        model.put("page", current);
        model.put("pages", Math.max(1, (count + PAGE_SIZE - 1) / PAGE_SIZE));
        return pages.page(request, "tasks", "Tasks", model);
    }

    @PostMapping("/tasks/{id}/cancel")
    public ResponseEntity<String> cancel(HttpServletRequest request, @PathVariable long id) {
        try {
            tasks.cancel(Admins.of(request).accountId(), id);
            Pages.flash(request, "Task " + id + " cancelled.", false);
        } catch (LunaException e) {
            Pages.flash(request, "Task " + id + " not cancelled: " + e.detail(), true);
        }
        return Pages.redirect(request, "/tasks");
    }

    @GetMapping("/static/admin.css")
    public ResponseEntity<byte[]> css() {
        return ResponseEntity.ok().header("Content-Type", "text/css; charset=utf-8")
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1))).body(css);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> task(JsonNode node) {
        Map<String, Object> task = new LinkedHashMap<>(json.convertValue(node, Map.class));
        int status = node.path("task_status").asInt();
        task.put("status_name", TasksClient.statusName(status));
        task.put("percent", Math.round(node.path("progress").asDouble() * 100));
        task.put("cancellable", status == 0 || status == 1 || status == 4);
        return task;
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String uptime(long seconds) {
        return String.format(java.util.Locale.ROOT, "%dd %02dh %02dm %02ds", seconds / 86400, seconds % 86400 / 3600,
                seconds % 3600 / 60, seconds % 60);
    }
}

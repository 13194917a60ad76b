package io.selene.commons.health;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /healthcheck}: 200 when every own connection answers, 502 naming the one that did not.
 * Non-critical checks that fail are listed as {@code degraded} and keep the 200.
 */
@RestController
@Tag(name = "service")
public class HealthController {

    private static final Logger log = LoggerFactory.getLogger(HealthController.class);

    private final List<HealthCheck> checks;

    public HealthController(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    @GetMapping(path = "/healthcheck", produces = "application/json")
    @Operation(summary = "Checks this service's own connections (database, Redis, storage)")
    public ResponseEntity<HealthReport> healthcheck() {
        long started = System.nanoTime();
        List<HealthReport.CheckResult> results = new ArrayList<>(checks.size());
        boolean healthy = true;
        for (HealthCheck check : checks) {
            HealthReport.CheckResult result = run(check);
            results.add(result);
            healthy &= result.ok() || !check.critical();
        }
        HealthReport report = new HealthReport(healthy ? "ok" : "failed", seconds(started), results);
        return ResponseEntity.status(healthy ? HttpStatus.OK : HttpStatus.BAD_GATEWAY).body(report);
    }

    private static HealthReport.CheckResult run(HealthCheck check) {
        long started = System.nanoTime();
        try {
            check.check();
            return new HealthReport.CheckResult(check.name(), "ok", seconds(started), null, check.warning());
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (!check.critical()) {
                return new HealthReport.CheckResult(check.name(), "degraded", seconds(started), reason, null);
            }
            log.warn("healthcheck '{}' failed: {}", check.name(), e.toString());
            return new HealthReport.CheckResult(check.name(), "failed", seconds(started), reason, null);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}

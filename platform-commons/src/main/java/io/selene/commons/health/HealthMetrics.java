package io.selene.commons.health;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The healthcheck as metrics, for the dashboards' PostgreSQL/Redis health: {@code selene.health}
 * (1 ok, 0 failed) and {@code selene.health.time} (seconds the check took), tagged {@code check}. Each
 * check runs when the registry reads the gauge (once per export step), at most once per 5 s.
 */
public class HealthMetrics implements MeterBinder {

    public static final String UP = "selene.health";
    public static final String TIME = "selene.health.time";
    private static final long MIN_INTERVAL_NANOS = 5_000_000_000L;

    private final List<HealthCheck> checks;

    public HealthMetrics(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (HealthCheck check : checks) {
            Probe probe = new Probe(check);
            Gauge.builder(UP, probe, Probe::up).tag("check", check.name()).register(registry);
            Gauge.builder(TIME, probe, Probe::seconds).tag("check", check.name()).baseUnit("seconds")
                    .register(registry);
        }
    }

    private static final class Probe {

        private final HealthCheck check;
        private long lastRun;
        private boolean ok;
        private double seconds;
        private boolean ran;

        Probe(HealthCheck check) {
            this.check = check;
        }

        synchronized double up() {
            refresh();
            return ok ? 1 : 0;
        }

        synchronized double seconds() {
            refresh();
            return seconds;
        }

        private void refresh() {
            long now = System.nanoTime();
            if (ran && now - lastRun < MIN_INTERVAL_NANOS) {
                return;
            }
            try {
                check.check();
                ok = true;
            } catch (Exception e) {
                ok = false;
            }
            seconds = (System.nanoTime() - now) / 1e9;
            lastRun = now;
            ran = true;
        }
    }
}

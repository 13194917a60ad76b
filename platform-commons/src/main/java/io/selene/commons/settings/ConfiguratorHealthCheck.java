package io.selene.commons.settings;

import io.selene.commons.health.HealthCheck;

/**
 * {@code configurator} in {@code /healthcheck}: degraded (still 200) while the service runs on its own
 * defaults or on stale values because the Configurator cannot be read, or while a changed setting
 * waits for a restart.
 */
public final class ConfiguratorHealthCheck implements HealthCheck {

    private final SettingsWatcher watcher;

    public ConfiguratorHealthCheck(SettingsWatcher watcher) {
        this.watcher = watcher;
    }

    @Override
    public String name() {
        return "configurator";
    }

    @Override
    public void check() {
        String problem = watcher.problem();
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    @Override
    public boolean critical() {
        return false;
    }
}

package io.selene.commons.settings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Pulls this service's settings from the Configurator at start (before any bean binds its settings)
 * and then every {@code selene.settings.pull-interval}. A change is put into the
 * {@link ConfiguratorPropertySource} and announced with a {@link SettingsChangedEvent}; live settings
 * rebind on it, the logger setting is applied at once, and a changed {@code restart} setting is
 * reported until the service restarts. A failed pull keeps the values in force (LUNA does the same);
 * at start that means the service's own defaults.
 */
public final class SettingsWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SettingsWatcher.class);

    private final String service;
    private final ConfiguratorPull pull;
    private final ConfiguratorPropertySource source;
    private final Duration interval;
    private final Clock clock;
    private final LogLevels logLevels;
    private final String loggerSetting;
    private ApplicationEventPublisher events;
    private ScheduledExecutorService scheduler;

    /** Values of the restart settings as the service started with them. */
    private volatile Map<String, String> startValues = Map.of();
    private volatile Instant lastSuccess;
    private volatile Instant failingSince;
    private volatile String lastFailure = "not pulled yet";
    private volatile boolean running;

    public SettingsWatcher(String service, String basePackage, ConfiguratorPull pull, ConfiguratorPropertySource source,
            Duration interval, Clock clock) {
        this.service = service;
        this.pull = pull;
        this.source = source;
        this.interval = interval;
        this.clock = clock;
        this.logLevels = new LogLevels(basePackage);
        this.loggerSetting = SettingNames.loggerSetting(service);
    }

    /** The first pull, before the context binds anything: no event, the values simply are there. */
    void pullAtStart() {
        pollOnce();
        startValues = restartValues();
    }

    void publishTo(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** One pull; answers whether values changed. */
    boolean pollOnce() {
        List<PulledSetting> pulled;
        try {
            pulled = pull.pull();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (failingSince == null) {
                failingSince = clock.instant();
                log.warn("{}: Configurator at {} not readable ({}); running on {}", service, pull.uri(), e,
                        lastSuccess == null ? "own defaults" : "the values pulled at " + lastSuccess);
            }
            lastFailure = e.toString();
            return false;
        }
        if (failingSince != null) {
            log.info("{}: Configurator readable again", service);
        }
        failingSince = null;
        lastSuccess = clock.instant();
        Map<String, String> before = settingValues(source.values());
        boolean changed = source.replace(pulled);
        if (changed) {
            Set<String> names = changedNames(before, settingValues(source.values()));
            log.info("{}: settings changed: {}", service, names);
            applyLogLevel();
            if (events != null) {
                events.publishEvent(new SettingsChangedEvent(this, names));
            }
        }
        return changed;
    }

    private void applyLogLevel() {
        Object level = source.getProperty(SettingNames.PROPERTY_PREFIX + loggerSetting + ".LOG_LEVEL");
        logLevels.apply(level == null ? null : level.toString());
    }

    /** What {@code /healthcheck} says about the Configurator; {@code null} when all is well. */
    public String problem() {
        if (lastSuccess == null) {
            return "Configurator at " + pull.uri() + " not readable (" + lastFailure + "): running on own defaults";
        }
        if (failingSince != null) {
            return "Configurator not readable since " + failingSince + " (" + lastFailure
                    + "): running on the values pulled at " + lastSuccess;
        }
        Set<String> pending = restartRequired();
        return pending.isEmpty() ? null : "restart needed to apply " + pending;
    }

    /** Restart settings whose value changed since this service started. */
    public Set<String> restartRequired() {
        return changedNames(startValues, restartValues());
    }

    private Map<String, String> restartValues() {
        Set<String> restartNames = new HashSet<>();
        source.settings().stream().filter(s -> !s.live()).forEach(s -> restartNames.add(s.name()));
        startValues.keySet().stream().map(SettingsWatcher::settingName).forEach(restartNames::add);
        Map<String, String> values = new LinkedHashMap<>();
        source.values().forEach((key, value) -> {
            if (restartNames.contains(settingName(key))) {
                values.put(key, value.toString());
            }
        });
        return values;
    }

    private static Map<String, String> settingValues(Map<String, Object> values) {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> copy.put(key, value.toString()));
        return copy;
    }

    private static Set<String> changedNames(Map<String, String> before, Map<String, String> after) {
        Set<String> names = new TreeSet<>();
        Set<String> keys = new HashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
            if (!Objects.equals(before.get(key), after.get(key))) {
                names.add(settingName(key));
            }
        }
        return names;
    }

    private static String settingName(String key) {
        String rest = key.substring(SettingNames.PROPERTY_PREFIX.length());
        int end = rest.length();
        for (int i = 0; i < rest.length(); i++) {
            if (rest.charAt(i) == '.' || rest.charAt(i) == '[') {
                end = i;
                break;
            }
        }
        return rest.substring(0, end);
    }

    @Override
    public void start() {
        applyLogLevel();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "selene-settings-" + service);
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(100, interval.toMillis());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                pollOnce();
            } catch (RuntimeException e) {
                log.warn("{}: applying pulled settings failed", service, e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

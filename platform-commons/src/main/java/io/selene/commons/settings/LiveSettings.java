package io.selene.commons.settings;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * A settings record that follows the Configurator: bound from {@code prefix} at start and bound again
 * whenever a pull changes a value, so callers that ask {@link #get()} per request see a change within
 * one pull interval. Records cannot be rebound in place (and Spring Cloud's refresh scope cannot proxy
 * them), so the holder swaps whole, immutable values. A value the record refuses (its constructor
 * throws) is logged and the previous one kept.
 */
public final class LiveSettings<T> implements Supplier<T>, ApplicationListener<SettingsChangedEvent> {

    private static final Logger log = LoggerFactory.getLogger(LiveSettings.class);

    private final Environment environment;
    private final String prefix;
    private final Class<T> type;
    private volatile T current;

    public LiveSettings(Environment environment, String prefix, Class<T> type) {
        this.environment = environment;
        this.prefix = prefix;
        this.type = type;
        this.current = bind();
    }

    @Override
    public T get() {
        return current;
    }

    @Override
    public void onApplicationEvent(SettingsChangedEvent event) {
        refresh();
    }

    /** Binds again; answers whether the value changed. */
    public boolean refresh() {
        T next;
        try {
            next = bind();
        } catch (RuntimeException e) {
            log.warn("{}: new values refused, keeping {}: {}", prefix, current, rootMessage(e));
            return false;
        }
        if (next.equals(current)) {
            return false;
        }
        log.info("{} now {}", prefix, next);
        current = next;
        return true;
    }

    private T bind() {
        return Binder.get(environment).bindOrCreate(prefix, type);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}

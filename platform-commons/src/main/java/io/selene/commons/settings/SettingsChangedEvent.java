package io.selene.commons.settings;

import java.util.Set;

import org.springframework.context.ApplicationEvent;

/** Published in a service's context when a pull brought new values; {@code names} are the settings that changed. */
public class SettingsChangedEvent extends ApplicationEvent {

    private final Set<String> names;

    public SettingsChangedEvent(Object source, Set<String> names) {
        super(source);
        this.names = Set.copyOf(names);
    }

    public Set<String> names() {
        return names;
    }
}

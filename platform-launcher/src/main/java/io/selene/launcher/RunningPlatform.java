package io.selene.launcher;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The services running in this JVM, by module name. */
public final class RunningPlatform implements AutoCloseable {

    private final Map<String, ConfigurableApplicationContext> contexts;

    RunningPlatform(Map<String, ConfigurableApplicationContext> contexts) {
        this.contexts = Collections.unmodifiableMap(new LinkedHashMap<>(contexts));
    }

    public Map<String, ConfigurableApplicationContext> contexts() {
        return contexts;
    }

    public int port(String service) {
        return ((WebServerApplicationContext) contexts.get(service)).getWebServer().getPort();
    }

    /** Stops the services in reverse start order (gateway first). */
    @Override
    public void close() {
        List<ConfigurableApplicationContext> reversed = new ArrayList<>(contexts.values());
        Collections.reverse(reversed);
        for (ConfigurableApplicationContext context : reversed) {
            if (context.isActive()) {
                context.close();
            }
        }
    }
}

package io.selene.backport;

import java.util.LinkedHashMap;
import java.util.Map;

import io.selene.commons.PlatformSettings;
import io.selene.commons.client.InternalClients;
import io.selene.commons.client.VersionClient;
import io.selene.commons.version.VersionInfo;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /4/version} and {@code /5/version}: the backport's version under LUNA's name for it (Backport 3 lists
 * {@code luna-backport3}, LP3's manual) with the versions of the {@code /6} services it stands on, under
 * LUNA's names; a service that does not answer is left out.
 */
@RestController
public class LegacyVersions {

    private static final Map<String, String> LUNA_NAMES = Map.of("faces-service", "luna-faces",
            "events-service", "luna-events", "handlers-service", "luna-handlers", "matcher-service",
            "luna-matcher-proxy", "tasks-service", "luna-tasks", "image-store-service", "luna-image-store",
            "api-service", "luna-api");

    private final InternalClients clients;
    private final PlatformSettings settings;

    public LegacyVersions(InternalClients clients, PlatformSettings settings) {
        this.clients = clients;
        this.settings = settings;
    }

    @GetMapping("/4/version")
    public Map<String, Object> backport3() {
        return versions(4, "luna-backport3");
    }

    @GetMapping("/5/version")
    public Map<String, Object> backport4() {
        return versions(5, "luna-backport4");
    }

    private Map<String, Object> versions(int api, String name) {
        VersionInfo own = VersionInfo.of(api, settings.service().version());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("Version", own);
        answer.put("LUNA PLATFORM", VersionInfo.of(6, settings.service().version()));
        answer.put(name, own);
        new java.util.TreeMap<>(LUNA_NAMES).forEach((service, luna) -> {
            try {
                answer.put(luna, clients.client(service, VersionClient.class).version().version());
            } catch (RuntimeException unreachable) {
                // left out: the legacy answer lists what it could reach
            }
        });
        return answer;
    }
}

package io.selene.api.version;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.selene.commons.PlatformSettings;
import io.selene.commons.client.FanOut;
import io.selene.commons.client.InternalClients;
import io.selene.commons.client.VersionClient;
import io.selene.commons.version.VersionInfo;
import io.selene.commons.version.VersionResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /version} of the platform: asks every configured service in parallel, each with a deadline. */
@RestController
@Tag(name = "service")
public class PlatformVersionController {

    private final VersionInfo own;
    private final String ownName;
    private final Map<String, VersionClient> clients = new TreeMap<>();
    private final Duration timeout;

    public PlatformVersionController(PlatformSettings properties, InternalClients internalClients,
            @Value("${selene.version.probe-timeout:2s}") Duration timeout) {
        this.own = VersionInfo.of(properties.service().apiVersion(), properties.service().version());
        this.ownName = properties.service().name();
        this.timeout = timeout;
        properties.services().keySet().stream()
                .filter(name -> !name.equals(ownName))
                .forEach(name -> clients.put(name, internalClients.client(name, VersionClient.class)));
    }

    @GetMapping(path = "/version", produces = "application/json")
    @Operation(summary = "Versions of the API and of every service it can reach")
    public PlatformVersion version() {
        Map<String, VersionInfo> reachable = new TreeMap<>();
        reachable.put(ownName, own);
        FanOut.Answers<String, VersionResponse> answers = FanOut.ask(clients.keySet(),
                name -> clients.get(name).version(), timeout);
        answers.answered().forEach((name, answer) -> reachable.put(name, answer.version()));
        List<String> unreachable = new ArrayList<>(answers.failed().keySet());
        return new PlatformVersion(own, reachable, unreachable);
    }
}

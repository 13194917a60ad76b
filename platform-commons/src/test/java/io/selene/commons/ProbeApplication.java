package io.selene.commons;

import java.time.Clock;
import java.util.Map;

import io.selene.commons.account.AccountContext;
import io.selene.commons.client.InternalClients;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.ValueType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A service with routes that exercise each error case of the platform conventions. */
@SpringBootApplication
@PlatformService(name = "probe-service", apiVersion = 1)
public class ProbeApplication {

    public record Greeting(String name, int times) {
    }

    @RestController
    static class ProbeController {

        private static final FilterSpec FACES = FilterSpec.paged()
                .list("face_ids", ValueType.UUID, 3)
                .range("create_time", ValueType.TIMESTAMP)
                .value("user_data", ValueType.STRING);

        private final Clock clock;
        private final InternalClients clients;

        ProbeController(Clock clock, InternalClients clients) {
            this.clock = clock;
            this.clients = clients;
        }

        @GetMapping("/probe/whoami")
        Map<String, Object> whoami(AccountContext account) {
            return Map.of("account_id", String.valueOf(account.accountId()), "visibility", account.visibility().header(),
                    "request_id", String.valueOf(org.slf4j.MDC.get("lunaRequestId")));
        }

        /** Calls this same service over HTTP as another service would. */
        @GetMapping("/probe/relay")
        String relay(@RequestParam("path") String path) {
            return clients.restClient("probe-service").get().uri(path).retrieve().body(String.class);
        }

        /** HEAD through the internal client: a downstream 404 has no body to read. */
        @GetMapping("/probe/relay-head")
        String relayHead(@RequestParam("path") String path) {
            clients.restClient("probe-service").head().uri(path).retrieve().toBodilessEntity();
            return "present";
        }

        @PostMapping(path = "/probe/greetings", consumes = "application/json")
        Map<String, Object> greet(@RequestBody Greeting greeting) {
            return Map.of("text", ("hello " + greeting.name() + " ").repeat(greeting.times()).trim());
        }

        @GetMapping("/probe/count")
        Map<String, Object> count(@RequestParam("limit") int limit) {
            return Map.of("limit", limit);
        }

        @GetMapping("/probe/faces")
        Map<String, Object> faces(HttpServletRequest request) {
            Filters filters = FACES.parse(request.getParameterMap(), clock);
            return Map.of("page", filters.page().page(), "page_size", filters.page().pageSize(),
                    "face_ids", filters.list("face_ids").orElse(java.util.List.of()).size());
        }

        @GetMapping("/probe/boom")
        Map<String, Object> boom() {
            throw new IllegalStateException("secret internal detail at com.example.Hidden");
        }

        @GetMapping("/probe/conflict")
        Map<String, Object> conflict() {
            throw PlatformErrors.BAD_QUERY.exception("custom detail 42");
        }
    }
}

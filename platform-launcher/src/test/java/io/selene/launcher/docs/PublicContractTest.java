package io.selene.launcher.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.selene.accounts.AccountsServiceApplication;
import io.selene.api.ApiServiceApplication;
import io.selene.api.gateway.RoutesOpenApi;
import io.selene.api.routing.PublicRoute;
import io.selene.api.routing.RoutingTable;
import io.selene.launcher.PlatformLauncher;
import io.selene.launcher.TestPlatform;
import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's {@code /docs/spec} is the public contract the clients are generated from: every route of
 * the routing table is in it with typed parameters, bodies and answers (LUNA's error body included), it
 * names no internal service or port, and {@code clients/openapi.json} is exactly what the gateway serves
 * (rewrite it with {@code -Dselene.docs.write=true} after changing a route or the overlay).
 */
class PublicContractTest {

    private static final Path COMMITTED = Path.of("..", "clients", "openapi.json");
    private static final Set<String> BODY_METHODS = Set.of("post", "put", "patch");
    /** Routes whose request has no body at all (the gateway passes nothing on). */
    private static final Set<String> NO_BODY = Set.of("POST /6/admin/accounts/{account_id}/tokens");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private static TestPlatform platform;
    private static JsonNode spec;
    private static String text;

    @BeforeAll
    static void start() {
        // The spec comes from the routing table and the overlay: the gateway and accounts are enough.
        platform = TestPlatform.start("contract", List.of(AccountsServiceApplication.class,
                ApiServiceApplication.class));
        HttpProbe.Answer answer = platform.api().get("/docs/spec");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        text = answer.text();
        spec = answer.json();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void everyRouteHasTypedParametersBodiesAndAnswers() {
        List<String> problems = new ArrayList<>();
        Set<String> operationIds = new TreeSet<>();
        List<PublicRoute> routes = platform.bean("api-service", RoutingTable.class).routes();
        for (PublicRoute route : routes) {
            String key = route.method().name() + " " + route.publicPath();
            JsonNode operation = spec.path("paths").path(route.publicPath())
                    .path(route.method().name().toLowerCase(Locale.ROOT));
            if (operation.isMissingNode()) {
                problems.add(key + ": not in /docs/spec");
                continue;
            }
            if (operation.has(RoutesOpenApi.MISSING)) {
                problems.add(key + " has no schema: " + operation.get(RoutesOpenApi.MISSING).asString());
                continue;
            }
            if (!operationIds.add(operation.path("operationId").asString(""))) {
                problems.add(key + ": operationId '" + operation.path("operationId").asString("") + "' missing or taken");
            }
            for (String variable : variables(route.publicPath())) {
                boolean typed = false;
                for (JsonNode parameter : operation.path("parameters")) {
                    typed |= variable.equals(parameter.path("name").asString(""))
                            && "path".equals(parameter.path("in").asString("")) && parameter.has("schema");
                }
                if (!typed) {
                    problems.add(key + ": path parameter " + variable + " without a schema");
                }
            }
            for (JsonNode parameter : operation.path("parameters")) {
                if (!parameter.has("$ref") && !parameter.has("schema")) {
                    problems.add(key + ": parameter " + parameter.path("name").asString("") + " without a schema");
                }
            }
            if (BODY_METHODS.contains(route.method().name().toLowerCase(Locale.ROOT)) && !NO_BODY.contains(key)) {
                JsonNode body = operation.path("requestBody").path("content");
                if (body.isEmpty()) {
                    problems.add(key + ": no request body");
                }
                body.properties().forEach(media -> {
                    if (!media.getValue().has("schema")) {
                        problems.add(key + ": request body " + media.getKey() + " without a schema");
                    }
                });
            }
            boolean success = false;
            for (var response : operation.path("responses").properties()) {
                String status = response.getKey();
                success |= status.startsWith("2") || status.equals("101");
                boolean answersBody = status.equals("200") || status.equals("201") || status.equals("202");
                if (answersBody && !route.method().name().equals("HEAD")
                        && !key.equals("POST /6/handlers/validator")) {
                    JsonNode content = response.getValue().path("content");
                    if (content.isEmpty()) {
                        problems.add(key + ": answer " + status + " without a body schema");
                    }
                }
            }
            if (!success) {
                problems.add(key + ": no success answer");
            }
            for (String error : List.of("400", "401", "403", "500")) {
                if (!operation.path("responses").has(error)) {
                    problems.add(key + ": no " + error + " answer");
                }
            }
        }
        assertThat(problems).as("/docs/spec is the public contract: every route typed").isEmpty();
        assertThat(routes).hasSizeGreaterThan(100);

        JsonNode error = spec.path("components").path("schemas").path("LunaError");
        assertThat(error.path("required").toString()).contains("error_code", "desc", "detail", "link");
        assertThat(spec.path("components").path("responses").path("NotFound").path("content")
                .path("application/json").path("schema").path("$ref").asString()).isEqualTo("#/components/schemas/LunaError");
        assertThat(spec.path("paths").path("/6/lists").path("post").path("requestBody").path("content")
                .path("application/json").has("example")).as("requests have examples").isTrue();
    }

    @Test
    void everyReferenceResolves() {
        List<String> unresolved = new ArrayList<>();
        references(spec, unresolved);
        assertThat(unresolved).as("$refs that lead nowhere").isEmpty();
    }

    @Test
    void theContractNamesNoInternalServiceOrPort() {
        for (Class<?> service : PlatformLauncher.SERVICES) {
            String name = PlatformLauncher.serviceName(service);
            if (!name.equals("api-service")) {
                assertThat(text.contains(name)).as("/docs/spec names the internal " + name).isFalse();
            }
        }
        for (String service : platform.services()) {
            if (!service.equals("api-service")) {
                assertThat(text.contains(":" + platform.port(service))).as("/docs/spec names the port of " + service)
                        .isFalse();
            }
        }
        assertThat(text).doesNotContain("/3/faces", "/1/handlers", "/2/events", "/1/buckets");
        assertThat(spec.path("paths").propertyNames())
                .allMatch(path -> RoutingTable.PUBLIC_PREFIXES.stream().anyMatch(path::startsWith));
    }

    @Test
    void clientsOpenapiJsonIsTheServedSpec() throws IOException {
        String served = JSON.writeValueAsString(spec) + "\n";
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        if (!committed.equals(served) && Boolean.getBoolean("selene.docs.write")) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
            return;
        }
        List<String> differences = new ArrayList<>();
        if (committed.isEmpty()) {
            differences.add("(no file)");
        } else {
            differences(JSON.readTree(committed), spec, "", differences);
        }
        assertThat(differences).as("clients/openapi.json is not what the gateway serves (first differences "
                        + "above), and the clients are generated from it: run ./mvnw -pl platform-launcher -am verify "
                        + "-Dtest=PublicContractTest -Dsurefire.failIfNoSpecifiedTests=false -Dselene.docs.write=true "
                        + "and commit the file")
                .isEmpty();
        assertThat(committed.equals(served)).as("clients/openapi.json's formatting: rewrite it with "
                + "-Dselene.docs.write=true").isTrue();
    }

    /** Where two documents differ, as JSON pointers (at most 20). */
    private static void differences(JsonNode committed, JsonNode served, String at, List<String> out) {
        if (out.size() >= 20 || committed.equals(served)) {
            return;
        }
        if (committed.isObject() && served.isObject()) {
            Set<String> names = new TreeSet<>(committed.propertyNames());
            names.addAll(served.propertyNames());
            for (String name : names) {
                String where = at + "/" + name.replace("~", "~0").replace("/", "~1");
                if (!committed.has(name)) {
                    out.add(where + ": served only");
                } else if (!served.has(name)) {
                    out.add(where + ": in the file only");
                } else {
                    differences(committed.get(name), served.get(name), where, out);
                }
            }
        } else {
            out.add(at + ": file " + abbreviate(committed) + ", served " + abbreviate(served));
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    private static List<String> variables(String path) {
        List<String> names = new ArrayList<>();
        var matcher = java.util.regex.Pattern.compile("\\{([^/}]+)}").matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static void references(JsonNode node, List<String> unresolved) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isString()) {
                String pointer = ref.asString();
                if (!pointer.startsWith("#/") || spec.at(pointer.substring(1)).isMissingNode()) {
                    unresolved.add(pointer);
                }
            }
            node.forEach(child -> references(child, unresolved));
        } else if (node.isArray()) {
            node.forEach(child -> references(child, unresolved));
        }
    }
}

package io.selene.api.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.selene.api.routing.PublicRoute;
import io.selene.api.routing.RoutingTable;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The gateway's {@code /docs/spec}: the public contract, one operation per route of the routing table.
 * The services read their bodies by hand (LUNA's snake_case shapes, strict field checks), so their own
 * springdoc specs have no usable schemas; the typed parameters, bodies, answers and examples of each
 * route come from {@code openapi/overlay.json} (key {@code "METHOD /6/path"}, an OpenAPI Operation).
 * This class adds what every route shares: path parameters, the permission, security and LUNA's error
 * answers. A route without an overlay entry is still listed, marked {@value #MISSING}, and
 * platform-launcher's PublicContractTest fails on it.
 */
@Component
public class RoutesOpenApi implements OpenApiCustomizer {

    /** Extension marking a route that has no entry in the overlay (the hint says how to add one). */
    public static final String MISSING = "x-selene-missing-schema";
    static final String OVERLAY = "openapi/overlay.json";

    private static final Pattern VARIABLE = Pattern.compile("\\{([^/}]+)}");

    private final RoutingTable table;
    private final JsonNode overlay;

    public RoutesOpenApi(RoutingTable table) {
        this.table = table;
        try (InputStream in = RoutesOpenApi.class.getClassLoader().getResourceAsStream(OVERLAY)) {
            if (in == null) {
                throw new IllegalStateException("No " + OVERLAY + " on the classpath");
            }
            this.overlay = Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable " + OVERLAY, e);
        }
    }

    @Override
    public void customise(OpenAPI openApi) {
        ObjectMapper json = Json.mapper();
        try {
            openApi.setInfo(json.treeToValue(overlay.get("info"), Info.class)
                    .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")));
            // The first is the generated clients' default; Swagger UI offers the second to send its requests to
            // the gateway that served the page, wherever it runs.
            openApi.setServers(List.of(new Server().url("http://127.0.0.1:5000")
                    .description("the gateway as bin/platform up starts it"),
                    new Server().url("/").description("the gateway serving this document")));
            openApi.setComponents(json.treeToValue(overlay.get("components"), Components.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Bad info or components in " + OVERLAY, e);
        }
        openApi.getComponents()
                .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("Account login (e-mail) and password"))
                .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .bearerFormat("JWT").description("Token from POST /6/accounts/tokens"));
        // Only the routing table is public: the gateway's own catch-all proxy mapping is not an API.
        Paths paths = new Paths();
        JsonNode routes = overlay.get("routes");
        for (PublicRoute route : table.routes()) {
            String key = route.method().name() + " " + route.publicPath();
            JsonNode entry = routes.get(key);
            Operation operation;
            try {
                operation = entry == null ? missing(key) : json.treeToValue(entry, Operation.class);
            } catch (IOException e) {
                throw new UncheckedIOException("Bad operation '" + key + "' in " + OVERLAY, e);
            }
            complete(route, operation);
            paths.computeIfAbsent(route.publicPath(), path -> new PathItem())
                    .operation(PathItem.HttpMethod.valueOf(route.method().name()), operation);
        }
        openApi.setPaths(paths);
        openApi.setTags(null);
    }

    private static Operation missing(String key) {
        Operation operation = new Operation().summary(key).responses(new ApiResponses()
                .addApiResponse("200", new ApiResponse().description("not described yet")));
        operation.addExtension(MISSING, "add \"" + key + "\" under \"routes\" in api-service/src/main/resources/"
                + OVERLAY + ": an OpenAPI Operation with operationId, parameters (query), requestBody and "
                + "responses whose schemas are in \"components\"");
        return operation;
    }

    /** What every public route has: its tag, path variables, permission, security and error answers. */
    private static void complete(PublicRoute route, Operation operation) {
        String[] segments = route.publicPath().split("/");
        if (operation.getTags() == null || operation.getTags().isEmpty()) {
            operation.addTagsItem(segments[2]);
        }
        if (operation.getOperationId() == null) {
            operation.setOperationId(defaultOperationId(route));
        }
        String permission = "Needs the permission '" + route.permission().action() + "' on '"
                + route.permission().object() + "'.";
        operation.setDescription(operation.getDescription() == null ? permission
                : operation.getDescription() + "\n\n" + permission);
        List<String> variables = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(route.publicPath());
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }
        List<Parameter> parameters = new ArrayList<>();
        for (String variable : variables) {
            boolean declared = operation.getParameters() != null && operation.getParameters().stream()
                    .anyMatch(p -> "path".equals(p.getIn()) && variable.equals(p.getName()));
            if (!declared) {
                parameters.add(new PathParameter().name(variable).required(true).schema(pathSchema(variable)));
            }
        }
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        operation.setParameters(parameters.isEmpty() ? null : parameters);
        operation.setSecurity(List.of(new SecurityRequirement().addList("basic"),
                new SecurityRequirement().addList("bearer")));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "BadRequest");
        errors.put("401", "Unauthorized");
        errors.put("403", "Forbidden");
        if (!variables.isEmpty()) {
            errors.put("404", "NotFound");
        }
        errors.put("500", "InternalError");
        errors.forEach((status, name) -> {
            if (!responses.containsKey(status)) {
                responses.addApiResponse(status, new ApiResponse().$ref("#/components/responses/" + name));
            }
        });
        operation.setResponses(responses);
    }

    /** Ids of stored objects are UUIDs; task and task-error ids are positive integers; the rest text. */
    private static Schema<?> pathSchema(String variable) {
        if (variable.equals("task_id") || variable.equals("error_id")) {
            return new Schema<>().type("integer").format("int64").minimum(java.math.BigDecimal.ONE);
        }
        if (variable.endsWith("_id")) {
            return new Schema<>().type("string").format("uuid");
        }
        return new Schema<>().type("string");
    }

    /** {@code GET /6/faces/{face_id}/attributes} → {@code getFacesFaceIdAttributes}. */
    static String defaultOperationId(PublicRoute route) {
        StringBuilder id = new StringBuilder(route.method().name().toLowerCase(Locale.ROOT));
        Iterator<String> words = List.of(route.publicPath().substring(3).split("[/_{}]+")).iterator();
        while (words.hasNext()) {
            String word = words.next();
            if (!word.isEmpty()) {
                id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return id.toString();
    }
}

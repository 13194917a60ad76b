package io.selene.api.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.selene.api.routing.PublicRoute;
import io.selene.api.routing.RoutingTable;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Lists every route of the routing table in the API's {@code /docs/spec}: the public path, the service
 * that answers it and the permission a token needs, with Basic and Bearer as the security schemes.
 * The request and response bodies are described in the owning service's own {@code /docs/spec}.
 */
@Component
public class RoutesOpenApi implements OpenApiCustomizer {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^/}]+)}");

    private final RoutingTable table;

    public RoutesOpenApi(RoutingTable table) {
        this.table = table;
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents()
                .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("Account login (e-mail) and password"))
                .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .bearerFormat("JWT").description("Token from POST /6/accounts/tokens"));
        if (openApi.getPaths() == null) {
            openApi.setPaths(new Paths());
        }
        for (PublicRoute route : table.routes()) {
            PathItem item = openApi.getPaths().computeIfAbsent(route.publicPath(), path -> new PathItem());
            Operation operation = new Operation()
                    .addTagsItem(route.service())
                    .summary(route.method() + " " + route.publicPath())
                    .description("Answered by " + route.service() + " (" + route.internalPath() + "). Needs the "
                            + "permission '" + route.permission().action() + "' on '" + route.permission().object()
                            + "'. Body and answer: see the /docs/spec of " + route.service() + ".")
                    .addSecurityItem(new SecurityRequirement().addList("basic"))
                    .addSecurityItem(new SecurityRequirement().addList("bearer"))
                    .responses(new ApiResponses()
                            .addApiResponse("401", new ApiResponse().description("No or bad credentials"))
                            .addApiResponse("403", new ApiResponse().description("ForbiddenByToken")));
            List<String> variables = new ArrayList<>();
            Matcher matcher = VARIABLE.matcher(route.publicPath());
            while (matcher.find()) {
                variables.add(matcher.group(1));
            }
            for (String variable : variables) {
                operation.addParametersItem(new PathParameter().name(variable).required(true));
            }
            item.operation(PathItem.HttpMethod.valueOf(route.method().name()), operation);
        }
    }
}

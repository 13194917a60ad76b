package io.selene.api.gateway;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import io.selene.testsupport.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * What the gateway answers on its own, before any service is asked (accounts-service points at a
 * closed port here): the whole-platform tests in platform-launcher cover the rest with real services.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "selene.services.accounts-service.url=http://127.0.0.1:9")
class GatewayWithoutAccountsTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void everyRouteNeedsCredentials() {
        HttpProbe.Answer none = HttpProbe.onPort(port).get("/6/accounts");
        assertThat(none.status()).isEqualTo(401);
        assertLunaError(none, 10001);
        HttpProbe.Answer forged = HttpProbe.onPort(port).get("/6/accounts",
                "X-Selene-Account-Id", "00000000-0000-0000-0000-000000000001", "X-Selene-Visibility", "all");
        assertThat(forged.status()).isEqualTo(401);
        HttpProbe.Answer scheme = HttpProbe.onPort(port).get("/6/accounts", "Authorization", "Digest abc");
        assertThat(scheme.status()).isEqualTo(401);
        assertLunaError(scheme, 10002);
        HttpProbe.Answer notBase64 = HttpProbe.onPort(port).get("/6/accounts", "Authorization", "Basic ***");
        assertThat(notBase64.status()).isEqualTo(401);
        assertLunaError(notBase64, 10002);
    }

    @Test
    void theLegacyAccountHeaderIsOffByDefault() {
        HttpProbe.Answer legacy = HttpProbe.onPort(port).get("/6/accounts",
                "Luna-Account-Id", "00000000-0000-0000-0000-000000000001");
        // LUNA's answer while the header is disabled: 403 with its code 11061
        assertThat(legacy.status()).isEqualTo(403);
        assertLunaError(legacy, 11061);
    }

    @Test
    void unknownRoutesAndMethodsAreLunaErrors() {
        HttpProbe.Answer unknown = HttpProbe.onPort(port).get("/6/no/such/thing");
        assertThat(unknown.status()).isEqualTo(404);
        assertLunaError(unknown, 106);
        HttpProbe.Answer method = HttpProbe.onPort(port).send("PUT", "/6/accounts");
        assertThat(method.status()).isEqualTo(405);
        assertLunaError(method, 106);
        assertThat(method.header("Allow")).isEqualTo("GET, POST");
    }

    @Test
    void accountsServiceDownIsA502NotA401() {
        HttpProbe.Answer answer = HttpProbe.onPort(port).get("/6/accounts", "Authorization", "Bearer abc.def.ghi");
        assertThat(answer.status()).isEqualTo(502);
        assertLunaError(answer, 11);
    }

    @Test
    void serviceRoutesStayOpen() {
        assertThat(HttpProbe.onPort(port).get("/healthcheck").status()).isEqualTo(200);
        assertThat(HttpProbe.onPort(port).get("/docs/spec").status()).isEqualTo(200);
        assertThat(HttpProbe.onPort(port).get("/docs/errors").text()).contains("10004", "ForbiddenByToken");
    }

    @Test
    void theSpecListsEveryRouteOfTheTable() {
        tools.jackson.databind.JsonNode spec = HttpProbe.onPort(port).get("/docs/spec").json();
        assertThat(spec.get("paths").has("/6/accounts/tokens/{token_id}")).isTrue();
        tools.jackson.databind.JsonNode put = spec.get("paths").get("/6/accounts/tokens/{token_id}").get("put");
        assertThat(put.get("description").asString()).contains("'modification' on 'account'")
                .doesNotContain("accounts-service");
        assertThat(put.get("operationId").asString()).isEqualTo("replaceToken");
        assertThat(put.at("/requestBody/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/TokenCreate");
        assertThat(put.at("/responses/401/$ref").asString()).isEqualTo("#/components/responses/Unauthorized");
        assertThat(spec.get("components").get("securitySchemes").has("bearer")).isTrue();
    }
}

package io.selene.accounts;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** Token lifecycle through accounts-service: create, use, list, get, replace, revoke, expire, tamper. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        AccountsTestSettings.LOGIN_PROPERTY, AccountsTestSettings.PASSWORD_PROPERTY,
        AccountsTestSettings.STRENGTH_PROPERTY})
class TokensApiTest {

    @Value("${local.server.port}")
    int port;

    HttpProbe as(UUID account) {
        return HttpProbe.internal(port, account);
    }

    HttpProbe.Answer bearer(String jwt) {
        return HttpProbe.internal(port).post("/1/auth", "{\"authorization\": \"Bearer " + jwt + "\"}");
    }

    UUID admin() {
        String basic = "Basic " + Base64.getEncoder().encodeToString((AccountsTestSettings.ADMIN_LOGIN + ":"
                + AccountsTestSettings.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpProbe.Answer answer = HttpProbe.internal(port).post("/1/auth", "{\"authorization\": \"" + basic + "\"}");
        return UUID.fromString(answer.json().get("account_id").asString());
    }

    UUID create(String type) {
        String login = "tok-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        HttpProbe.Answer answer = as(admin()).post("/1/accounts", "{\"login\": \"" + login
                + "\", \"password\": \"pw-123\", \"account_type\": \"" + type + "\"}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return UUID.fromString(answer.json().get("account_id").asString());
    }

    HttpProbe.Answer put(UUID account, String path, String json) {
        return as(account).send("PUT", path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tokenLifecycle() {
        UUID user = create("user");
        HttpProbe.Answer created = as(user).post("/1/accounts/tokens", "{\"description\": \"camera 7\", "
                + "\"permissions\": {\"face\": [\"view\", \"creation\", \"view\"], \"list\": [\"view\"]}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID tokenId = UUID.fromString(created.json().get("token_id").asString());
        String jwt = created.json().get("token").asString();
        assertThat(created.header("Location")).isEqualTo("/1/accounts/tokens/" + tokenId);
        assertThat(jwt.split("\\.")).hasSize(3);

        HttpProbe.Answer principal = bearer(jwt);
        assertThat(principal.status()).as(principal.toString()).isEqualTo(200);
        assertThat(principal.json().get("account_id").asString()).isEqualTo(user.toString());
        assertThat(principal.json().get("token_id").asString()).isEqualTo(tokenId.toString());
        assertThat(principal.json().get("visibility").asString()).isEqualTo("account");
        assertThat(principal.json().get("permissions").get("face").toString()).isEqualTo("[\"creation\",\"view\"]");
        assertThat(principal.json().get("permissions").has("event")).isFalse();

        JsonNode token = as(user).get("/1/accounts/tokens/" + tokenId).json();
        assertThat(token.get("description").asString()).isEqualTo("camera 7");
        assertThat(token.get("expiration_time").isNull()).isTrue();
        assertThat(token.has("token")).isFalse();
        JsonNode list = as(user).get("/1/accounts/tokens").json();
        assertThat(list.get("count").asLong()).isEqualTo(1);
        assertThat(list.get("tokens").get(0).get("token_id").asString()).isEqualTo(tokenId.toString());

        HttpProbe.Answer replaced = put(user, "/1/accounts/tokens/" + tokenId,
                "{\"permissions\": {\"event\": [\"view\"]}, \"description\": \"camera 8\"}");
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        JsonNode afterReplace = bearer(jwt).json();
        assertThat(afterReplace.get("permissions").has("face")).isFalse();
        assertThat(afterReplace.get("permissions").get("event").toString()).isEqualTo("[\"view\"]");
        assertThat(bearer(replaced.json().get("token").asString()).status()).isEqualTo(200);

        HttpProbe.Answer revoked = as(user).send("DELETE", "/1/accounts/tokens/" + tokenId);
        assertThat(revoked.status()).isEqualTo(204);
        HttpProbe.Answer refused = bearer(jwt);
        assertThat(refused.status()).isEqualTo(401);
        assertLunaError(refused, 11013);
        assertThat(as(user).get("/1/accounts/tokens/" + tokenId).status()).isEqualTo(404);
    }

    @Test
    void grantAllPermissionsGivesEveryObjectButOnlyViewOfAccounts() {
        UUID user = create("user");
        HttpProbe.Answer created = as(user).post("/1/accounts/tokens?grant_all_permissions=1", "{}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode permissions = bearer(created.json().get("token").asString()).json().get("permissions");
        for (String object : new String[] {"face", "list", "attribute", "handler", "verifier", "event", "sample",
                "image", "object", "task", "matching"}) {
            assertThat(permissions.get(object).toString()).as(object)
                    .contains("creation", "view", "modification", "deletion", "matching");
        }
        assertThat(permissions.get("account").toString()).isEqualTo("[\"view\"]");
    }

    @Test
    void anExpiredTokenIsRefusedAtOnce() throws Exception {
        UUID user = create("user");
        String soon = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(1).toString();
        HttpProbe.Answer created = as(user).post("/1/accounts/tokens",
                "{\"expiration_time\": \"" + soon + "\", \"permissions\": {\"face\": [\"view\"]}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String jwt = created.json().get("token").asString();
        assertThat(bearer(jwt).status()).isEqualTo(200);
        Thread.sleep(1500);
        HttpProbe.Answer expired = bearer(jwt);
        assertThat(expired.status()).isEqualTo(401);
        assertLunaError(expired, 11012);
    }

    @Test
    void aForgedOrTamperedTokenIsRefused() {
        UUID user = create("user");
        String jwt = as(user).post("/1/accounts/tokens", "{\"permissions\": {\"face\": [\"view\"]}}").json()
                .get("token").asString();
        String[] parts = jwt.split("\\.");
        String otherAccountClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace(user.toString(), UUID.randomUUID().toString()).getBytes(StandardCharsets.UTF_8));
        HttpProbe.Answer tampered = bearer(parts[0] + "." + otherAccountClaims + "." + parts[2]);
        assertThat(tampered.status()).isEqualTo(401);
        assertLunaError(tampered, 11011);
        HttpProbe.Answer unsigned = bearer(parts[0].replace(parts[0], Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))) + "." + parts[1] + ".");
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(bearer("not.a.jwt").status()).isEqualTo(401);
    }

    @Test
    void badTokenBodiesAreRefused() {
        UUID user = create("user");
        HttpProbe.Answer accountWrite = as(user).post("/1/accounts/tokens",
                "{\"permissions\": {\"account\": [\"view\", \"modification\"]}}");
        assertThat(accountWrite.status()).isEqualTo(400);
        assertThat(accountWrite.json().get("detail").asString()).contains("account");
        HttpProbe.Answer unknownObject = as(user).post("/1/accounts/tokens", "{\"permissions\": {\"spaceship\": [\"view\"]}}");
        assertThat(unknownObject.status()).isEqualTo(400);
        assertLunaError(unknownObject, 102);
        HttpProbe.Answer unknownAction = as(user).post("/1/accounts/tokens", "{\"permissions\": {\"face\": [\"fly\"]}}");
        assertThat(unknownAction.status()).isEqualTo(400);
        HttpProbe.Answer noPermissions = as(user).post("/1/accounts/tokens", "{}");
        assertThat(noPermissions.status()).isEqualTo(400);
        assertThat(noPermissions.json().get("detail").asString()).contains("permissions");
        HttpProbe.Answer past = as(user).post("/1/accounts/tokens",
                "{\"expiration_time\": \"2020-01-01T00:00:00Z\", \"permissions\": {}}");
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().get("detail").asString()).contains("expiration_time");
        HttpProbe.Answer badDate = as(user).post("/1/accounts/tokens",
                "{\"expiration_time\": \"tomorrow\", \"permissions\": {}}");
        assertThat(badDate.status()).isEqualTo(400);
        HttpProbe.Answer badVisibility = as(user).post("/1/accounts/tokens",
                "{\"visibility_area\": \"world\", \"permissions\": {}}");
        assertThat(badVisibility.status()).isEqualTo(400);
        assertThat(as(user).get("/1/accounts/tokens").json().get("count").asLong()).isZero();
    }

    @Test
    void visibilityAllNeedsAnAdvancedAccountAndFollowsItsType() {
        UUID user = create("user");
        HttpProbe.Answer userAll = as(user).post("/1/accounts/tokens",
                "{\"visibility_area\": \"all\", \"permissions\": {\"face\": [\"view\"]}}");
        assertThat(userAll.status()).isEqualTo(403);
        assertLunaError(userAll, 11004);

        UUID advanced = create("advanced_user");
        HttpProbe.Answer created = as(advanced).post("/1/accounts/tokens",
                "{\"visibility_area\": \"all\", \"permissions\": {\"face\": [\"view\"]}}");
        assertThat(created.status()).isEqualTo(201);
        String jwt = created.json().get("token").asString();
        assertThat(bearer(jwt).json().get("visibility").asString()).isEqualTo("all");

        HttpProbe.Answer demoted = as(admin()).send("PATCH", "/1/accounts/" + advanced, "application/json",
                "{\"account_type\": \"user\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(demoted.status()).isEqualTo(200);
        assertThat(bearer(jwt).json().get("visibility").asString()).isEqualTo("account");
    }

    @Test
    void anotherAccountsTokensAreInvisibleAndUntouchable() {
        UUID alice = create("user");
        UUID bob = create("user");
        HttpProbe.Answer created = as(bob).post("/1/accounts/tokens", "{\"permissions\": {\"face\": [\"view\"]}}");
        String tokenId = created.json().get("token_id").asString();
        String jwt = created.json().get("token").asString();

        assertThat(as(alice).get("/1/accounts/tokens/" + tokenId).status()).isEqualTo(404);
        assertThat(as(alice).get("/1/accounts/tokens").json().get("count").asLong()).isZero();
        HttpProbe.Answer listOther = as(alice).get("/1/accounts/tokens?account_id=" + bob);
        assertThat(listOther.status()).isEqualTo(403);
        HttpProbe.Answer replace = put(alice, "/1/accounts/tokens/" + tokenId, "{\"permissions\": {\"face\": "
                + "[\"view\", \"deletion\"]}}");
        assertThat(replace.status()).isEqualTo(404);
        assertLunaError(replace, 11003);
        assertThat(as(alice).send("DELETE", "/1/accounts/tokens/" + tokenId).status()).isEqualTo(404);
        assertThat(bearer(jwt).status()).isEqualTo(200);
        assertThat(bearer(jwt).json().get("permissions").get("face").toString()).isEqualTo("[\"view\"]");

        // Deleting the account revokes its tokens.
        assertThat(as(bob).send("DELETE", "/1/accounts/" + bob).status()).isEqualTo(204);
        assertThat(bearer(jwt).status()).isEqualTo(401);
    }

    @Test
    void theSigningKeyIsGeneratedOnceAndKept() throws SQLException {
        try (Connection connection = TestInfrastructure.get().connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*), min(length(secret)) FROM accounts.signing_keys")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
            assertThat(rows.getInt(2)).isEqualTo(32);
        }
    }
}

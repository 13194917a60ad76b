package io.selene.launcher.gateway;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.selene.api.ApiServiceApplication;
import io.selene.launcher.PlatformLauncher;
import io.selene.launcher.RunningPlatform;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** Accounts and tokens through the public {@code /6} API, with the real accounts-service behind the gateway. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayAccountsTest {

    private GatewayTestPlatform platform;

    @BeforeAll
    void start() {
        platform = GatewayTestPlatform.get();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void accountsAndTokensWorkThroughSix() {
        String login = "through-six-" + UUID.randomUUID().toString().substring(0, 8) + "@gateway.test";
        HttpProbe.Answer created = platform.admin().post("/6/accounts",
                "{\"login\": \"" + login + "\", \"password\": \"pw-one\", \"description\": \"door camera\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String accountId = created.json().get("account_id").asString();
        assertThat(created.header("Location")).isEqualTo("/6/accounts/" + accountId);
        assertThat(created.header("Luna-Request-Id")).matches("^\\d{10},[0-9a-f-]{36}$");

        HttpProbe user = platform.basic(login, "pw-one");
        JsonNode own = user.get("/6/accounts/" + accountId).json();
        assertThat(own.get("login").asString()).isEqualTo(login);
        assertThat(own.get("description").asString()).isEqualTo("door camera");
        assertThat(own.has("password")).isFalse();
        JsonNode list = user.get("/6/accounts?page_size=5").json();
        assertThat(list.get("count").asLong()).isEqualTo(1);

        HttpProbe.Answer token = user.post("/6/accounts/tokens", "{\"description\": \"read faces\", "
                + "\"permissions\": {\"face\": [\"view\"], \"account\": [\"view\"]}}");
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        String tokenId = token.json().get("token_id").asString();
        assertThat(token.header("Location")).isEqualTo("/6/accounts/tokens/" + tokenId);
        HttpProbe bearer = platform.anonymous().with("Authorization", "Bearer " + token.json().get("token").asString());

        assertThat(bearer.get("/6/accounts/" + accountId).status()).isEqualTo(200);
        JsonNode tokens = bearer.get("/6/accounts/tokens").json();
        assertThat(tokens.get("tokens").get(0).get("token_id").asString()).isEqualTo(tokenId);
        HttpProbe.Answer head = bearer.send("HEAD", "/6/accounts/tokens/" + tokenId);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();

        HttpProbe.Answer tokenMakesToken = bearer.post("/6/accounts/tokens", "{\"permissions\": {}}");
        assertThat(tokenMakesToken.status()).isEqualTo(403);
        assertLunaError(tokenMakesToken, 10004);
        assertThat(tokenMakesToken.json().get("detail").asString()).contains("'creation'", "'account'");

        HttpProbe.Answer replaced = user.send("PUT", "/6/accounts/tokens/" + tokenId, "application/json",
                json("{\"permissions\": {\"face\": [\"view\"]}}"));
        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        HttpProbe.Answer noLongerAllowed = bearer.get("/6/accounts/" + accountId);
        assertThat(noLongerAllowed.status()).isEqualTo(403);
        assertLunaError(noLongerAllowed, 10004);

        assertThat(user.send("DELETE", "/6/accounts/tokens/" + tokenId).status()).isEqualTo(204);
        HttpProbe.Answer revoked = bearer.get("/6/accounts/tokens");
        assertThat(revoked.status()).isEqualTo(401);
        assertLunaError(revoked, 11013);

        HttpProbe.Answer patched = user.send("PATCH", "/6/accounts/" + accountId, "application/json",
                json("{\"description\": \"gate camera\"}"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("description").asString()).isEqualTo("gate camera");
        assertThat(user.send("DELETE", "/6/accounts/" + accountId).status()).isEqualTo(204);
        assertThat(user.get("/6/accounts/" + accountId).status()).isEqualTo(401);
    }

    @Test
    void validationErrorsOfAccountsComeBackUnchanged() {
        HttpProbe.Answer bad = platform.admin().post("/6/accounts", "{\"login\": \"nope\", \"password\": \"pw-one\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertLunaError(bad, 102);
        HttpProbe.Answer badQuery = platform.admin().get("/6/accounts?nonsense=1");
        assertThat(badQuery.status()).isEqualTo(400);
        assertLunaError(badQuery, 101);
        HttpProbe.Answer unknownRoute = platform.admin().get("/6/accounts/tokens/x/y");
        assertThat(unknownRoute.status()).isEqualTo(404);
        assertLunaError(unknownRoute, 106);
    }

    @Test
    void forgedInternalHeadersAreStripped() {
        GatewayTestPlatform.Account alice = platform.account("user");
        GatewayTestPlatform.Account bob = platform.account("user");
        HttpProbe.Answer answer = platform.as(alice).get("/6/accounts", "X-Selene-Account-Id", bob.id().toString(),
                "X-Selene-Visibility", "all");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("count").asLong()).isEqualTo(1);
        assertThat(answer.json().get("accounts").get(0).get("account_id").asString()).isEqualTo(alice.id().toString());
        assertThat(platform.as(alice).get("/6/accounts/" + bob.id(), "X-Selene-Visibility", "all").status())
                .isEqualTo(404);
    }

    @Test
    void aUserNeverSeesAnotherAccountAndAnAdvancedUserOnlyReads() {
        GatewayTestPlatform.Account user = platform.account("user");
        GatewayTestPlatform.Account other = platform.account("user");
        HttpProbe.Answer userAsksOther = platform.as(user).get("/6/accounts?account_id=" + other.id());
        assertThat(userAsksOther.status()).isEqualTo(403);
        assertLunaError(userAsksOther, 12042);

        GatewayTestPlatform.Account advanced = platform.account("advanced_user");
        HttpProbe.Answer read = platform.as(advanced).get("/6/accounts?account_id=" + other.id());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("accounts").get(0).get("account_id").asString()).isEqualTo(other.id().toString());
        assertThat(platform.as(advanced).get("/6/accounts/" + other.id()).status()).isEqualTo(200);
        HttpProbe.Answer write = platform.as(advanced).send("PATCH", "/6/accounts/" + other.id(), "application/json",
                json("{\"description\": \"mine now\"}"));
        assertThat(write.status()).isIn(403, 404);

        // A token of the advanced user that is limited to its account reads only its own.
        GatewayTestPlatform.Token narrow = platform.token(advanced, "{\"visibility_area\": \"account\", "
                + "\"permissions\": {\"account\": [\"view\"]}}", false);
        HttpProbe.Answer narrowRead = platform.bearer(narrow).get("/6/accounts?account_id=" + other.id());
        assertThat(narrowRead.status()).isEqualTo(403);
        GatewayTestPlatform.Token wide = platform.token(advanced, "{\"visibility_area\": \"all\", "
                + "\"permissions\": {\"account\": [\"view\"]}}", false);
        assertThat(platform.bearer(wide).get("/6/accounts?account_id=" + other.id()).status()).isEqualTo(200);
    }

    @Test
    void repeatedWrongPasswordsLockTheLoginWith429() {
        GatewayTestPlatform.Account victim = platform.account("user");
        for (int i = 0; i < 5; i++) {
            HttpProbe.Answer wrong = platform.basic(victim.login(), "guess-" + i).get("/6/accounts");
            assertThat(wrong.status()).as("attempt " + i).isEqualTo(401);
        }
        HttpProbe.Answer locked = platform.as(victim).get("/6/accounts");
        assertThat(locked.status()).isEqualTo(429);
        assertLunaError(locked, 10005);
        assertThat(locked.json().get("detail").asString()).contains(victim.login());
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(1, 60);
        // Other logins are not affected.
        GatewayTestPlatform.Account bystander = platform.account("user");
        assertThat(platform.as(bystander).get("/6/accounts").status()).isEqualTo(200);
    }

    @Test
    void aChangedPasswordIsRefusedAtOnceDespiteTheLoginCache() {
        GatewayTestPlatform.Account account = platform.account("user");
        assertThat(platform.as(account).get("/6/accounts").status()).isEqualTo(200);
        HttpProbe.Answer changed = platform.as(account).send("PATCH", "/6/accounts/" + account.id(),
                "application/json", json("{\"password\": \"brand-new-password\"}"));
        assertThat(changed.status()).isEqualTo(200);
        HttpProbe.Answer old = platform.as(account).get("/6/accounts");
        assertThat(old.status()).isEqualTo(401);
        assertThat(platform.basic(account.login(), "brand-new-password").get("/6/accounts").status()).isEqualTo(200);
    }

    @Test
    void theLegacyAccountHeaderWorksOnlyWhenEnabled() {
        GatewayTestPlatform.Account account = platform.account("user");
        HttpProbe.Answer off = platform.anonymous().get("/6/accounts", "Luna-Account-Id", account.id().toString());
        assertThat(off.status()).isEqualTo(403);
        assertLunaError(off, 11061);

        java.util.Map<String, Object> infrastructure = TestInfrastructure.get().springProperties();
        try (RunningPlatform legacyApi = PlatformLauncher.start(List.of(ApiServiceApplication.class), name -> {
            List<String> args = new java.util.ArrayList<>(List.of("--server.port=0",
                    "--selene.gateway.allow-luna-account-id-header=true",
                    "--selene.services.accounts-service.url=http://127.0.0.1:" + platform.port("accounts-service")));
            infrastructure.forEach((key, value) -> args.add("--" + key + "=" + value));
            return args;
        }, 1)) {
            HttpProbe legacy = HttpProbe.onPort(legacyApi.port("api-service"));
            HttpProbe.Answer on = legacy.get("/6/accounts", "Luna-Account-Id", account.id().toString());
            assertThat(on.status()).as(on.toString()).isEqualTo(200);
            assertThat(on.json().get("accounts").get(0).get("account_id").asString()).isEqualTo(account.id().toString());
            HttpProbe.Answer unknown = legacy.get("/6/accounts", "Luna-Account-Id", UUID.randomUUID().toString());
            assertThat(unknown.status()).isEqualTo(401);
            HttpProbe.Answer notUuid = legacy.get("/6/accounts", "Luna-Account-Id", "not-a-uuid");
            assertThat(notUuid.status()).as("LUNA's answer to a header that is not a UUID").isEqualTo(400);
            assertLunaError(notUuid, 11037);
            GatewayTestPlatform.Account admin = platform.account("admin");
            HttpProbe.Answer adminLegacy = legacy.get("/6/accounts?account_id=" + account.id(),
                    "Luna-Account-Id", admin.id().toString());
            assertThat(adminLegacy.status()).as("the legacy header never sees other accounts").isEqualTo(403);
        }
    }
}

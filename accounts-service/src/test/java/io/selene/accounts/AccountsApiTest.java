package io.selene.accounts;

import static io.selene.testsupport.ServiceConventionsTest.assertLunaError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.UUID;

import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/** accounts-service's own API as the gateway calls it: accounts CRUD, validation, hashing, cross-account refusal. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        AccountsTestSettings.LOGIN_PROPERTY, AccountsTestSettings.PASSWORD_PROPERTY,
        AccountsTestSettings.STRENGTH_PROPERTY})
class AccountsApiTest {

    @Value("${local.server.port}")
    int port;

    // ---- helpers -------------------------------------------------------------------------------

    static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpProbe.Answer auth(String authorization) {
        return HttpProbe.internal(port).post("/1/auth", "{\"authorization\": \"" + authorization + "\"}");
    }

    UUID admin() {
        HttpProbe.Answer answer = auth(basic(AccountsTestSettings.ADMIN_LOGIN, AccountsTestSettings.ADMIN_PASSWORD));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return UUID.fromString(answer.json().get("account_id").asString());
    }

    HttpProbe as(UUID account) {
        return HttpProbe.internal(port, account);
    }

    /** Creates an account as the admin; the login is unique per call. */
    UUID create(String type, String password) {
        String login = type.replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        HttpProbe.Answer answer = as(admin()).post("/1/accounts", "{\"login\": \"" + login + "\", \"password\": \""
                + password + "\", \"account_type\": \"" + type + "\", \"description\": \"test " + type + "\"}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return UUID.fromString(answer.json().get("account_id").asString());
    }

    HttpProbe.Answer patch(UUID caller, UUID account, String json) {
        return as(caller).send("PATCH", "/1/accounts/" + account, "application/json",
                json.getBytes(StandardCharsets.UTF_8));
    }

    String loginOf(UUID account) {
        return as(account).get("/1/accounts/" + account).json().get("login").asString();
    }

    // ---- tests ---------------------------------------------------------------------------------

    @Test
    void defaultAdminIsCreatedFromTheSettingsWithAHashedPassword() throws SQLException {
        UUID admin = admin();
        HttpProbe.Answer account = as(admin).get("/1/accounts/" + admin);

        assertThat(account.status()).isEqualTo(200);
        assertThat(account.json().get("login").asString()).isEqualTo(AccountsTestSettings.ADMIN_LOGIN);
        assertThat(account.json().get("account_type").asString()).isEqualTo("admin");
        assertThat(account.text()).doesNotContain("password").doesNotContain(AccountsTestSettings.ADMIN_PASSWORD);
        String hash = storedHash(admin);
        assertThat(hash).startsWith("$2a$").doesNotContain(AccountsTestSettings.ADMIN_PASSWORD);
    }

    @Test
    void accountLifecycleCreateGetListPatchDelete() throws SQLException {
        UUID admin = admin();
        String login = "lifecycle-" + UUID.randomUUID().toString().substring(0, 8) + "@Example.com";
        HttpProbe.Answer created = as(admin).post("/1/accounts",
                "{\"login\": \"" + login + "\", \"password\": \"secret-1\", \"description\": \"cam operator\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().get("account_id").asString());
        assertThat(created.header("Location")).isEqualTo("/1/accounts/" + id);
        assertThat(storedHash(id)).startsWith("$2a$").isNotEqualTo("secret-1");

        JsonNode account = as(id).get("/1/accounts/" + id).json();
        assertThat(account.get("login").asString()).isEqualTo(login.toLowerCase());
        assertThat(account.get("account_type").asString()).isEqualTo("user");
        assertThat(account.get("description").asString()).isEqualTo("cam operator");
        assertThat(account.has("password")).isFalse();
        assertThat(account.has("password_hash")).isFalse();

        JsonNode listed = as(admin).with("X-Selene-Visibility", "all")
                .get("/1/accounts?login=" + login.toLowerCase()).json();
        assertThat(listed.get("count").asLong()).isEqualTo(1);
        assertThat(listed.get("accounts").get(0).get("account_id").asString()).isEqualTo(id.toString());
        JsonNode byDescription = as(admin).with("X-Selene-Visibility", "all")
                .get("/1/accounts?description=operator&account_type=user&create_time__gte=now-1h").json();
        assertThat(byDescription.get("accounts").findValuesAsString("account_id")).contains(id.toString());
        JsonNode admins = as(admin).with("X-Selene-Visibility", "all").get("/1/accounts?account_type=admin").json();
        assertThat(admins.get("accounts").findValuesAsString("account_id")).contains(admin.toString())
                .doesNotContain(id.toString());

        JsonNode narrow = as(id).get("/1/accounts/" + id + "?targets=login,account_type").json();
        assertThat(narrow.propertyNames()).containsExactlyInAnyOrder("login", "account_type");
        assertThat(as(id).get("/1/accounts?targets=password").status()).isEqualTo(400);

        HttpProbe.Answer patched = as(id).send("PATCH", "/1/accounts/" + id, "application/json",
                "{\"description\": \"night shift\", \"password\": \"secret-2\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("description").asString()).isEqualTo("night shift");
        assertThat(patched.json().get("last_update_time").asString())
                .isNotEqualTo(account.get("last_update_time").asString());
        assertThat(auth(basic(login, "secret-1")).status()).isEqualTo(401);
        assertThat(auth(basic(login, "secret-2")).status()).isEqualTo(200);

        HttpProbe.Answer deleted = as(id).send("DELETE", "/1/accounts/" + id);
        assertThat(deleted.status()).isEqualTo(204);
        HttpProbe.Answer gone = as(admin).get("/1/accounts/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertLunaError(gone, 11001);
        assertThat(auth(basic(login, "secret-2")).status()).isEqualTo(401);
    }

    @Test
    void badInputIsRefusedWithLunaErrorsNamingTheField() {
        UUID admin = admin();
        HttpProbe.Answer badLogin = as(admin).post("/1/accounts", "{\"login\": \"not-an-email\", \"password\": \"abc\"}");
        assertThat(badLogin.status()).isEqualTo(400);
        assertLunaError(badLogin, 102);
        assertThat(badLogin.json().get("detail").asString()).contains("login");

        HttpProbe.Answer shortPassword = as(admin).post("/1/accounts", "{\"login\": \"a@example.com\", \"password\": \"ab\"}");
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.json().get("detail").asString()).contains("password");

        HttpProbe.Answer unknownField = as(admin).post("/1/accounts",
                "{\"login\": \"b@example.com\", \"password\": \"abcd\", \"role\": \"admin\"}");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().get("detail").asString()).contains("role");

        HttpProbe.Answer badType = as(admin).post("/1/accounts",
                "{\"login\": \"c@example.com\", \"password\": \"abcd\", \"account_type\": \"root\"}");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().get("detail").asString()).contains("account_type");

        // the records' constraints: the field by its JSON name, the same words as every other body
        assertThat(as(admin).post("/1/accounts", "{\"password\": \"abcd\"}").json().get("detail").asString())
                .isEqualTo("Bad field 'login': is required");
        assertThat(as(admin).post("/1/accounts", "{\"login\": \"d@example.com\", \"password\": \"abcd\", "
                + "\"account_type\": \"" + "u".repeat(33) + "\"}").json().get("detail").asString())
                .isEqualTo("Bad field 'account_type': must be 1..32 characters long");
        HttpProbe.Answer numberForLogin = as(admin).post("/1/accounts", "{\"login\": 5, \"password\": \"abcd\"}");
        assertThat(numberForLogin.status()).isEqualTo(400);
        assertThat(numberForLogin.json().get("detail").asString()).startsWith("Bad field 'login': ");
        UUID target = create("user", "pass-word");
        HttpProbe.Answer twoForBlocked = patch(admin, target, "{\"blocked\": 2}");
        assertThat(twoForBlocked.status()).isEqualTo(400);
        assertThat(twoForBlocked.json().get("detail").asString()).isEqualTo("Bad field 'blocked': must be true or false");
        assertThat(patch(admin, target, "{}").status()).isEqualTo(400);
        assertThat(as(admin).get("/1/accounts/" + target).json().path("blocked").asBoolean(false)).isFalse();
        HttpProbe.Answer block = patch(admin, target, "{\"blocked\": 1}");
        assertThat(block.status()).isEqualTo(200);
        assertThat(block.json().get("blocked").asBoolean()).as(block.toString()).isTrue();

        HttpProbe.Answer notJson = as(admin).post("/1/accounts", "{\"login\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertLunaError(notJson, 102);

        UUID user = create("user", "pass-word");
        HttpProbe.Answer duplicate = as(admin).post("/1/accounts",
                "{\"login\": \"" + loginOf(user).toUpperCase() + "\", \"password\": \"abcd\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertLunaError(duplicate, 11002);

        HttpProbe.Answer badQuery = as(admin).get("/1/accounts?colour=red");
        assertThat(badQuery.status()).isEqualTo(400);
        assertLunaError(badQuery, 101);
        HttpProbe.Answer badPage = as(admin).get("/1/accounts?page_size=1000");
        assertThat(badPage.status()).isEqualTo(400);
        HttpProbe.Answer badId = as(admin).get("/1/accounts/not-a-uuid");
        assertThat(badId.status()).isEqualTo(400);
        HttpProbe.Answer emptyPatch = as(user).send("PATCH", "/1/accounts/" + user, "application/json",
                "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(emptyPatch.status()).isEqualTo(400);
        assertLunaError(emptyPatch, 102);
    }

    @Test
    void anotherAccountIsRefused() {
        UUID alice = create("user", "alice-pw");
        UUID bob = create("user", "bob-pw");

        HttpProbe.Answer read = as(alice).get("/1/accounts/" + bob);
        assertThat(read.status()).isEqualTo(404);
        assertLunaError(read, 11001);
        HttpProbe.Answer listOther = as(alice).get("/1/accounts?account_id=" + bob);
        assertThat(listOther.status()).isEqualTo(403);
        assertLunaError(listOther, 12042);
        JsonNode ownList = as(alice).get("/1/accounts").json();
        assertThat(ownList.get("count").asLong()).isEqualTo(1);
        assertThat(ownList.get("accounts").get(0).get("account_id").asString()).isEqualTo(alice.toString());

        HttpProbe.Answer patch = as(alice).send("PATCH", "/1/accounts/" + bob, "application/json",
                "{\"password\": \"taken-over\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(patch.status()).isEqualTo(404);
        HttpProbe.Answer delete = as(alice).send("DELETE", "/1/accounts/" + bob);
        assertThat(delete.status()).isEqualTo(404);
        assertThat(as(bob).get("/1/accounts/" + bob).status()).isEqualTo(200);
        assertThat(auth(basic(loginOf(bob), "bob-pw")).status()).isEqualTo(200);

        HttpProbe.Answer createAsUser = as(alice).post("/1/accounts",
                "{\"login\": \"sneaky@example.com\", \"password\": \"abcd\", \"account_type\": \"admin\"}");
        assertThat(createAsUser.status()).isEqualTo(403);
        assertLunaError(createAsUser, 11004);
        HttpProbe.Answer promote = as(alice).send("PATCH", "/1/accounts/" + alice, "application/json",
                "{\"account_type\": \"admin\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(promote.status()).isEqualTo(403);
        assertThat(as(alice).get("/1/accounts/" + alice).json().get("account_type").asString()).isEqualTo("user");

        // An advanced user reads every account but changes only its own.
        UUID advanced = create("advanced_user", "adv-pw");
        assertThat(as(advanced).with("X-Selene-Visibility", "all").get("/1/accounts/" + bob).status()).isEqualTo(200);
        HttpProbe.Answer advancedPatch = as(advanced).send("PATCH", "/1/accounts/" + bob, "application/json",
                "{\"description\": \"x\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(advancedPatch.status()).isEqualTo(403);

        HttpProbe.Answer noAccount = HttpProbe.internal(port).get("/1/accounts/" + bob);
        assertThat(noAccount.status()).isEqualTo(404);
    }

    @Test
    void theLastAdminCanNeitherBeDeletedNorDemoted() {
        UUID admin = admin();
        UUID second = create("admin", "second-admin");
        HttpProbe.Answer deleteSecond = as(admin).send("DELETE", "/1/accounts/" + second);
        assertThat(deleteSecond.status()).isEqualTo(204);

        HttpProbe.Answer deleteSelf = as(admin).send("DELETE", "/1/accounts/" + admin);
        assertThat(deleteSelf.status()).as(deleteSelf.toString()).isEqualTo(409);
        assertLunaError(deleteSelf, 11005);
        HttpProbe.Answer demote = as(admin).send("PATCH", "/1/accounts/" + admin, "application/json",
                "{\"account_type\": \"user\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(demote.status()).isEqualTo(409);
        assertThat(admin()).isEqualTo(admin);
    }

    @Test
    void aBlockedAccountCanNeitherLogInNorUseItsTokensUntilUnblocked() {
        UUID admin = admin();
        UUID user = create("user", "blocked horse");
        String login = loginOf(user);
        HttpProbe.Answer token = as(user).post("/1/accounts/tokens", "{\"permissions\": {\"face\": [\"view\"]}}");
        assertThat(token.status()).as(token.toString()).isEqualTo(201);
        String bearer = "Bearer " + token.json().get("token").asString();

        HttpProbe.Answer notByItself = as(user).send("PATCH", "/1/accounts/" + user, "application/json",
                "{\"blocked\": false}".getBytes(StandardCharsets.UTF_8));
        assertThat(notByItself.status()).as("unchanged: allowed").isEqualTo(200);
        HttpProbe.Answer selfBlock = as(admin).send("PATCH", "/1/accounts/" + admin, "application/json",
                "{\"blocked\": true}".getBytes(StandardCharsets.UTF_8));
        assertThat(selfBlock.status()).isEqualTo(403);

        HttpProbe.Answer blocked = as(admin).send("PATCH", "/1/accounts/" + user, "application/json",
                "{\"blocked\": true}".getBytes(StandardCharsets.UTF_8));
        assertThat(blocked.status()).as(blocked.toString()).isEqualTo(200);
        assertThat(blocked.json().get("blocked").asBoolean()).isTrue();
        assertThat(as(user).get("/1/accounts/" + user).json().get("blocked").asBoolean()).isTrue();
        HttpProbe.Answer login403 = auth(basic(login, "blocked horse"));
        assertThat(login403.status()).isEqualTo(403);
        assertLunaError(login403, 11016);
        assertLunaError(auth(bearer), 11016);
        assertThat(auth(basic(login, "wrong horse")).status()).as("a wrong password learns nothing").isEqualTo(401);
        HttpProbe.Answer unblockItself = as(user).send("PATCH", "/1/accounts/" + user, "application/json",
                "{\"blocked\": false}".getBytes(StandardCharsets.UTF_8));
        assertThat(unblockItself.status()).isEqualTo(403);

        assertThat(as(admin).send("PATCH", "/1/accounts/" + user, "application/json",
                "{\"blocked\": false}".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        assertThat(auth(basic(login, "blocked horse")).status()).isEqualTo(200);
        assertThat(auth(bearer).status()).isEqualTo(200);
    }

    @Test
    void basicCredentialsAreVerified() {
        UUID user = create("user", "correct horse");
        String login = loginOf(user);

        HttpProbe.Answer ok = auth(basic(login.toUpperCase(), "correct horse"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("account_id").asString()).isEqualTo(user.toString());
        assertThat(ok.json().get("visibility").asString()).isEqualTo("account");
        assertThat(ok.json().get("permissions").get("face").toString()).contains("creation", "deletion");
        assertThat(ok.json().get("token_id").isNull()).isTrue();

        HttpProbe.Answer wrong = auth(basic(login, "wrong horse"));
        assertThat(wrong.status()).isEqualTo(401);
        assertLunaError(wrong, 11010);
        HttpProbe.Answer unknown = auth(basic("nobody@example.com", "correct horse"));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("detail").asString()).isEqualTo(wrong.json().get("detail").asString());
        HttpProbe.Answer garbage = auth("Basic !!!");
        assertThat(garbage.status()).isEqualTo(401);
        assertLunaError(garbage, 11014);

        HttpProbe.Answer legacy = HttpProbe.internal(port).post("/1/auth", "{\"account_id\": \"" + user + "\"}");
        assertThat(legacy.status()).isEqualTo(200);
        assertThat(legacy.json().get("visibility").asString()).isEqualTo("account");
        HttpProbe.Answer legacyUnknown = HttpProbe.internal(port).post("/1/auth",
                "{\"account_id\": \"" + UUID.randomUUID() + "\"}");
        assertThat(legacyUnknown.status()).isEqualTo(401);

        HttpProbe.Answer outsider = HttpProbe.onPort(port).post("/1/auth",
                "{\"authorization\": \"" + basic(login, "correct horse") + "\"}");
        assertThat(outsider.status()).isEqualTo(401);
        assertLunaError(outsider, 12043);
    }

    private static String storedHash(UUID account) throws SQLException {
        try (Connection connection = TestInfrastructure.get().connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT password_hash FROM accounts.accounts WHERE account_id = ?")) {
            statement.setObject(1, account);
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        }
    }
}

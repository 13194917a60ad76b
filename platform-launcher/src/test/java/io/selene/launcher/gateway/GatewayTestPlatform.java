package io.selene.launcher.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.selene.api.routing.RoutingTable;
import io.selene.launcher.TestPlatform;
import io.selene.testsupport.HttpProbe;

/**
 * The gateway tests' view of {@link TestPlatform#shared()} (accounts-service, api-service and every
 * service that owns a route of the gateway's routing table, in this JVM as {@code bin/platform up} runs
 * them): the helpers a LUNA client would use, Basic and Bearer probes, accounts and tokens made through
 * {@code /6}.
 */
final class GatewayTestPlatform {

    private static GatewayTestPlatform instance;

    private final TestPlatform platform = TestPlatform.shared();

    /** An account made through {@code /6/accounts}. */
    record Account(UUID id, String login, String password) {
    }

    /** A token made through {@code /6/accounts/tokens}. */
    record Token(UUID id, String jwt) {
    }

    static synchronized GatewayTestPlatform get() {
        if (instance == null) {
            instance = new GatewayTestPlatform();
        }
        return instance;
    }

    RoutingTable table() {
        return platform.bean("api-service", RoutingTable.class);
    }

    int port(String service) {
        return platform.port(service);
    }

    HttpProbe anonymous() {
        return platform.api();
    }

    HttpProbe basic(String login, String password) {
        return platform.basic(login, password);
    }

    HttpProbe as(Account account) {
        return basic(account.login(), account.password());
    }

    HttpProbe admin() {
        return platform.admin();
    }

    HttpProbe bearer(Token token) {
        return anonymous().with("Authorization", "Bearer " + token.jwt());
    }

    /** A new account of the given type, made by the admin through {@code POST /6/accounts}. */
    Account account(String type) {
        TestPlatform.Account made = platform.newAccount(type);
        return new Account(made.id(), made.login(), made.password());
    }

    /** A token of the account, made with its login and password through {@code POST /6/accounts/tokens}. */
    Token token(Account owner, String body, boolean grantAll) {
        HttpProbe.Answer answer = as(owner).post("/6/accounts/tokens" + (grantAll ? "?grant_all_permissions=1" : ""),
                body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return new Token(UUID.fromString(answer.json().get("token_id").asString()),
                answer.json().get("token").asString());
    }
}

package io.selene.launcher.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.selene.accounts.AccountsServiceApplication;
import io.selene.api.ApiServiceApplication;
import io.selene.api.routing.PublicRoute;
import io.selene.api.routing.RoutingTable;
import io.selene.launcher.PlatformLauncher;
import io.selene.launcher.RunningPlatform;
import io.selene.testsupport.HttpProbe;
import io.selene.testsupport.TestInfrastructure;

/**
 * accounts-service and api-service in this JVM (as {@code bin/platform up} runs them), plus every
 * service that owns a route of the gateway's routing table, started once for all gateway tests on
 * free ports and this test run's database. Has the helpers a LUNA client would use: Basic and
 * Bearer probes, accounts and tokens made through {@code /6}.
 */
final class GatewayTestPlatform {

    static final String ADMIN_LOGIN = "root@gateway.test";
    static final String ADMIN_PASSWORD = "gateway-admin-password";

    private static GatewayTestPlatform instance;

    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<RunningPlatform> running = new ArrayList<>();
    private final Set<String> started = new LinkedHashSet<>();

    /** An account made through {@code /6/accounts}. */
    record Account(UUID id, String login, String password) {
    }

    /** A token made through {@code /6/accounts/tokens}. */
    record Token(UUID id, String jwt) {
    }

    static synchronized GatewayTestPlatform get() {
        if (instance == null) {
            instance = new GatewayTestPlatform();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "gateway-test-platform-stop"));
        }
        return instance;
    }

    private GatewayTestPlatform() {
        PlatformLauncher.useSingleLoggingConfiguration();
        for (Class<?> service : PlatformLauncher.SERVICES) {
            ports.put(PlatformLauncher.serviceName(service), freePort());
        }
        start(List.of(AccountsServiceApplication.class, ApiServiceApplication.class));
        // Every service that owns a public route, so cross-account cases reach the real owner.
        Set<String> owners = new LinkedHashSet<>();
        table().routes().stream().map(PublicRoute::service).forEach(owners::add);
        List<Class<?>> more = PlatformLauncher.SERVICES.stream()
                .filter(service -> owners.contains(PlatformLauncher.serviceName(service)))
                .filter(service -> !started.contains(PlatformLauncher.serviceName(service)))
                .toList();
        if (!more.isEmpty()) {
            start(more);
        }
    }

    private void start(List<Class<?>> services) {
        Map<String, Object> infrastructure = TestInfrastructure.get().springProperties();
        running.add(PlatformLauncher.start(services, name -> {
            List<String> args = new ArrayList<>();
            args.add("--server.port=" + ports.get(name));
            ports.forEach((other, port) -> args.add("--selene.services." + other + ".url=http://127.0.0.1:" + port));
            infrastructure.forEach((key, value) -> args.add("--" + key + "=" + value));
            args.add("--selene.image-store.root=target/gateway-image-store");
            args.add("--selene.accounts.admin.login=" + ADMIN_LOGIN);
            args.add("--selene.accounts.admin.password=" + ADMIN_PASSWORD);
            args.add("--selene.accounts.bcrypt-strength=4");
            return args;
        }, 2));
        services.forEach(service -> started.add(PlatformLauncher.serviceName(service)));
    }

    void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        running.clear();
    }

    RoutingTable table() {
        return running.getFirst().contexts().get("api-service").getBean(RoutingTable.class);
    }

    int port(String service) {
        return ports.get(service);
    }

    Set<String> startedServices() {
        return started;
    }

    HttpProbe anonymous() {
        return HttpProbe.onPort(port("api-service"));
    }

    HttpProbe basic(String login, String password) {
        return anonymous().with("Authorization", basicHeader(login, password));
    }

    HttpProbe as(Account account) {
        return basic(account.login(), account.password());
    }

    HttpProbe admin() {
        return basic(ADMIN_LOGIN, ADMIN_PASSWORD);
    }

    HttpProbe bearer(Token token) {
        return anonymous().with("Authorization", "Bearer " + token.jwt());
    }

    static String basicHeader(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A new account of the given type, made by the admin through {@code POST /6/accounts}. */
    Account account(String type) {
        String login = type.replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8) + "@gateway.test";
        String password = "pw-" + UUID.randomUUID();
        HttpProbe.Answer answer = admin().post("/6/accounts", "{\"login\": \"" + login + "\", \"password\": \""
                + password + "\", \"account_type\": \"" + type + "\"}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return new Account(UUID.fromString(answer.json().get("account_id").asString()), login, password);
    }

    /** A token of the account, made with its login and password through {@code POST /6/accounts/tokens}. */
    Token token(Account owner, String body, boolean grantAll) {
        HttpProbe.Answer answer = as(owner).post("/6/accounts/tokens" + (grantAll ? "?grant_all_permissions=1" : ""),
                body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return new Token(UUID.fromString(answer.json().get("token_id").asString()),
                answer.json().get("token").asString());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.selene.commons.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.selene.commons.PlatformSettings;
import io.selene.commons.error.LunaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** A service listed with several URLs: a call goes to the first instance that accepts the connection. */
class InternalClientsFailOverTest {

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(server -> server.stop(0));
    }

    /** A real HTTP server answering {@code status} with {@code body}, recording what it was sent. */
    private int server(String name, int status, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(name + " " + exchange.getRequestURI() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    /** A port nothing listens on: connections to it are refused. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static InternalClients clients(String urls) {
        return new InternalClients(new PlatformSettings(null, null, null,
                new PlatformSettings.Clients(Duration.ofSeconds(2), Duration.ofSeconds(5)),
                new PlatformSettings.Internal("secret", true), Map.of("peer", new PlatformSettings.Endpoint(urls))),
                JsonMapper.builder().build());
    }

    @Test
    void aRefusedConnectionMovesOnToTheNextInstance() throws IOException {
        int down = closedPort();
        int up = server("up", 200, "{\"ok\":true}");
        InternalClients clients = clients("http://127.0.0.1:" + down + ", http://127.0.0.1:" + up);
        assertThat(clients.baseUrl("peer")).isEqualTo("http://127.0.0.1:" + down);

        String answer = clients.restClient("peer").post().uri("/1/things?x=1").contentType(MediaType.APPLICATION_JSON)
                .body("{\"a\":1}").retrieve().body(String.class);

        assertThat(answer).isEqualTo("{\"ok\":true}");
        assertThat(received).containsExactly("up /1/things?x=1 {\"a\":1}");
    }

    @Test
    void anInstanceThatAnswersIsTheAnswerEvenAnError() throws IOException {
        int failing = server("failing", 503, "{\"error_code\":15005,\"desc\":\"Service unavailable\","
                + "\"detail\":\"loading\",\"link\":\"x\"}");
        int other = server("other", 200, "{}");
        InternalClients clients = clients("http://127.0.0.1:" + failing + ",http://127.0.0.1:" + other);

        assertThatThrownBy(() -> clients.restClient("peer").post().uri("/1/things").body("{}").retrieve()
                .body(String.class)).isInstanceOfSatisfying(LunaException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(15005));
        assertThat(received).containsExactly("failing /1/things {}");
    }
}

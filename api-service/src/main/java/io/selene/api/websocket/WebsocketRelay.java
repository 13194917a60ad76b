package io.selene.api.websocket;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.selene.api.routing.RouteMatch;
import io.selene.commons.PlatformHeaders;
import io.selene.commons.PlatformSettings;
import io.selene.commons.client.InternalClients;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.web.RequestIds;
import io.selene.commons.web.WebSocketUpgrade;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Relays one {@code /6/ws} websocket to sender-service: first the handshake to sender (query string as
 * given, the resolved account, the request id and the internal secret), so every refusal there (bad
 * filter, subscriber limit, ...) reaches the client as sender's own HTTP status and LUNA body; only
 * then the client's connection is upgraded and {@link RelayEndpoint} pipes frames both ways.
 */
@Component
public class WebsocketRelay {

    private final HttpClient client;
    private final InternalClients clients;
    private final String secret;
    private final WebsocketSettings settings;
    /** Frames are written to clients from virtual threads, one at a time per relay. */
    private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();

    public WebsocketRelay(InternalClients clients, PlatformSettings properties, WebsocketSettings settings) {
        this.clients = clients;
        this.secret = properties.internal().secret();
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(properties.clients().connectTimeout()).build();
    }

    void open(RouteMatch match, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String service = match.route().service();
        String query = request.getQueryString();
        URI target = URI.create(clients.baseUrl(service).replaceFirst("^http", "ws") + match.internalPath()
                + (query == null ? "" : "?" + query));
        RelayEndpoint endpoint = new RelayEndpoint(writers, settings.sendTimeout().toMillis());
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(settings.handshakeTimeout())
                // GatewayRequest: the account resolved by AuthenticationFilter, never what the caller sent.
                .header(PlatformHeaders.ACCOUNT_ID, request.getHeader(PlatformHeaders.ACCOUNT_ID))
                .header(PlatformHeaders.VISIBILITY, request.getHeader(PlatformHeaders.VISIBILITY));
        if (secret != null && !secret.isBlank()) {
            builder.header(PlatformHeaders.INTERNAL_SECRET, secret);
        }
        String requestId = RequestIds.current();
        if (requestId != null) {
            builder.header(PlatformHeaders.REQUEST_ID, requestId);
        }
        WebSocket upstream;
        try {
            upstream = builder.buildAsync(target, endpoint)
                    .get(settings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                relayRefusal(refused, response);
                return;
            }
            if (e.getCause() instanceof HttpTimeoutException) {
                throw PlatformErrors.DOWNSTREAM_TIMEOUT.exceptionWithCause(e.getCause(), service);
            }
            throw PlatformErrors.DOWNSTREAM_UNREACHABLE.exceptionWithCause(
                    e.getCause() instanceof ConnectException ? e.getCause() : e, service);
        } catch (TimeoutException e) {
            throw PlatformErrors.DOWNSTREAM_TIMEOUT.exceptionWithCause(e, service);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PlatformErrors.DOWNSTREAM_UNREACHABLE.exceptionWithCause(e, service);
        }
        endpoint.connected(upstream);
        boolean upgraded = false;
        try {
            upgraded = WebSocketUpgrade.upgrade(request, response, endpoint);
        } finally {
            if (!upgraded) {
                upstream.abort();
            }
        }
    }

    /** Sender's refusal as it came: its status and its LUNA body. */
    private static void relayRefusal(WebSocketHandshakeException refused, HttpServletResponse response)
            throws IOException {
        Object body = refused.getResponse().body();
        byte[] bytes = (body == null ? "" : body.toString()).getBytes(StandardCharsets.UTF_8);
        response.setStatus(refused.getResponse().statusCode());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }

    @PreDestroy
    void stop() {
        writers.shutdownNow();
    }
}

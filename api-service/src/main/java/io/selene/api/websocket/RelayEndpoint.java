package io.selene.api.websocket;

import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Both ends of one relayed websocket: the client's session (Jakarta, server side) and sender's socket
 * (JDK client). Sender → client is demand-driven: the next frame is requested from sender only once the
 * previous one is written to the client, so a slow client holds back only its own sender subscriber
 * (which sender closes with 4008 once it falls too far behind). Closes go through in both directions
 * with their code.
 */
final class RelayEndpoint extends Endpoint implements WebSocket.Listener {

    private static final Logger log = LoggerFactory.getLogger(RelayEndpoint.class);
    private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final Executor writers;
    private final long sendTimeoutMillis;
    private volatile WebSocket upstream;
    private volatile Session session;

    RelayEndpoint(Executor writers, long sendTimeoutMillis) {
        this.writers = writers;
        this.sendTimeoutMillis = sendTimeoutMillis;
    }

    /** Sender accepted the handshake (the JDK may call {@link #onOpen(WebSocket)} later). */
    void connected(WebSocket webSocket) {
        this.upstream = webSocket;
    }

    // ---- client side (Tomcat) ----

    @Override
    public void onOpen(Session client, EndpointConfig config) {
        this.session = client;
        client.setMaxIdleTimeout(0);
        client.getUserProperties().put(BLOCKING_SEND_TIMEOUT, sendTimeoutMillis);
        client.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) ->
                upstream.sendText(part, last).orTimeout(sendTimeoutMillis, TimeUnit.MILLISECONDS).join());
        // Only now is there somewhere to write: start taking frames from sender.
        upstream.request(1);
    }

    @Override
    public void onClose(Session client, CloseReason reason) {
        WebSocket up = upstream;
        if (up != null && !up.isOutputClosed()) {
            int code = sendable(reason.getCloseCode().getCode());
            up.sendClose(code, reason.getReasonPhrase() == null ? "" : reason.getReasonPhrase())
                    .orTimeout(sendTimeoutMillis, TimeUnit.MILLISECONDS)
                    .whenComplete((ignored, error) -> up.abort());
        }
    }

    @Override
    public void onError(Session client, Throwable error) {
        log.debug("websocket relay client {} failed: {}", client.getId(), error.toString());
    }

    // ---- sender side (JDK client) ----

    @Override
    public void onOpen(WebSocket webSocket) {
        this.upstream = webSocket;
        // No request yet: frames wait at sender until the client's session is open.
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        String part = data.toString();
        return toClient(s -> s.getBasicRemote().sendText(part, last));
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        // The JDK answers sender's ping itself; the client gets one from us too (autoping through the relay).
        ByteBuffer copy = ByteBuffer.allocate(message.remaining()).put(message).flip();
        return toClient(s -> s.getBasicRemote().sendPing(copy));
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        Session client = session;
        if (client == null || !client.isOpen()) {
            return null;
        }
        return CompletableFuture.runAsync(() -> closeClient(client, statusCode, reason), writers);
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        log.info("websocket relay to sender-service failed: {}", error.toString());
        Session client = session;
        if (client != null && client.isOpen()) {
            writers.execute(() -> closeClient(client, CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(),
                    "sender-service connection lost"));
        }
    }

    private interface Write {
        void to(Session session) throws IOException;
    }

    /** Writes to the client off the JDK's threads, then asks sender for the next frame. */
    private CompletionStage<?> toClient(Write write) {
        Session client = session;
        return CompletableFuture.runAsync(() -> {
            try {
                write.to(client);
                upstream.request(1);
            } catch (IOException | IllegalStateException e) {
                // The client is gone or too slow for selene.gateway.websocket.send-timeout.
                log.info("websocket relay client {} lost: {}", client.getId(), e.toString());
                closeClient(client, CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "write failed");
                upstream.abort();
            }
        }, writers);
    }

    private static void closeClient(Session client, int code, String reason) {
        try {
            client.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(sendable(code)), reason));
        } catch (IOException | IllegalStateException e) {
            log.debug("closing websocket relay client {}: {}", client.getId(), e.toString());
        }
    }

    /** Codes that may not travel in a close frame (1005 no status, 1006 abnormal, 1015 TLS) become 1000 / 1011. */
    private static int sendable(int code) {
        return switch (code) {
            case 1005 -> 1000;
            case 1006, 1015 -> 1011;
            default -> code;
        };
    }
}

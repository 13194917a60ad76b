package io.selene.commons.web;

import java.util.Locale;
import java.util.Map;

import io.selene.commons.error.PlatformErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Upgrades a checked handshake to a websocket served by one endpoint instance, with Tomcat's Jakarta
 * WebSocket container (no spring-websocket: the services check the handshake themselves, so every
 * refusal is a LUNA error). The container must be registered ({@code WsContextListener}).
 */
public final class WebSocketUpgrade {

    private WebSocketUpgrade() {
    }

    /** An RFC 6455 opening handshake: GET with {@code Upgrade: websocket} and {@code Connection: upgrade}. */
    public static boolean isUpgrade(HttpServletRequest request) {
        String upgrade = request.getHeader("Upgrade");
        String connection = request.getHeader("Connection");
        return "GET".equals(request.getMethod()) && upgrade != null && upgrade.trim().equalsIgnoreCase("websocket")
                && connection != null && connection.toLowerCase(Locale.ROOT).contains("upgrade");
    }

    /**
     * Hands the connection to {@code endpoint}. Returns false when Tomcat refused a malformed handshake
     * (e.g. no {@code Sec-WebSocket-Key}) and answered it itself; throws 500 when the upgrade failed.
     * Either way the caller releases what it reserved for the session.
     */
    public static boolean upgrade(HttpServletRequest request, HttpServletResponse response, Endpoint endpoint) {
        if (!(request.getServletContext().getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container)) {
            throw new IllegalStateException("Tomcat's websocket container is missing (register WsContextListener)");
        }
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Endpoint.class, request.getRequestURI())
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> type) {
                        return type.cast(endpoint);
                    }
                })
                .build();
        try {
            container.upgradeHttpToWebSocket(request, response, config, Map.of());
        } catch (DeploymentException | RuntimeException | java.io.IOException e) {
            throw PlatformErrors.INTERNAL.exceptionWithCause(e);
        }
        return response.getStatus() == HttpServletResponse.SC_SWITCHING_PROTOCOLS;
    }
}

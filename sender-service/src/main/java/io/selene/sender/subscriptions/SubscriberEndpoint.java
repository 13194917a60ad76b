package io.selene.sender.subscriptions;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/** The Jakarta WebSocket side of one subscriber: registers it when open, frees its slot when closed. */
final class SubscriberEndpoint extends Endpoint {

    private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final SubscriberRegistry registry;
    private final SubscriptionFilter filter;
    private final int queueSize;
    private final long sendTimeoutMillis;
    private final Subscriber.Replay replay;
    private volatile Subscriber subscriber;

    SubscriberEndpoint(SubscriberRegistry registry, SubscriptionFilter filter, int queueSize, long sendTimeoutMillis,
            Subscriber.Replay replay) {
        this.replay = replay;
        this.registry = registry;
        this.filter = filter;
        this.queueSize = queueSize;
        this.sendTimeoutMillis = sendTimeoutMillis;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxIdleTimeout(0);
        session.getUserProperties().put(BLOCKING_SEND_TIMEOUT, sendTimeoutMillis);
        // Subscribers only listen; what they send is read and ignored (not refused: LUNA clients may send keep-alives).
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) ignored -> { });
        subscriber = new Subscriber(session, filter, queueSize, replay);
        registry.add(subscriber);
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        Subscriber open = subscriber;
        if (open != null) {
            registry.remove(open);
        } else {
            registry.release();
        }
    }
}

package io.selene.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A websocket subscriber as a LUNA client would be one: the JDK's {@link WebSocket}, collecting each
 * text message as JSON, the pings and the close code. A {@code reading=false} client requests nothing,
 * so it stops reading its socket (a stalled consumer) until {@link #startReading()}.
 */
public final class WebSocketProbe implements WebSocket.Listener {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final long HANDSHAKE_SECONDS = 20;

    /** A refused handshake: the HTTP status and LUNA body. */
    public record Refusal(int status, JsonNode body) {
    }

    private final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final boolean reading;
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;

    private WebSocketProbe(boolean reading) {
        this.reading = reading;
    }

    /** Opens a subscriber, failing the test when the handshake is refused; {@code headers} are name, value pairs. */
    public static WebSocketProbe open(String url, boolean reading, String... headers) {
        WebSocketProbe client = new WebSocketProbe(reading);
        try {
            client.socket = builder(headers).buildAsync(URI.create(url), client).get(HANDSHAKE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("handshake of " + url + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
        return client;
    }

    /** The answer to a handshake expected to be refused, failing the test when it is accepted. */
    public static Refusal refusal(String url, String... headers) {
        try {
            WebSocket socket = builder(headers).buildAsync(URI.create(url), new WebSocketProbe(true))
                    .get(HANDSHAKE_SECONDS, TimeUnit.SECONDS);
            socket.abort();
            throw new AssertionError("handshake of " + url + " was accepted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                Object body = refused.getResponse().body();
                return new Refusal(refused.getResponse().statusCode(), JSON.readTree(String.valueOf(body)));
            }
            throw new AssertionError("handshake of " + url + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    private static WebSocket.Builder builder(String... headers) {
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    public void startReading() {
        socket.request(Long.MAX_VALUE);
    }

    /** The next message, or {@code null} when none comes within {@code wait}. */
    public JsonNode poll(Duration wait) throws InterruptedException {
        return messages.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The next {@code count} messages, failing when they do not come within the deadline. */
    public List<JsonNode> take(int count, Duration deadline) throws InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        long end = System.nanoTime() + deadline.toNanos();
        while (out.size() < count) {
            JsonNode next = messages.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("got " + out.size() + " of " + count + " messages: " + out);
            }
            out.add(next);
        }
        return out;
    }

    /** The messages received and not taken yet, in order. */
    public List<JsonNode> received() {
        return new ArrayList<>(messages);
    }

    public int pings() {
        return pings.get();
    }

    public int closeCode(Duration deadline) throws Exception {
        return closed.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        socket.abort();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        if (reading) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(JSON.readTree(partial.toString()));
            partial.setLength(0);
        }
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        pings.incrementAndGet();
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }
}

package io.selene.api.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.selene.api.auth.Principal;
import io.selene.api.routing.RouteMatch;
import io.selene.api.routing.RoutingTable;
import io.selene.commons.PlatformHeaders;
import io.selene.commons.PlatformSettings;
import io.selene.commons.client.InternalClients;
import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Forwards a matched {@code /6} request to the owning service's internal path, streaming the body both
 * ways (bounded by the platform's body-size limit): query string, body, Content-Type, Accept,
 * Luna-Request-Id, the resolved account and the shared secret go in; status, body and the
 * resource headers (Content-Type, Location rewritten to its {@code /6} form, X-Luna-Expiry-Date, …)
 * come back.
 */
@Component
public class Proxy {

    /** Largest JSON answer checked for an internal {@code url} to rewrite; bigger ones are streamed as they are. */
    private static final int MAX_REWRITTEN_BODY = 256 * 1024;
    /** Request headers passed on as they came (everything else a caller sends stays at the gateway). */
    private static final List<String> FORWARDED_REQUEST_HEADERS = List.of("Content-Type", "Accept",
            "Accept-Language", "Content-Disposition", "If-None-Match", "If-Modified-Since", "Range",
            "Idempotency-Key", "Luna-Event-Time", "Luna-Event-End-Time");
    /** Response headers never passed back: hop-by-hop, set by this server, or internal. */
    private static final Set<String> DROPPED_RESPONSE_HEADERS = Set.of("connection", "keep-alive",
            "transfer-encoding", "te", "trailer", "upgrade", "proxy-authenticate", "date", "server",
            "content-length", "luna-request-id", ":status");

    private final HttpClient client;
    private final InternalClients clients;
    private final RoutingTable table;
    private final String secret;
    private final Duration readTimeout;
    private final JsonMapper json;

    public Proxy(InternalClients clients, RoutingTable table, PlatformSettings properties, JsonMapper json) {
        this.json = json;
        this.clients = clients;
        this.table = table;
        this.secret = properties.internal().secret();
        this.readTimeout = properties.clients().readTimeout();
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.clients().connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public void forward(RouteMatch match, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String service = match.route().service();
        String query = request.getQueryString();
        String pathAndQuery = match.internalPath() + (query == null ? "" : "?" + query);
        List<String> urls = clients.baseUrls(service);
        HttpRequest.Builder builder = request(URI.create(urls.getFirst() + pathAndQuery), request,
                FORWARDED_REQUEST_HEADERS);
        if (secret != null && !secret.isBlank()) {
            builder.header(PlatformHeaders.INTERNAL_SECRET, secret);
        }
        // GatewayRequest: the account resolved by AuthenticationFilter, never what the caller sent.
        builder.header(PlatformHeaders.ACCOUNT_ID, request.getHeader(PlatformHeaders.ACCOUNT_ID));
        builder.header(PlatformHeaders.VISIBILITY, request.getHeader(PlatformHeaders.VISIBILITY));
        if (request.getAttribute(AuthenticationFilter.PRINCIPAL_ATTRIBUTE) instanceof Principal principal) {
            builder.header(PlatformHeaders.VIEWABLE, String.join(",", principal.viewable()));
        }
        HttpResponse<InputStream> answer;
        if (urls.size() == 1) {
            builder.method(request.getMethod(), body(request));
            answer = send(builder.build(), service);
        } else {
            answer = sendToFirstConnected(builder, urls, pathAndQuery, request, service);
        }
        response.setStatus(answer.statusCode());
        copyHeaders(answer, response, location -> table.publicLocation(service, location));
        long length = answer.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (!"HEAD".equals(request.getMethod()) && answer.statusCode() / 100 == 2 && length <= MAX_REWRITTEN_BODY
                && isJson(answer)) {
            try (InputStream in = answer.body()) {
                byte[] body = in.readNBytes(MAX_REWRITTEN_BODY + 1);
                OutputStream out = response.getOutputStream();
                if (body.length <= MAX_REWRITTEN_BODY) {
                    body = publicUrls(service, body);
                    response.setContentLength(body.length);
                    out.write(body);
                } else {
                    out.write(body);
                    in.transferTo(out);
                }
                out.flush();
            }
            return;
        }
        if (length >= 0) {
            response.setContentLengthLong(length);
        }
        try (InputStream in = answer.body()) {
            if (!"HEAD".equals(request.getMethod())) {
                OutputStream out = response.getOutputStream();
                in.transferTo(out);
                out.flush();
            }
        }
    }

    /** A request to {@code target} with the caller's {@code headers} (those it sent) and the request id. */
    HttpRequest.Builder request(URI target, HttpServletRequest request, List<String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(readTimeout);
        for (String name : headers) {
            String value = request.getHeader(name);
            if (value != null) {
                builder.header(name, value);
            }
        }
        String requestId = RequestIds.current();
        if (requestId != null) {
            builder.header(PlatformHeaders.REQUEST_ID, requestId);
        }
        return builder;
    }

    /**
     * A service with several instances, each answering every request (sharded matchers route to their
     * peers): the body is read once and sent to the first instance that accepts the connection; a refused
     * connection never reached the instance, so sending it again is safe.
     */
    private HttpResponse<InputStream> sendToFirstConnected(HttpRequest.Builder builder, List<String> urls,
            String pathAndQuery, HttpServletRequest request, String service) throws IOException {
        byte[] body = request.getInputStream().readAllBytes();
        builder.method(request.getMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        LunaException unreachable = null;
        for (String url : urls) {
            try {
                return send(builder.uri(URI.create(url + pathAndQuery)).build(), service);
            } catch (LunaException e) {
                if (!InternalClients.notConnected(e)) {
                    throw e;
                }
                unreachable = e;
            }
        }
        throw unreachable;
    }

    /** Sends without following redirects; a timeout or refused connection is the LUNA error naming {@code service}. */
    HttpResponse<InputStream> send(HttpRequest request, String service) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw PlatformErrors.DOWNSTREAM_TIMEOUT.exceptionWithCause(e, service);
        } catch (ConnectException e) {
            throw PlatformErrors.DOWNSTREAM_UNREACHABLE.exceptionWithCause(e, service);
        } catch (IOException e) {
            LunaException cause = lunaCause(e);
            if (cause != null) {
                throw cause;
            }
            throw PlatformErrors.DOWNSTREAM_UNREACHABLE.exceptionWithCause(e, service);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PlatformErrors.DOWNSTREAM_UNREACHABLE.exceptionWithCause(e, service);
        }
    }

    /** The answer's headers but hop-by-hop and internal ones, {@code Location} through {@code location}. */
    static void copyHeaders(HttpResponse<?> answer, HttpServletResponse response, UnaryOperator<String> location) {
        answer.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (DROPPED_RESPONSE_HEADERS.contains(lower) || lower.startsWith("x-selene-")) {
                return;
            }
            for (String value : values) {
                response.addHeader(name, lower.equals("location") ? location.apply(value) : value);
            }
        });
    }

    private static boolean isJson(HttpResponse<?> answer) {
        return answer.headers().firstValue("Content-Type").map(type -> type.toLowerCase(Locale.ROOT))
                .filter(type -> type.startsWith("application/json")).isPresent();
    }

    /**
     * A small JSON answer whose top-level {@code url} is a service's internal path (Image Store answers
     * {@code /1/buckets/images/images/<id>}) gets the public one ({@code /6/images/<id>}), like Location.
     */
    private byte[] publicUrls(String service, byte[] body) {
        if (!new String(body, java.nio.charset.StandardCharsets.UTF_8).contains("\"url\"")) {
            return body;
        }
        try {
            JsonNode tree = json.readTree(body);
            if (tree instanceof ObjectNode object && object.get("url") != null && object.get("url").isString()) {
                String url = object.get("url").asString();
                String rewritten = url.startsWith("/") ? table.publicLocation(service, url) : url;
                if (!rewritten.equals(url)) {
                    object.put("url", rewritten);
                    return json.writeValueAsBytes(object);
                }
            }
        } catch (RuntimeException notJson) {
            // pass the answer on as it came
        }
        return body;
    }

    static HttpRequest.BodyPublisher body(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        boolean chunked = request.getHeader("Transfer-Encoding") != null;
        if (length == 0 || (length < 0 && !chunked)) {
            return HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return request.getInputStream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return length > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, length) : stream;
    }

    private static LunaException lunaCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LunaException luna) {
                return luna;
            }
        }
        return null;
    }
}

package io.selene.backport;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.PlatformHeaders;
import io.selene.commons.client.InternalClients;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.JsonNode;

/**
 * Calls to the {@code /6} services' internal APIs, as the gateway makes them: the caller's account and
 * visibility go along (InternalClients copies them from the legacy request), and a LUNA error of a service is
 * raised as the same error, so a legacy client sees it unchanged.
 */
@Component
public class Downstream {

    public static final String FACES = "faces-service";
    public static final String HANDLERS = "handlers-service";
    public static final String MATCHER = "matcher-service";
    public static final String EVENTS = "events-service";
    public static final String TASKS = "tasks-service";
    public static final String ACCOUNTS = "accounts-service";

    private final Map<String, RestClient> clients = new LinkedHashMap<>();
    private final Map<String, String> baseUrls = new LinkedHashMap<>();

    public Downstream(InternalClients internalClients) {
        for (String service : List.of(FACES, HANDLERS, MATCHER, EVENTS, TASKS, ACCOUNTS)) {
            clients.put(service, internalClients.restClient(service));
            baseUrls.put(service, internalClients.baseUrl(service));
        }
    }

    /** The absolute URI, every query value form-encoded ({@code +} of a time zone stays a plus). */
    private URI uri(String service, String path, MultiValueMap<String, String> query) {
        StringBuilder uri = new StringBuilder(baseUrls.get(service)).append(path);
        char separator = '?';
        if (query != null) {
            for (Map.Entry<String, List<String>> entry : query.entrySet()) {
                for (String value : entry.getValue()) {
                    uri.append(separator).append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8)).append('=')
                            .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                    separator = '&';
                }
            }
        }
        return URI.create(uri.toString());
    }

    /** A query: name → values, in order. */
    public static MultiValueMap<String, String> query(String... namesAndValues) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                query.add(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return query;
    }

    /** A JSON call; the answer's body (null for 204). */
    public JsonNode json(String service, HttpMethod method, String path, MultiValueMap<String, String> query,
            Object body) {
        return send(service, method, path, query, body == null ? null : MediaType.APPLICATION_JSON, body, null)
                .getBody();
    }

    public JsonNode get(String service, String path, MultiValueMap<String, String> query) {
        return json(service, HttpMethod.GET, path, query, null);
    }

    /** A JSON call made for another account than the request's (an account the admin has just created). */
    public JsonNode jsonAs(UUID account, String service, HttpMethod method, String path,
            MultiValueMap<String, String> query, Object body) {
        return send(service, method, path, query, MediaType.APPLICATION_JSON, body, account).getBody();
    }

    /** Any body (an image) in, JSON out. */
    public JsonNode bytes(String service, String path, MultiValueMap<String, String> query, MediaType type,
            byte[] body) {
        return send(service, HttpMethod.POST, path, query, type, body, null).getBody();
    }

    private ResponseEntity<JsonNode> send(String service, HttpMethod method, String path,
            MultiValueMap<String, String> query, MediaType type, Object body, UUID account) {
        RestClient.RequestBodySpec request = clients.get(service).method(method)
                .uri(uri(service, path, query));
        if (account != null) {
            request.header(PlatformHeaders.ACCOUNT_ID, account.toString())
                    .header(PlatformHeaders.VISIBILITY, "account");
        }
        viewable(request);
        if (body != null) {
            request.contentType(type).body(body);
        }
        return request.retrieve().toEntity(JsonNode.class);
    }

    /** The token's viewable objects go along too: matching answers no more details than the caller may view. */
    private static void viewable(RestClient.RequestBodySpec request) {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current) {
            String viewable = current.getRequest().getHeader(PlatformHeaders.VIEWABLE);
            if (viewable != null) {
                request.header(PlatformHeaders.VIEWABLE, viewable);
            }
        }
    }

    /** A raw exchange (Backport 4's pass-through): status, headers and bytes of the service's answer. */
    public ResponseEntity<byte[]> raw(String service, HttpMethod method, String path,
            MultiValueMap<String, String> query, String contentType, byte[] body) {
        RestClient.RequestBodySpec request = clients.get(service).method(method)
                .uri(uri(service, path, query));
        viewable(request);
        if (body != null && body.length > 0) {
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            request.body(body);
        }
        return request.retrieve().toEntity(byte[].class);
    }
}

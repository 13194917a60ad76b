package io.selene.tasks.clients;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.PlatformHeaders;
import io.selene.commons.account.Visibility;
import io.selene.commons.error.PlatformErrors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Calls to the owning services as one account. Query parameters are given as name → value (a list is
 * sent as LUNA's comma list) and encoded here.
 */
public final class AccountCalls {

    public static final String FACES = "faces-service";
    public static final String EVENTS = "events-service";
    public static final String HANDLERS = "handlers-service";
    public static final String IMAGE_STORE = "image-store-service";

    private final Downstream downstream;
    private final UUID account;

    AccountCalls(Downstream downstream, UUID account) {
        this.downstream = downstream;
        this.account = account;
    }

    public UUID account() {
        return account;
    }

    private void scope(HttpHeaders headers) {
        headers.set(PlatformHeaders.ACCOUNT_ID, account.toString());
        headers.set(PlatformHeaders.VISIBILITY, Visibility.ACCOUNT.header());
    }

    public static URI uri(String path, Map<String, ?> query) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromPath(path);
        if (query != null) {
            query.forEach((name, value) -> {
                if (value == null) {
                    return;
                }
                builder.queryParam(name, "{" + name + "}");
            });
        }
        Map<String, String> values = new java.util.HashMap<>();
        if (query != null) {
            query.forEach((name, value) -> {
                if (value != null) {
                    values.put(name, value instanceof List<?> list
                            ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value));
                }
            });
        }
        return builder.encode().buildAndExpand(values).toUri();
    }

    public JsonNode get(String service, String path, Map<String, ?> query) {
        return answer(service, downstream.client(service).get().uri(uri(path, query)).headers(this::scope)
                .accept(MediaType.APPLICATION_JSON).retrieve().body(JsonNode.class));
    }

    public JsonNode post(String service, String path, Map<String, ?> query, Object body) {
        return downstream.client(service).post().uri(uri(path, query)).headers(this::scope)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class);
    }

    /** POST with an idempotency key: a retried subtask replays instead of creating twice. */
    public JsonNode postOnce(String service, String path, Object body, String idempotencyKey) {
        return downstream.client(service).post().uri(uri(path, null)).headers(this::scope)
                .headers(h -> h.set("Idempotency-Key", idempotencyKey))
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class);
    }

    public JsonNode patch(String service, String path, Object body) {
        return downstream.client(service).patch().uri(uri(path, null)).headers(this::scope)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class);
    }

    public JsonNode delete(String service, String path, Map<String, ?> query, Object body) {
        var request = downstream.client(service).method(org.springframework.http.HttpMethod.DELETE)
                .uri(uri(path, query)).headers(this::scope);
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve().body(JsonNode.class);
    }

    /** Multipart POST (e.g. images to a handler); parts are byte arrays with a file name. */
    public JsonNode postMultipart(String service, String path, MultiValueMap<String, Object> parts) {
        return downstream.client(service).post().uri(uri(path, null)).headers(this::scope)
                .contentType(MediaType.MULTIPART_FORM_DATA).body(parts).retrieve().body(JsonNode.class);
    }

    public static MultiValueMap<String, Object> parts() {
        return new LinkedMultiValueMap<>();
    }

    /** The bytes and Content-Type of a GET. */
    public ResponseEntity<byte[]> bytes(String service, String path) {
        return downstream.client(service).get().uri(uri(path, null)).headers(this::scope).retrieve()
                .toEntity(byte[].class);
    }

    /** PUT of bytes under a chosen id (Image Store), with an optional TTL in seconds. */
    public void put(String service, String path, Long ttlSeconds, String contentType, byte[] body) {
        downstream.client(service).put().uri(uri(path, ttlSeconds == null ? null : Map.of("ttl", ttlSeconds)))
                .headers(this::scope).contentType(MediaType.parseMediaType(contentType)).body(body).retrieve()
                .toBodilessEntity();
    }

    private static JsonNode answer(String service, JsonNode body) {
        if (body == null) {
            throw PlatformErrors.DOWNSTREAM_BAD_ANSWER.exception(service, "200 without a body");
        }
        return body;
    }
}

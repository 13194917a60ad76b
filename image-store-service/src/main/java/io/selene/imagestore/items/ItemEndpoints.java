package io.selene.imagestore.items;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.error.PlatformErrors;
import io.selene.imagestore.ImageStoreErrors;
import io.selene.imagestore.Kind;
import io.selene.imagestore.Queries;
import io.selene.imagestore.storage.Blob;
import io.selene.imagestore.storage.BlobMeta;
import io.selene.imagestore.storage.StorageSettings;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The routes images and objects share; {@link ImageController} and {@link ObjectController} mount
 * them under {@code /1/buckets/{bucket}/images} and {@code .../objects}.
 */
abstract class ItemEndpoints {

    /** {@code X-Luna-Expiry-Date}: when an item stored with a TTL expires, as an RFC 1123 HTTP date (UTC). */
    static final String EXPIRY_HEADER = "X-Luna-Expiry-Date";
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final ItemService items;
    private final StorageSettings properties;
    private final JsonMapper json;
    private final Kind kind;

    ItemEndpoints(ItemService items, StorageSettings properties, JsonMapper json, Kind kind) {
        this.items = items;
        this.properties = properties;
        this.json = json;
        this.kind = kind;
    }

    @Operation(summary = "Store with a generated id",
            description = "Raw body with its Content-Type, stored byte for byte. Optional ?ttl=<seconds> (1..max-ttl): "
                    + "the answer then carries X-Luna-Expiry-Date (RFC 1123). 201 {\"<kind>_id\", \"url\"} + Location.")
    @PostMapping
    ResponseEntity<Map<String, Object>> create(@PathVariable String bucket, AccountContext account,
            HttpServletRequest request) throws IOException {
        return store(bucket, null, account, request);
    }

    @Operation(summary = "Store with a client-chosen id",
            description = "Id: a UUID or 1..128 of A-Z a-z 0-9 _ -. Replaces the caller's own item with that id; "
                    + "another account's live item with that id answers 409 (13012). ?ttl as on POST.")
    @PutMapping("/{id}")
    ResponseEntity<Map<String, Object>> put(@PathVariable String bucket, @PathVariable String id,
            AccountContext account, HttpServletRequest request) throws IOException {
        ItemService.requireId(id);
        return store(bucket, id, account, request);
    }

    @Operation(summary = "Get the stored bytes", description = "Same Content-Type and bytes as stored; 404 if absent, expired or another account's.")
    @GetMapping("/{id}")
    ResponseEntity<InputStreamResource> get(@PathVariable String bucket, @PathVariable String id,
            AccountContext account, HttpServletRequest request) {
        refuseQuery(request, Set.of());
        Blob blob = items.open(bucket, kind, id, account);
        return ResponseEntity.ok().headers(headers(blob.meta())).body(new InputStreamResource(blob.content()));
    }

    @Operation(summary = "Check that it exists", description = "Headers as GET, no body.")
    @RequestMapping(path = "/{id}", method = RequestMethod.HEAD)
    ResponseEntity<Void> head(@PathVariable String bucket, @PathVariable String id, AccountContext account,
            HttpServletRequest request) {
        refuseQuery(request, Set.of());
        ItemService.Stored stored = items.head(bucket, kind, id, account);
        return ResponseEntity.ok().headers(headers(stored.meta())).build();
    }

    @Operation(summary = "Delete", description = "204; 404 if absent or another account's.")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String bucket, @PathVariable String id, AccountContext account,
            HttpServletRequest request) {
        refuseQuery(request, Set.of());
        items.delete(bucket, kind, id, account.requireAccount());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Delete many", description = "Body {\"<kind>_ids\": [1..1000 ids]}; ids the caller does not own are skipped. 204.")
    @DeleteMapping
    ResponseEntity<Void> deleteAll(@PathVariable String bucket, AccountContext account, HttpServletRequest request)
            throws IOException {
        refuseQuery(request, Set.of());
        List<String> ids = readIds(request);
        items.deleteAll(bucket, kind, ids, account.requireAccount());
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<Map<String, Object>> store(String bucket, String id, AccountContext account,
            HttpServletRequest request) throws IOException {
        MultiValueMap<String, String> query = refuseQuery(request, Set.of("ttl"));
        Long ttl = ttl(query.getFirst("ttl"));
        UUID owner = account.requireAccount();
        byte[] body = readBody(request);
        String contentType = ContentTypes.check(kind, request.getContentType(), body);
        ItemService.Stored stored = items.put(bucket, kind, id, owner, contentType, body, ttl);
        String url = "/1/buckets/" + bucket + "/" + kind.folder() + "/" + stored.id();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(kind.idField(), stored.id());
        answer.put("url", url);
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(HttpStatus.CREATED).location(URI.create(url));
        if (stored.meta().expiryTime() != null) {
            builder.header(EXPIRY_HEADER, HTTP_DATE.format(stored.meta().expiryTime()));
        }
        return builder.body(answer);
    }

    private HttpHeaders headers(BlobMeta meta) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(meta.contentType()));
        headers.setContentLength(meta.size());
        headers.setLastModified(meta.createTime());
        if (meta.expiryTime() != null) {
            headers.set(EXPIRY_HEADER, HTTP_DATE.format(meta.expiryTime()));
        }
        return headers;
    }

    private Long ttl(String value) {
        if (value == null) {
            return null;
        }
        long max = properties.maxTtl().toSeconds();
        try {
            long ttl = Long.parseLong(value);
            if (ttl >= 1 && ttl <= max) {
                return ttl;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ImageStoreErrors.BAD_TTL.exception(value, max);
    }

    /** The body, refused with 413 (13009) past {@code max-object-size} before it is all read. */
    private byte[] readBody(HttpServletRequest request) throws IOException {
        long max = properties.maxObjectSize().toBytes();
        if (request.getContentLengthLong() > max) {
            throw ImageStoreErrors.TOO_LARGE.exception(max);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 16));
        }
        if (body.length > max) {
            throw ImageStoreErrors.TOO_LARGE.exception(max);
        }
        if (body.length == 0) {
            throw ImageStoreErrors.EMPTY_BODY.exception();
        }
        return body;
    }

    private List<String> readIds(HttpServletRequest request) throws IOException {
        byte[] raw;
        try (InputStream in = request.getInputStream()) {
            raw = in.readNBytes(1024 * 1024);
        }
        JsonNode body;
        try {
            body = raw.length == 0 ? null : json.readTree(raw);
        } catch (JacksonException e) {
            throw PlatformErrors.BAD_BODY.exception("body is not JSON");
        }
        // {"image_ids": [...]} (Selene's contract) or LUNA's {"images": [...]}.
        String field = body != null && body.has(kind.folder()) ? kind.folder() : kind.idsField();
        int max = properties.maxBulkIds();
        if (body == null || !body.isObject() || body.size() != 1 || !body.has(field)) {
            throw PlatformErrors.BAD_BODY.exception("expected {\"" + kind.idsField() + "\": [ids]}");
        }
        JsonNode array = body.get(field);
        if (!array.isArray() || array.isEmpty()) {
            throw ImageStoreErrors.NO_IDS.exception(field, max);
        }
        if (array.size() > max) {
            throw ImageStoreErrors.TOO_MANY_IDS.exception(max, array.size());
        }
        List<String> ids = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            if (!element.isString()) {
                throw ImageStoreErrors.BAD_ID.exception(element.toString());
            }
            ids.add(element.asString());
        }
        return ids;
    }

    private static MultiValueMap<String, String> refuseQuery(HttpServletRequest request, Set<String> allowed) {
        return Queries.allowOnly(request, allowed);
    }
}

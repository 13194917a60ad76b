package io.selene.imagestore.buckets;

import java.net.URI;
import java.util.Map;
import java.util.Set;

import io.selene.commons.error.PlatformErrors;
import io.selene.imagestore.ImageStoreErrors;
import io.selene.imagestore.Queries;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /1/buckets}: create, list, delete. Buckets are platform-wide; their content is account-scoped. */
@RestController
@RequestMapping("/1/buckets")
class BucketController {

    private final BucketService buckets;

    BucketController(BucketService buckets) {
        this.buckets = buckets;
    }

    @Operation(summary = "Create a bucket", description = "Body {\"bucket\": \"<name>\"}; name: 3..63 of a-z 0-9 '-'. 409 (13001) if it exists.")
    @PostMapping
    ResponseEntity<Map<String, String>> create(@RequestBody JsonNode body, HttpServletRequest request) {
        Queries.allowOnly(request, Set.of());
        if (body == null || !body.isObject() || body.size() != 1 || !body.has("bucket") || !body.get("bucket").isString()) {
            throw PlatformErrors.BAD_BODY.exception("expected {\"bucket\": \"<name>\"}");
        }
        String bucket = body.get("bucket").asString();
        if (!buckets.create(bucket)) {
            throw ImageStoreErrors.BUCKET_EXISTS.exception(bucket);
        }
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/1/buckets/" + bucket))
                .body(Map.of("bucket", bucket, "url", "/1/buckets/" + bucket));
    }

    @Operation(summary = "List buckets", description = "{\"buckets\": [names in alphabetical order]}")
    @GetMapping
    Map<String, Object> list(HttpServletRequest request) {
        Queries.allowOnly(request, Set.of());
        return Map.of("buckets", buckets.list());
    }

    @Operation(summary = "What a bucket holds", description = "{\"bucket\", \"images\", \"objects\", \"bytes\", "
            + "\"complete\"}: counts and total size of its images and objects (complete: false when the walk stopped "
            + "after 100000 keys). 404 (13000) for a bucket that does not exist.")
    @GetMapping("/{bucket}/usage")
    BucketService.Usage usage(@PathVariable String bucket, HttpServletRequest request) {
        Queries.allowOnly(request, Set.of());
        return buckets.usage(bucket, 100_000);
    }

    @Operation(summary = "Delete an empty bucket", description = "409 (13013) while it holds images or objects.")
    @DeleteMapping("/{bucket}")
    ResponseEntity<Void> delete(@PathVariable String bucket, HttpServletRequest request) {
        Queries.allowOnly(request, Set.of());
        buckets.delete(bucket);
        return ResponseEntity.noContent().build();
    }
}

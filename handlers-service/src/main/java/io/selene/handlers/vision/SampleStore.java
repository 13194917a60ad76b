package io.selene.handlers.vision;

import java.util.UUID;

import io.selene.commons.client.InternalClients;
import io.selene.commons.error.LunaException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Face samples in Image Store (bucket {@code selene.handlers.sample-bucket}) and body samples
 * (bucket {@code selene.handlers.body-sample-bucket}), in the caller's account.
 */
@Component
class SampleStore {

    private final RestClient imageStore;
    private final String bucket;
    private final String bodyBucket;

    SampleStore(InternalClients clients, HandlersSettings properties) {
        this.imageStore = clients.restClient("image-store-service");
        this.bucket = properties.sampleBucket();
        this.bodyBucket = properties.bodySampleBucket() == null || properties.bodySampleBucket().isBlank()
                ? "body-samples" : properties.bodySampleBucket();
    }

    /** Stores a JPEG face sample under a new id; returns the id once Image Store answered 201. */
    String put(byte[] jpeg) {
        return put(bucket, jpeg);
    }

    /** Stores a JPEG body sample (128×256) under a new id; returns the id once Image Store answered 201. */
    String putBody(byte[] jpeg) {
        return put(bodyBucket, jpeg);
    }

    private String put(String bucket, byte[] jpeg) {
        String id = UUID.randomUUID().toString();
        imageStore.put().uri("/1/buckets/{bucket}/images/{id}", bucket, id)
                .contentType(MediaType.IMAGE_JPEG)
                .body(jpeg)
                .retrieve()
                .toBodilessEntity();
        return id;
    }

    /** Deletes a face sample of the caller's account (204; a LUNA 404 when it is not there). */
    void delete(String sampleId) {
        delete(bucket, sampleId);
    }

    /** Deletes a body sample of the caller's account. */
    void deleteBody(String sampleId) {
        delete(bodyBucket, sampleId);
    }

    private void delete(String bucket, String id) {
        imageStore.delete().uri("/1/buckets/{bucket}/images/{id}", bucket, id)
                .retrieve()
                .toBodilessEntity();
    }

    byte[] get(String sampleId) {
        try {
            UUID.fromString(sampleId);
        } catch (IllegalArgumentException e) {
            throw VisionErrors.SAMPLE_NOT_FOUND.exception(sampleId);
        }
        try {
            byte[] bytes = imageStore.get().uri("/1/buckets/{bucket}/images/{id}", bucket, sampleId)
                    .retrieve()
                    .body(byte[].class);
            if (bytes == null) {
                throw VisionErrors.SAMPLE_NOT_FOUND.exception(sampleId);
            }
            return bytes;
        } catch (LunaException e) {
            if (e.status().value() == 404) {
                throw VisionErrors.SAMPLE_NOT_FOUND.exception(sampleId);
            }
            throw e;
        }
    }

    static String url(String sampleId) {
        return "/6/samples/faces/" + sampleId;
    }

    static String bodyUrl(String sampleId) {
        return "/6/samples/bodies/" + sampleId;
    }
}

package io.selene.matcher.faces;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.selene.commons.PlatformHeaders;
import io.selene.commons.client.InternalClients;
import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.descriptor.DescriptorFrames;
import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * What the matcher reads from faces-service: the change feed, descriptors of a list (bulk frames)
 * and of single faces or temporary attributes. Index maintenance reads with visibility {@code all}
 * and no account (platform-internal); reads for a request carry the caller's account instead, so
 * faces-service enforces the caller's scope.
 */
@Component
public class FacesSource {

    static final String SERVICE = "faces-service";
    private static final int FEED_PAGE = 10_000;
    private static final int BULK_PAGE = 10_000;
    private static final int IDS_PER_READ = 100;

    private final RestClient faces;

    public FacesSource(InternalClients clients) {
        this.faces = clients.restClient(SERVICE);
    }

    /** One change of the feed (bound straight from the JSON: a 1M-change replay builds no tree). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Change(@JsonProperty("change_key") long key, @JsonProperty("action") String action,
                         @JsonProperty("account_id") UUID accountId, @JsonProperty("list_id") UUID listId,
                         @JsonProperty("face_id") UUID faceId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChangePage(@JsonProperty("changes") List<Change> changes, @JsonProperty("last_key") long lastKey,
                             @JsonProperty("has_more") boolean hasMore) {
    }

    public ChangePage changesAfter(long afterKey) {
        return faces.get().uri("/3/lists/changes?after_key={k}&limit={l}", afterKey, FEED_PAGE)
                .header(PlatformHeaders.VISIBILITY, "all")
                .retrieve().body(ChangePage.class);
    }

    /** The account's changes after {@code afterKey} (catching a newly loaded account gallery up). */
    public ChangePage changesAfter(long afterKey, UUID accountId) {
        return faces.get().uri("/3/lists/changes?after_key={k}&limit={l}&account_id={a}", afterKey, FEED_PAGE, accountId)
                .header(PlatformHeaders.VISIBILITY, "all")
                .retrieve().body(ChangePage.class);
    }

    private record Position(@JsonProperty("position") long position) {
    }

    /** The feed's newest committed key: every write acknowledged before this call is at or below it. */
    public long position() {
        return faces.get().uri("/3/lists/changes/position").header(PlatformHeaders.VISIBILITY, "all")
                .retrieve().body(Position.class).position();
    }

    /** Streams every version-201 descriptor of a list's members to {@code sink}. */
    public void listDescriptors(UUID listId, Consumer<FaceDescriptor> sink) {
        bulkDescriptors("list_id=" + listId, sink);
    }

    /** Streams every version-201 descriptor of an account's faces to {@code sink}. */
    public void accountDescriptors(UUID accountId, Consumer<FaceDescriptor> sink) {
        bulkDescriptors("account_id=" + accountId, sink);
    }

    private void bulkDescriptors(String scope, Consumer<FaceDescriptor> sink) {
        long afterKey = 0;
        int afterVersion = Integer.MIN_VALUE;
        while (true) {
            long[] last = {afterKey};
            int[] lastVersion = {afterVersion};
            int[] count = {0};
            String uri = "/3/faces/descriptors?" + scope + "&version=" + DescriptorVersion.FACE_FP512.number()
                    + "&limit=" + BULK_PAGE + (afterKey > 0 ? "&after_key=" + afterKey + "&after_version=" + afterVersion
                    : "");
            faces.get().uri(uri).accept(MediaType.APPLICATION_OCTET_STREAM).header(PlatformHeaders.VISIBILITY, "all")
                    .exchange((request, response) -> {
                        if (response.getStatusCode().isError()) {
                            throw PlatformErrors.DOWNSTREAM_BAD_ANSWER.exception(SERVICE, response.getStatusCode().value());
                        }
                        readFrames(response.getBody(), frame -> {
                            count[0]++;
                            last[0] = frame.key();
                            lastVersion[0] = frame.version();
                            sink.accept(frame);
                        });
                        return null;
                    });
            if (count[0] < BULK_PAGE) {
                return;
            }
            afterKey = last[0];
            afterVersion = lastVersion[0];
        }
    }

    /**
     * Version-201 descriptors of many faces of any account (index maintenance), read in bulk frames a
     * chunk of ids at a time (the ids travel in the query string, so a chunk stays well under the
     * request-line limit). Faces deleted since, or without such a descriptor, are absent.
     */
    public Map<UUID, float[]> faceDescriptors(Collection<UUID> faceIds) {
        Map<UUID, float[]> found = new HashMap<>();
        List<UUID> all = new ArrayList<>(faceIds);
        for (int from = 0; from < all.size(); from += IDS_PER_READ) {
            List<UUID> chunk = all.subList(from, Math.min(all.size(), from + IDS_PER_READ));
            String uri = "/3/faces/descriptors?version=" + DescriptorVersion.FACE_FP512.number() + "&limit="
                    + chunk.size() + "&face_ids=" + String.join(",", chunk.stream().map(UUID::toString).toList());
            faces.get().uri(uri).accept(MediaType.APPLICATION_OCTET_STREAM).header(PlatformHeaders.VISIBILITY, "all")
                    .exchange((request, response) -> {
                        if (response.getStatusCode().isError()) {
                            throw PlatformErrors.DOWNSTREAM_BAD_ANSWER.exception(SERVICE, response.getStatusCode().value());
                        }
                        readFrames(response.getBody(), frame -> found.put(frame.faceId(), frame.values()));
                        return null;
                    });
        }
        return found;
    }

    /** Descriptor of version 201 of one face, read with the visibility of the calling context. */
    public Optional<float[]> faceDescriptor(UUID faceId, boolean platformWide) {
        RestClient.RequestHeadersSpec<?> request = faces.get().uri("/3/faces/{id}/attributes", faceId);
        if (platformWide) {
            request = request.header(PlatformHeaders.VISIBILITY, "all");
        }
        JsonNode body = request.retrieve().body(JsonNode.class);
        return descriptorIn(body.path("attributes").path("descriptors"));
    }

    /** Descriptor of version 201 of a temporary attribute, read with the caller's account. */
    public Optional<float[]> attributeDescriptor(UUID attributeId) {
        JsonNode body = faces.get().uri("/3/attributes/{id}", attributeId).retrieve().body(JsonNode.class);
        return descriptorIn(body.path("descriptors"));
    }

    /**
     * A temporary attribute as a candidate, read with the caller's account: empty when it is unknown,
     * expired or another account's (all 404 at faces-service), so such ids simply match nothing.
     */
    public Optional<JsonNode> attribute(UUID attributeId) {
        try {
            return Optional.of(faces.get().uri("/3/attributes/{id}", attributeId).retrieve().body(JsonNode.class));
        } catch (LunaException e) {
            if (e.status().value() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The version-201 descriptor among an object's {@code descriptors}. */
    public static Optional<float[]> descriptorOf(JsonNode withDescriptors) {
        return descriptorIn(withDescriptors.path("descriptors"));
    }

    /** Faces by id with {@code targets}, read with the caller's account (another account's are left out). */
    public Map<UUID, JsonNode> faces(Collection<UUID> ids, Collection<String> targets) {
        Map<UUID, JsonNode> found = new HashMap<>();
        List<UUID> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += 100) {
            List<UUID> chunk = all.subList(from, Math.min(all.size(), from + 100));
            JsonNode body = faces.get().uri("/3/faces?face_ids={ids}&targets={targets}&page_size=100",
                    String.join(",", chunk.stream().map(UUID::toString).toList()), String.join(",", targets))
                    .retrieve().body(JsonNode.class);
            for (JsonNode face : body.get("faces")) {
                found.put(UUID.fromString(face.get("face_id").asString()), face);
            }
        }
        return found;
    }

    /** Throws the owner's 404 unless the caller may see the list. */
    public void requireVisibleList(UUID listId) {
        // GET, not HEAD: a HEAD 404 has no body, and the caller should see faces-service's own error.
        faces.get().uri("/3/lists/{id}", listId).retrieve().toBodilessEntity();
    }

    private static Optional<float[]> descriptorIn(JsonNode descriptors) {
        for (JsonNode descriptor : descriptors) {
            if (descriptor.get("version").asInt() == DescriptorVersion.FACE_FP512.number()) {
                return Optional.of(DescriptorCodec.decodeRawBase64(descriptor.get("data").asString(),
                        DescriptorVersion.FACE_FP512.number()).values());
            }
        }
        return Optional.empty();
    }

    /** One frame of the bulk read. */
    public record FaceDescriptor(long key, UUID faceId, int version, float[] values) {
    }

    static void readFrames(InputStream body, Consumer<FaceDescriptor> sink) throws IOException {
        try (DescriptorFrames.Reader frames = DescriptorFrames.reader(new BufferedInputStream(body, 1 << 16))) {
            DescriptorFrames.Frame frame;
            while ((frame = frames.next()) != null) {
                sink.accept(new FaceDescriptor(frame.key(), frame.id(), frame.version(),
                        DescriptorCodec.decodeRaw(frame.data(), frame.version()).values()));
            }
        } catch (EOFException cut) {
            throw new IOException("descriptor stream from faces-service was cut off before its end frame", cut);
        }
    }
}

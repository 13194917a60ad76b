package io.selene.matcher.candidates;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

import io.selene.commons.client.InternalClients;
import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.descriptor.DescriptorFrames;
import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import io.selene.matcher.MatcherErrors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams descriptors from their owner's internal bulk read ({@code GET /3/faces/descriptors},
 * {@code GET /2/events/descriptors}: keyset pages of {@link DescriptorFrames}) with the caller's
 * account, so the owner applies the account scope and the filters. A stream longer than its bound
 * is refused (15009) rather than cut, so a filtered match never silently misses candidates.
 */
@Component
public class DescriptorStream {

    public static final String FACES = "faces-service";
    public static final String EVENTS = "events-service";

    private final Map<String, RestClient> services = new LinkedHashMap<>();
    private final JsonMapper json;

    public DescriptorStream(InternalClients clients, JsonMapper json) {
        this.services.put(FACES, clients.restClient(FACES));
        this.services.put(EVENTS, clients.restClient(EVENTS));
        this.json = json;
    }

    /**
     * Passes every descriptor of {@code version} matching {@code filters} (query parameters of the
     * bulk read, values unencoded) to {@code sink}; returns how many.
     *
     * @param max more than this many descriptors → 400 15009
     */
    public long read(String service, String path, Map<String, String> filters, int version, int page, long max,
            BiConsumer<UUID, float[]> sink) {
        RestClient client = services.get(service);
        long total = 0;
        long[] after = null;
        while (true) {
            // Values go in as URI variables, which are encoded strictly ('+' of an offset, '&' in user_data).
            Map<String, Object> variables = new LinkedHashMap<>();
            StringBuilder uri = new StringBuilder(path).append("?version={version}&limit={limit}");
            variables.put("version", version);
            int asked = (int) Math.min(page, max - total + 1);
            variables.put("limit", asked);
            int i = 0;
            for (Map.Entry<String, String> filter : filters.entrySet()) {
                uri.append('&').append(filter.getKey()).append("={f").append(i).append('}');
                variables.put("f" + i++, filter.getValue());
            }
            if (after != null) {
                uri.append("&after_key={afterKey}&after_version={afterVersion}");
                variables.put("afterKey", after[0]);
                variables.put("afterVersion", after[1]);
            }
            long[] last = new long[3]; // key, version, count
            client.get().uri(uri.toString(), variables).accept(MediaType.APPLICATION_OCTET_STREAM)
                    .exchange((request, response) -> {
                        if (response.getStatusCode().isError()) {
                            throw downstreamError(service, response);
                        }
                        try (DescriptorFrames.Reader frames = DescriptorFrames.reader(
                                new BufferedInputStream(response.getBody(), 1 << 16))) {
                            DescriptorFrames.Frame frame;
                            while ((frame = frames.next()) != null) {
                                last[0] = frame.key();
                                last[1] = frame.version();
                                last[2]++;
                                sink.accept(frame.id(), DescriptorCodec.decodeRaw(frame.data(), frame.version()).values());
                            }
                        } catch (EOFException cut) {
                            throw PlatformErrors.DOWNSTREAM_BAD_ANSWER.exceptionWithCause(cut, service,
                                    "200 cut off before the end frame");
                        }
                        return null;
                    });
            total += last[2];
            if (total > max) {
                throw MatcherErrors.TOO_MANY_STREAMED.exception(max);
            }
            if (last[2] < asked) {
                return total;
            }
            after = new long[] {last[0], last[1]};
        }
    }

    /** The owner's LUNA error, re-raised unchanged (a 400 for a bad filter, 403/404 for another account). */
    private LunaException downstreamError(String service, ClientHttpResponse response) throws IOException {
        int status = response.getStatusCode().value();
        try {
            JsonNode error = json.readTree(response.getBody().readNBytes(64 * 1024));
            if (error.hasNonNull("error_code") && error.hasNonNull("desc")) {
                return new LunaException(HttpStatus.valueOf(status), error.get("error_code").asInt(),
                        error.get("desc").asString(), error.path("detail").asString(""));
            }
        } catch (RuntimeException notLuna) {
            // fall through: not a LUNA error body
        }
        return PlatformErrors.DOWNSTREAM_BAD_ANSWER.exception(service, status);
    }
}

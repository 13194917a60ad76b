package io.selene.backport.lp3;

import static io.selene.backport.Downstream.IMAGE_STORE;
import static io.selene.backport.Downstream.LIVENESS;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.selene.backport.BackportErrors;
import io.selene.backport.Downstream;
import io.selene.backport.Legacy;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * LP3's binary resources: a descriptor's portrait (its {@code /6} sample, read from Image Store) and liveness
 * ({@code /6/liveness}'s V1 estimate, request and answer passed as they are).
 */
@RestController
public class Lp3Media {

    private final Lp3Store store;
    private final Downstream downstream;

    public Lp3Media(Lp3Store store, Downstream downstream) {
        this.store = store;
        this.downstream = downstream;
    }

    @GetMapping("/4/storage/portraits/{descriptor_id}")
    public ResponseEntity<byte[]> portrait(@PathVariable("descriptor_id") String id) {
        UUID descriptorId = Legacy.uuid("descriptor_id", id);
        JsonNode descriptor = store.descriptor(descriptorId);
        String sample = Lp3Store.portraitSample(descriptor);
        if (sample == null) {
            throw BackportErrors.NO_PORTRAIT.exception(descriptorId);
        }
        return passed(downstream.raw(IMAGE_STORE, HttpMethod.GET, "/1/buckets/face-samples/images/" + sample, null,
                null, null));
    }

    @PostMapping("/4/liveness")
    public ResponseEntity<byte[]> liveness(HttpServletRequest request, @RequestBody(required = false) byte[] body) {
        // the query string only: a multipart form's fields are the body's, passed with it
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        String given = request.getQueryString();
        for (String pair : given == null ? new String[0] : given.split("&")) {
            int equals = pair.indexOf('=');
            if (!pair.isEmpty()) {
                query.add(decode(equals < 0 ? pair : pair.substring(0, equals)),
                        equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return passed(downstream.raw(LIVENESS, HttpMethod.POST, "/1/liveness", query, request.getContentType(),
                body));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static ResponseEntity<byte[]> passed(ResponseEntity<byte[]> answer) {
        ResponseEntity.BodyBuilder out = ResponseEntity.status(answer.getStatusCode());
        String type = answer.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        if (type != null) {
            out.header(HttpHeaders.CONTENT_TYPE, type);
        }
        return out.body(answer.getBody());
    }
}

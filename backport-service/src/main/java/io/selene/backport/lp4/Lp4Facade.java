package io.selene.backport.lp4;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.selene.backport.Downstream;
import io.selene.commons.error.PlatformErrors;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * LP4's {@code /5}: LUNA PLATFORM 5 kept LP4's resources (faces, lists, attributes, handlers, events, matcher,
 * tasks) and their JSON, so each request is the same request to the owning {@code /6} service with LP4's
 * singular filters renamed ({@link Lp4Routes#FILTERS}); answers come back with {@code /6/} links as {@code /5/}.
 */
@RestController
public class Lp4Facade {

    /** Links a {@code /6} service answers that have a {@code /5} route. */
    private static final List<String> LINKED = List.of("faces", "lists", "attributes", "handlers", "events", "tasks");

    private final Downstream downstream;

    public Lp4Facade(Downstream downstream) {
        this.downstream = downstream;
    }

    @RequestMapping({"/5/faces/**", "/5/faces", "/5/lists", "/5/lists/**", "/5/linker", "/5/attributes",
            "/5/attributes/**", "/5/detector", "/5/extractor", "/5/handlers", "/5/handlers/**", "/5/events",
            "/5/events/**", "/5/matcher", "/5/tasks", "/5/tasks/**"})
    public ResponseEntity<byte[]> forward(HttpServletRequest request) throws IOException {
        // HEAD is a GET without the body, as the gateway routes it
        String method = request.getMethod().equals("HEAD") ? "GET" : request.getMethod();
        Map.Entry<Lp4Routes.Route, String> resolved = Lp4Routes.resolve(method, request.getRequestURI());
        if (resolved == null) {
            throw PlatformErrors.INVALID_ROUTE.exception(request.getMethod(), request.getRequestURI());
        }
        byte[] body = request.getInputStream().readAllBytes();
        ResponseEntity<byte[]> answer = downstream.raw(resolved.getKey().service(),
                HttpMethod.valueOf(request.getMethod()), resolved.getValue(), query(request),
                request.getContentType(), body);
        ResponseEntity.BodyBuilder out = ResponseEntity.status(answer.getStatusCode());
        String type = answer.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        if (type != null) {
            out.header(HttpHeaders.CONTENT_TYPE, type);
        }
        String location = answer.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location != null) {
            out.header(HttpHeaders.LOCATION, legacyLinks(location));
        }
        byte[] bytes = answer.getBody();
        if (bytes != null && type != null && type.contains("json")) {
            bytes = legacyLinks(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }
        return out.body(bytes);
    }

    /** A search's filters are translated; other requests' parameters (an event's {@code source}) pass as they are. */
    private static MultiValueMap<String, String> query(HttpServletRequest request) {
        if (request.getMethod().equals("GET")) {
            return filters(request.getParameterMap());
        }
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        request.getParameterMap().forEach((name, values) -> query.addAll(name, List.of(values)));
        return query;
    }

    /** The query with LP4's singular filters under their {@code /6} names (a plural given too wins). */
    static MultiValueMap<String, String> filters(Map<String, String[]> parameters) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        parameters.forEach((name, values) -> {
            String renamed = Lp4Routes.FILTERS.getOrDefault(name, name);
            if (!renamed.equals(name) && parameters.containsKey(renamed)) {
                return;
            }
            for (String value : values) {
                query.add(renamed, value);
            }
        });
        return query;
    }

    static String legacyLinks(String text) {
        String result = text;
        for (String resource : LINKED) {
            result = result.replace("/6/" + resource + "/", "/5/" + resource + "/");
        }
        return result;
    }
}

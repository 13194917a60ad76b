package io.selene.imagestore;

import java.util.Set;

import io.selene.commons.error.PlatformErrors;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/** Query-string checks shared by the controllers: unknown or repeated parameters are a 400 (101). */
public final class Queries {

    private Queries() {
    }

    /** Parses the query string (never a form body) and refuses parameters the route does not take. */
    public static MultiValueMap<String, String> allowOnly(HttpServletRequest request, Set<String> allowed) {
        MultiValueMap<String, String> query = UriComponentsBuilder.newInstance().query(request.getQueryString())
                .build(false).getQueryParams();
        for (String name : query.keySet()) {
            if (!allowed.contains(name)) {
                throw PlatformErrors.BAD_QUERY.exception("Unknown query parameter '" + name + "'");
            }
            if (query.get(name).size() > 1) {
                throw PlatformErrors.BAD_QUERY.exception("Query parameter '" + name + "' given more than once");
            }
        }
        return query;
    }
}

package io.selene.api.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.UnaryOperator;

import io.selene.commons.client.InternalClients;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin pages through the gateway: {@code /admin/<path>} is admin-service's {@code /<path>}, passed on
 * with the browser's cookie and form and answered as admin-service answers (its session cookie, its
 * redirects, which already carry {@code /admin}). No {@code /6} authentication here: the pages log their
 * admin in themselves, and this proxy adds neither the shared secret nor an account.
 */
@RestController
@Hidden
public class AdminPagesProxy {

    static final String PREFIX = "/admin";
    /** Tells admin-service its pages are under {@link #PREFIX} (outside X-Selene-* headers never get here). */
    static final String PREFIX_HEADER = "X-Selene-Admin-Prefix";
    private static final String SERVICE = "admin-service";
    private static final List<String> FORWARDED_REQUEST_HEADERS = List.of("Content-Type", "Accept",
            "Accept-Language", "Cookie", "User-Agent", "If-None-Match", "If-Modified-Since");

    private final InternalClients clients;
    private final Proxy proxy;

    public AdminPagesProxy(InternalClients clients, Proxy proxy) {
        this.clients = clients;
        this.proxy = proxy;
    }

    @RequestMapping({PREFIX, PREFIX + "/**"})
    public void forward(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(PREFIX.length());
        String query = request.getQueryString();
        URI target = URI.create(clients.baseUrl(SERVICE) + (path.isEmpty() ? "/" : path)
                + (query == null ? "" : "?" + query));
        HttpRequest.Builder builder = proxy.request(target, request, FORWARDED_REQUEST_HEADERS)
                .header(PREFIX_HEADER, PREFIX)
                .method(request.getMethod(), Proxy.body(request));
        HttpResponse<InputStream> answer = proxy.send(builder.build(), SERVICE);
        response.setStatus(answer.statusCode());
        Proxy.copyHeaders(answer, response, UnaryOperator.identity());
        answer.headers().firstValueAsLong("Content-Length").ifPresent(response::setContentLengthLong);
        try (InputStream in = answer.body()) {
            if (!"HEAD".equals(request.getMethod())) {
                OutputStream out = response.getOutputStream();
                in.transferTo(out);
                out.flush();
            }
        }
    }
}

package io.selene.api.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Locale;

import io.selene.commons.PlatformHeaders;
import io.selene.commons.PlatformSettings;
import io.selene.commons.client.InternalClients;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.web.RequestIds;
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
    private static final List<String> FORWARDED_REQUEST_HEADERS = List.of("Content-Type", "Accept",
            "Accept-Language", "Cookie", "User-Agent", "If-None-Match", "If-Modified-Since");

    private final InternalClients clients;
    private final HttpClient client;
    private final PlatformSettings settings;

    public AdminPagesProxy(InternalClients clients, PlatformSettings settings) {
        this.clients = clients;
        this.settings = settings;
        this.client = HttpClient.newBuilder().connectTimeout(settings.clients().connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @RequestMapping({PREFIX, PREFIX + "/**"})
    public void forward(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI().substring(PREFIX.length());
        String query = request.getQueryString();
        URI target = URI.create(clients.baseUrl("admin-service") + (path.isEmpty() ? "/" : path)
                + (query == null ? "" : "?" + query));
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(settings.clients().readTimeout());
        for (String name : FORWARDED_REQUEST_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                builder.header(name, value);
            }
        }
        String requestId = RequestIds.current();
        if (requestId != null) {
            builder.header(PlatformHeaders.REQUEST_ID, requestId);
        }
        builder.header(PREFIX_HEADER, PREFIX);
        builder.method(request.getMethod(), Proxy.body(request));
        HttpResponse<InputStream> answer;
        try {
            answer = client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw PlatformErrors.DOWNSTREAM_TIMEOUT.exceptionWithCause(e, "admin-service");
        } catch (ConnectException e) {
            throw PlatformErrors.DOWNSTREAM_UNREACHABLE.exceptionWithCause(e, "admin-service");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw PlatformErrors.DOWNSTREAM_UNREACHABLE.exceptionWithCause(e, "admin-service");
        }
        response.setStatus(answer.statusCode());
        answer.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!Proxy.DROPPED_RESPONSE_HEADERS.contains(lower) && !lower.startsWith("x-selene-")) {
                values.forEach(value -> response.addHeader(name, value));
            }
        });
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

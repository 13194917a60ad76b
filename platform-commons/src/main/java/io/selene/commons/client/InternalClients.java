package io.selene.commons.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.util.Arrays;
import java.util.List;

import io.selene.commons.PlatformHeaders;
import io.selene.commons.PlatformSettings;
import io.selene.commons.error.ErrorBody;
import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds typed clients for calls between services: base URL from {@code selene.services.<name>.url},
 * connect/read timeouts, the current {@code Luna-Request-Id} forwarded, and a downstream LUNA
 * error re-raised as the same {@link LunaException} so the caller answers with it unchanged.
 */
public class InternalClients {

    private final PlatformSettings properties;
    private final JsonMapper jsonMapper;
    private final HttpClient httpClient;

    public InternalClients(PlatformSettings properties, JsonMapper jsonMapper) {
        this.properties = properties;
        this.jsonMapper = jsonMapper;
        this.httpClient = HttpClient.newBuilder()
                .connectTimeout(properties.clients().connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Base URL of a service by module name, e.g. {@code faces-service}: the first of its URLs. */
    public String baseUrl(String service) {
        return baseUrls(service).getFirst();
    }

    /**
     * Every URL of a service, in order: {@code selene.services.<name>.url} may list several instances that
     * each answer every request (e.g. sharded matchers, each of which routes to its peers); a call goes to
     * the first that accepts the connection.
     */
    public List<String> baseUrls(String service) {
        PlatformSettings.Endpoint endpoint = properties.services().get(service);
        if (endpoint == null || endpoint.url() == null || endpoint.url().isBlank()) {
            throw new IllegalArgumentException("No URL configured for service '" + service
                    + "' (selene.services." + service + ".url)");
        }
        return Arrays.stream(endpoint.url().split(",")).map(String::trim).filter(url -> !url.isEmpty()).toList();
    }

    public RestClient restClient(String service) {
        List<String> urls = baseUrls(service);
        RestClient.Builder builder = restClientBuilder(service, urls.getFirst());
        if (urls.size() > 1) {
            builder.requestInterceptor((request, body, execution) -> failOver(urls, request, body, execution));
        }
        return builder.build();
    }

    /** A client of one instance at {@code baseUrl} (e.g. a matcher shard), errors named after {@code name}. */
    public RestClient restClient(String name, String baseUrl) {
        return restClientBuilder(name, baseUrl).build();
    }

    private RestClient.Builder restClientBuilder(String service, String baseUrl) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(httpClient);
        factory.setReadTimeout(properties.clients().readTimeout());
        return RestClient.builder()
                .baseUrl(baseUrl)
                .requestFactory(factory)
                .requestInterceptor(InternalClients::forwardRequestId)
                .requestInterceptor(this::authenticate)
                .defaultStatusHandler(status -> status.isError(),
                        (request, response) -> { throw translate(service, response); });
    }

    /**
     * Sends to the first instance that accepts the connection. Only a refused connection moves on (the
     * request never reached that instance, so even a POST is safe to send again); any other failure is
     * the answer.
     */
    private static ClientHttpResponse failOver(List<String> urls, HttpRequest request, byte[] body,
            ClientHttpRequestExecution execution) throws IOException {
        String target = request.getURI().toString();
        String first = urls.getFirst();
        if (!target.startsWith(first)) {
            return execution.execute(request, body);
        }
        IOException refused = null;
        for (String url : urls) {
            URI uri = URI.create(url + target.substring(first.length()));
            try {
                return execution.execute(new HttpRequestWrapper(request) {
                    @Override
                    public URI getURI() {
                        return uri;
                    }
                }, body);
            } catch (IOException e) {
                if (!notConnected(e)) {
                    throw e;
                }
                refused = e;
            }
        }
        throw refused;
    }

    /** Whether the connection was never made (refused, or its connect timed out): nothing was sent. */
    public static boolean notConnected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** An HTTP-interface client ({@code @GetExchange} methods) for a service. */
    public <T> T client(String service, Class<T> httpInterface) {
        return HttpServiceProxyFactory.builderFor(RestClientAdapter.create(restClient(service)))
                .build()
                .createClient(httpInterface);
    }

    private static ClientHttpResponse forwardRequestId(HttpRequest request, byte[] body,
            ClientHttpRequestExecution execution) throws IOException {
        String requestId = RequestIds.current();
        if (requestId != null && !request.getHeaders().containsHeader(PlatformHeaders.REQUEST_ID)) {
            request.getHeaders().set(PlatformHeaders.REQUEST_ID, requestId);
        }
        return execution.execute(request, body);
    }

    /** Adds the shared secret, and the account of the request being served unless the call sets its own. */
    private ClientHttpResponse authenticate(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        HttpHeaders headers = request.getHeaders();
        String secret = properties.internal().secret();
        if (secret != null && !secret.isBlank()) {
            headers.set(PlatformHeaders.INTERNAL_SECRET, secret);
        }
        if (!headers.containsHeader(PlatformHeaders.ACCOUNT_ID)
                && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes current) {
            HttpServletRequest incoming = current.getRequest();
            copy(incoming, headers, PlatformHeaders.ACCOUNT_ID);
            copy(incoming, headers, PlatformHeaders.VISIBILITY);
        }
        return execution.execute(request, body);
    }

    private static void copy(HttpServletRequest from, HttpHeaders to, String name) {
        String value = from.getHeader(name);
        if (value != null) {
            to.set(name, value);
        }
    }

    private LunaException translate(String service, ClientHttpResponse response) throws IOException {
        HttpStatus status = HttpStatus.resolve(response.getStatusCode().value());
        byte[] bytes;
        try (InputStream body = response.getBody()) {
            bytes = body.readNBytes(64 * 1024);
        }
        try {
            ErrorBody error = jsonMapper.readValue(bytes, ErrorBody.class);
            if (status != null && error.desc() != null) {
                return new LunaException(status, error.errorCode(), error.desc(), error.detail());
            }
        } catch (RuntimeException notLuna) {
            // fall through: the downstream answered something that is not a LUNA error
        }
        LunaException bad = PlatformErrors.DOWNSTREAM_BAD_ANSWER.exception(service, response.getStatusCode().value());
        if (bytes.length == 0 && status != null && status.is4xxClientError()) {
            // a HEAD answer has no body: its status is the whole answer, so a 404 stays a 404
            return new LunaException(status, bad.errorCode(), bad.desc(), bad.detail());
        }
        return bad;
    }
}

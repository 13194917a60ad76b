package io.selene.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for tests: what a LUNA client would send, and the answer as status, headers and JSON. */
public final class HttpProbe {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;
    private final String[] defaultHeaders;

    public HttpProbe(String baseUrl, String... defaultHeaders) {
        this.baseUrl = baseUrl;
        this.defaultHeaders = defaultHeaders.clone();
    }

    /** A caller from outside: no internal secret, no account. */
    public static HttpProbe onPort(int port) {
        return new HttpProbe("http://127.0.0.1:" + port);
    }

    /** Another Selene service (or the gateway) calling an internal service on behalf of an account. */
    public static HttpProbe internal(int port, java.util.UUID accountId) {
        return new HttpProbe("http://127.0.0.1:" + port,
                "X-Selene-Internal-Secret", TestInfrastructure.get().internalSecret(),
                "X-Selene-Account-Id", accountId.toString());
    }

    /** Another Selene service calling without an account (platform-internal work). */
    public static HttpProbe internal(int port) {
        return new HttpProbe("http://127.0.0.1:" + port,
                "X-Selene-Internal-Secret", TestInfrastructure.get().internalSecret());
    }

    /** The same probe with more headers on every request. */
    public HttpProbe with(String... headers) {
        String[] all = java.util.Arrays.copyOf(defaultHeaders, defaultHeaders.length + headers.length);
        System.arraycopy(headers, 0, all, defaultHeaders.length, headers.length);
        return new HttpProbe(baseUrl, all);
    }

    public Answer get(String path, String... headers) {
        return send(request(path, headers).GET().build());
    }

    public Answer post(String path, String json) {
        return post(path, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public Answer post(String path, String contentType, byte[] body, String... headers) {
        return send(request(path, headers).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public Answer send(String method, String path, String contentType, byte[] body, String... headers) {
        return send(request(path, headers).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    public Answer send(String method, String path, String... headers) {
        return send(request(path, headers).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i + 1 < defaultHeaders.length; i += 2) {
            builder.setHeader(defaultHeaders[i], defaultHeaders[i + 1]);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
        return builder;
    }

    public Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One HTTP answer. */
    public record Answer(int status, HttpResponse<byte[]> response, byte[] body) {

        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }
}

package io.selene.commons.settings;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.selene.commons.PlatformHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks configurator-service for this service's settings ({@code GET /1/config?service_name=}). Plain
 * JDK HTTP: it also runs before the Spring context exists, at start-up.
 */
public final class ConfiguratorPull {

    private final URI uri;
    private final String secret;
    private final Duration timeout;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    public ConfiguratorPull(String baseUrl, String serviceName, String secret, Duration timeout) {
        this.uri = URI.create(baseUrl.replaceAll("/+$", "") + "/1/config?service_name="
                + URLEncoder.encode(serviceName, StandardCharsets.UTF_8));
        this.secret = secret == null ? "" : secret;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public URI uri() {
        return uri;
    }

    /** The settings, or an exception saying why the Configurator could not be read. */
    public List<PulledSetting> pull() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header(PlatformHeaders.INTERNAL_SECRET, secret).header("Accept", "application/json").GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + uri);
        }
        JsonNode settings = json.readTree(response.body()).path("settings");
        List<PulledSetting> pulled = new ArrayList<>();
        for (JsonNode setting : settings) {
            pulled.add(new PulledSetting(setting.path("name").asString(), setting.path("value"),
                    setting.path("reload").asString(SettingNames.RESTART), setting.path("version").asInt()));
        }
        return pulled;
    }
}

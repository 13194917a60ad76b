package io.selene.commons;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings every service shares, under {@code selene.*}. Defaults live in
 * {@code selene-defaults.properties} of platform-commons; each service overrides in its own
 * {@code <service-name>.yml}.
 */
@ConfigurationProperties("selene")
public record PlatformSettings(
        Service service,
        Http http,
        Errors errors,
        Clients clients,
        Internal internal,
        Map<String, Endpoint> services) {

    public PlatformSettings {
        services = services == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(services));
    }

    /** Identity of this service, filled from {@link io.selene.commons.PlatformService}. */
    public record Service(String name, int apiVersion, String version) {
    }

    /** Inbound HTTP limits. */
    public record Http(DataSize maxBodySize) {
    }

    /** Where the {@code link} of an error points: {@code linkBase + error_code}. */
    public record Errors(String linkBase) {
    }

    /** Internal HTTP client timeouts. */
    public record Clients(Duration connectTimeout, Duration readTimeout) {
    }

    /**
     * Trust between services: the shared secret every internal call carries, and whether this
     * service demands it (all but the public API gateway do).
     */
    public record Internal(String secret, boolean requireSecret) {
    }

    /** Base URL of another service. */
    public record Endpoint(String url) {
    }
}

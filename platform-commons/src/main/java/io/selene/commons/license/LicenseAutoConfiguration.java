package io.selene.commons.license;

import java.time.Clock;
import java.time.Duration;

import io.selene.commons.client.InternalClients;
import io.selene.commons.config.PlatformAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/** The {@link LicenseCheck} and the licence error codes, in every service. */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@ConditionalOnProperty("selene.service.name")
public class LicenseAutoConfiguration {

    @Bean
    LicenseErrors licenseErrors() {
        return new LicenseErrors();
    }

    @Bean
    LicenseCheck licenseCheck(InternalClients clients, Clock clock,
            @Value("${selene.license.cache-ttl:10s}") Duration cacheTtl) {
        return new LicenseCheck(clients, cacheTtl, clock);
    }
}

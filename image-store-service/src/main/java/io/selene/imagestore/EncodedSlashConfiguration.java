package io.selene.imagestore;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat answers an encoded slash ({@code %2F}) in a path with its own HTML 400 page. Passing it
 * through unchanged lets the id reach our validation, which refuses it with a LUNA error (13005);
 * it is never decoded into a path separator, so {@code ..%2F..} cannot climb out of a bucket.
 */
@Configuration(proxyBeanMethods = false)
class EncodedSlashConfiguration {

    @Bean
    TomcatConnectorCustomizer passEncodedSlashesToValidation() {
        return connector -> {
            connector.setEncodedSolidusHandling("passthrough");
            connector.setEncodedReverseSolidusHandling("passthrough");
        };
    }
}

package io.selene.imagestore.storage;

import io.selene.commons.health.HealthCheck;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StorageProperties.class)
class StorageConfiguration {

    @Bean
    @ConditionalOnProperty(name = "selene.image-store.backend", havingValue = "local", matchIfMissing = true)
    HealthCheck localDiskHealthCheck(StorageProperties properties) {
        return new LocalDiskHealthCheck(properties.root());
    }
}

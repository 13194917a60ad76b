package io.selene.configurator;

import io.selene.commons.PlatformService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Central settings with history (schema configurator). */
@SpringBootApplication
@PlatformService(name = "configurator-service", apiVersion = 1)
public class ConfiguratorServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConfiguratorServiceApplication.class, args);
    }
}

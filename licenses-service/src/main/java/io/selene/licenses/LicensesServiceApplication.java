package io.selene.licenses;

import io.selene.commons.PlatformService;
import io.selene.licenses.license.LicensesSettings;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Licence terms and feature limits (schema licenses). */
@SpringBootApplication
@PlatformService(name = "licenses-service", apiVersion = 1)
@EnableConfigurationProperties(LicensesSettings.class)
@EnableScheduling
public class LicensesServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(LicensesServiceApplication.class, args);
    }
}

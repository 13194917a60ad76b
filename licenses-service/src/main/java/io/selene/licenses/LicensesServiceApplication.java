package io.selene.licenses;

import io.selene.commons.PlatformService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Licence terms and feature limits (schema licenses). */
@SpringBootApplication
@PlatformService(name = "licenses-service", apiVersion = 1)
public class LicensesServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(LicensesServiceApplication.class, args);
    }
}

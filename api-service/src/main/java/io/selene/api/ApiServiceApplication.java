package io.selene.api;

import io.selene.commons.PlatformService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Public /6 REST API gateway: authenticates, scopes to an account and routes to the owning service. */
@SpringBootApplication
@PlatformService(name = "api-service", apiVersion = 6)
public class ApiServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ApiServiceApplication.class, args);
    }
}

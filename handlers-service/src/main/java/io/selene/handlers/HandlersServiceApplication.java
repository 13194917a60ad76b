package io.selene.handlers;

import io.selene.commons.PlatformService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Handlers and verifiers (schema handlers); runs the vision pipeline. */
@SpringBootApplication
@PlatformService(name = "handlers-service", apiVersion = 1)
public class HandlersServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(HandlersServiceApplication.class, args);
    }
}

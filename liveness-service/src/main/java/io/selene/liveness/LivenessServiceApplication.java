package io.selene.liveness;

import io.selene.commons.PlatformService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Liveness V1 prediction. */
@SpringBootApplication
@PlatformService(name = "liveness-service", apiVersion = 1)
public class LivenessServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(LivenessServiceApplication.class, args);
    }
}

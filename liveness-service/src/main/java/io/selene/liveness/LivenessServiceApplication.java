package io.selene.liveness;

import io.selene.commons.PlatformService;
import io.selene.liveness.prediction.LivenessSettings;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Liveness V1 prediction. */
@SpringBootApplication
@PlatformService(name = "liveness-service", apiVersion = 1)
@EnableConfigurationProperties(LivenessSettings.class)
public class LivenessServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(LivenessServiceApplication.class, args);
    }
}

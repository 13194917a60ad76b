package io.selene.backport;

import io.selene.commons.PlatformService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Backport 3 ({@code /4}) and Backport 4 ({@code /5}): LUNA PLATFORM 3 and 4 clients served by the {@code /6} services. */
@SpringBootApplication
@PlatformService(name = "backport-service", apiVersion = 4)
@EnableConfigurationProperties(BackportSettings.class)
public class BackportServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(BackportServiceApplication.class, args);
    }
}

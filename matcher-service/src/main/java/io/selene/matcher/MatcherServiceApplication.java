package io.selene.matcher;

import io.selene.commons.PlatformService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** In-memory descriptor index and 1:N matching. */
@SpringBootApplication
@PlatformService(name = "matcher-service", apiVersion = 1)
public class MatcherServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(MatcherServiceApplication.class, args);
    }
}

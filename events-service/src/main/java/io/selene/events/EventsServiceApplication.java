package io.selene.events;

import io.selene.commons.PlatformService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Events, detections, matches and tags (schema events). */
@SpringBootApplication
@PlatformService(name = "events-service", apiVersion = 2)
public class EventsServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(EventsServiceApplication.class, args);
    }
}

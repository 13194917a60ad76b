package io.selene.sender;

import io.selene.commons.PlatformService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Websocket push of generated events to subscribers. */
@SpringBootApplication
@PlatformService(name = "sender-service", apiVersion = 1)
public class SenderServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SenderServiceApplication.class, args);
    }
}

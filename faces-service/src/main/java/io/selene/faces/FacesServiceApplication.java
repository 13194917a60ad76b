package io.selene.faces;

import io.selene.commons.PlatformService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Faces, descriptors, lists and list links (schema faces); temporary attributes in Redis. */
@SpringBootApplication
@PlatformService(name = "faces-service", apiVersion = 3)
public class FacesServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(FacesServiceApplication.class, args);
    }
}

package io.selene.imagestore;

import io.selene.commons.PlatformService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** Buckets of samples, source images and objects on local disk or S3. */
@SpringBootApplication
@PlatformService(name = "image-store-service", apiVersion = 1)
public class ImageStoreServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ImageStoreServiceApplication.class, args);
    }

    @Bean
    ImageStoreErrors imageStoreErrors() {
        return new ImageStoreErrors();
    }
}

package io.selene.admin;

import io.selene.commons.PlatformService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Administration UI and API: accounts, system information. */
@SpringBootApplication
@PlatformService(name = "admin-service", apiVersion = 1)
public class AdminServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AdminServiceApplication.class, args);
    }
}

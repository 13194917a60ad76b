package io.selene.accounts;

import io.selene.commons.PlatformService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Accounts and tokens (schema accounts). */
@SpringBootApplication
@PlatformService(name = "accounts-service", apiVersion = 1)
public class AccountsServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AccountsServiceApplication.class, args);
    }
}

package io.selene.accounts;

import io.selene.commons.PlatformService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Accounts and tokens (schema accounts). */
@SpringBootApplication
@PlatformService(name = "accounts-service", apiVersion = 1)
@EnableConfigurationProperties(AccountsSettings.class)
public class AccountsServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AccountsServiceApplication.class, args);
    }

    @Bean
    AccountsErrors accountsErrors() {
        return new AccountsErrors();
    }
}

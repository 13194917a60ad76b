package io.selene.accounts.account;

import io.selene.accounts.AccountsSettings;
import io.selene.commons.error.LunaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the admin account on first start from {@code SELENE_ADMIN_LOGIN} / {@code SELENE_ADMIN_PASSWORD}.
 * There is no built-in password: without one, no admin is created and the log says how to make one.
 * Once the account exists, the variables are not read again (change the password with PATCH).
 */
@Component
public class DefaultAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DefaultAdmin.class);

    private final AccountsSettings settings;
    private final AccountRepository accounts;
    private final AccountService service;

    public DefaultAdmin(AccountsSettings settings, AccountRepository accounts, AccountService service) {
        this.settings = settings;
        this.accounts = accounts;
        this.service = service;
    }

    @Override
    public void run(ApplicationArguments args) {
        String configuredLogin = settings.admin().login();
        String password = settings.admin().password();
        if (configuredLogin == null || configuredLogin.isBlank()) {
            configuredLogin = "admin@selene.local";
        }
        String login;
        try {
            login = Logins.normalize("SELENE_ADMIN_LOGIN", configuredLogin);
        } catch (LunaException e) {
            throw new IllegalStateException("SELENE_ADMIN_LOGIN='" + configuredLogin + "' is not an e-mail address");
        }
        if (accounts.findByLogin(login).isPresent()) {
            log.info("Admin login {} exists", login);
            return;
        }
        if (password == null || password.isEmpty()) {
            if (accounts.countAdmins() == 0) {
                log.warn("No admin account exists and SELENE_ADMIN_PASSWORD is not set, so none was created. "
                        + "Set SELENE_ADMIN_PASSWORD (and optionally SELENE_ADMIN_LOGIN, default admin@selene.local) "
                        + "and restart accounts-service: it then creates the admin account {}.", login);
            }
            return;
        }
        if (password.length() < Logins.MIN_PASSWORD || password.length() > Logins.MAX_PASSWORD) {
            throw new IllegalStateException("SELENE_ADMIN_PASSWORD must have " + Logins.MIN_PASSWORD + ".."
                    + Logins.MAX_PASSWORD + " characters");
        }
        try {
            service.createUnchecked(login, password, AccountType.ADMIN, "default admin");
            log.info("Created the admin account {} from SELENE_ADMIN_LOGIN/SELENE_ADMIN_PASSWORD", login);
        } catch (LunaException raced) {
            log.info("Admin login {} was created by another instance", login);
        }
    }
}

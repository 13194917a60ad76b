package io.selene.admin.ui;

import java.util.Map;

import io.selene.admin.AdminErrors;
import io.selene.admin.caller.Admins;
import io.selene.commons.error.LunaException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Log in with an admin account's login and password (a form POST: the password never travels in a URL and
 * is never logged); the session id changes on login, so a planted session cannot be taken over.
 */
@RestController
@Hidden
public class LoginPage {

    private static final Logger log = LoggerFactory.getLogger(LoginPage.class);

    private final Admins admins;
    private final Pages pages;

    public LoginPage(Admins admins, Pages pages) {
        this.admins = admins;
        this.pages = pages;
    }

    @GetMapping("/login")
    public ResponseEntity<String> form(HttpServletRequest request) {
        return pages.page(request, "login", "Log in", Map.of());
    }

    @PostMapping("/login")
    public ResponseEntity<String> login(HttpServletRequest request, @RequestParam(defaultValue = "") String login,
            @RequestParam(defaultValue = "") String password) {
        Admins.Admin admin;
        try {
            admin = admins.login(login.trim(), password);
        } catch (LunaException e) {
            HttpStatus status = e.status();
            String why = switch (status.value()) {
                case 401 -> "Wrong login or password.";
                case 403 -> e.errorCode() == AdminErrors.NOT_ADMIN.code()
                        ? "Account " + login.trim() + " is not an admin: only admin accounts can use this site."
                        : e.detail();
                case 429 -> "Too many attempts: wait a moment and try again.";
                default -> "Could not log in: " + e.detail();
            };
            log.info("Admin login refused for '{}' ({} {})", login.trim(), status.value(), e.errorCode());
            Map<String, Object> model = Map.of("login", login, "message", why, "messageIsError", true);
            return pages.page(request, status.is4xxClientError() ? status : HttpStatus.BAD_GATEWAY, "login", "Log in",
                    model);
        }
        HttpSession old = request.getSession();
        old.invalidate();
        HttpSession session = request.getSession(true);
        session.setAttribute(Pages.ADMIN_ID, admin.accountId());
        log.info("Admin {} logged in to the admin pages", admin.login());
        return Pages.redirect(request, "/accounts");
    }

    @PostMapping("/logout")
    public ResponseEntity<String> logout(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        Pages.flash(request, "You have logged out.", false);
        return Pages.redirect(request, "/login");
    }
}

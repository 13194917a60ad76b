package io.selene.admin.ui;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.selene.admin.caller.Admins;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the pages (Thymeleaf templates under {@code admin/templates}) with what every page shows: the
 * base path (empty at :5010, {@code /admin} through the gateway), the session's CSRF token for its
 * forms, the admin logged in and a one-time message left by the last action. Answers are never cached
 * and carry a strict Content-Security-Policy (no scripts at all).
 */
@Component
public class Pages {

    /** Set by the gateway's {@code /admin/...} proxy; only this value is believed. */
    static final String PREFIX_HEADER = "X-Selene-Admin-Prefix";
    static final String GATEWAY_PREFIX = "/admin";
    static final String CSRF = "selene.admin.csrf";
    static final String ADMIN_ID = "selene.admin.account";
    private static final String FLASH = "selene.admin.flash";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A message for the next page: {@code error} tells how it is shown. */
    record Flash(String text, boolean error) {
    }

    private final TemplateEngine engine;

    public Pages() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(Pages.class.getClassLoader());
        resolver.setPrefix("admin/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
    }

    static String base(HttpServletRequest request) {
        return GATEWAY_PREFIX.equals(request.getHeader(PREFIX_HEADER)) ? GATEWAY_PREFIX : "";
    }

    /** The session's CSRF token, made with the session. */
    static String csrfToken(HttpSession session) {
        Object token = session.getAttribute(CSRF);
        if (token instanceof String text) {
            return text;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(CSRF, fresh);
        return fresh;
    }

    static void flash(HttpServletRequest request, String text, boolean error) {
        request.getSession().setAttribute(FLASH, new Flash(text, error));
    }

    ResponseEntity<String> page(HttpServletRequest request, String template, String title, Map<String, Object> model) {
        return page(request, HttpStatus.OK, template, title, model);
    }

    ResponseEntity<String> page(HttpServletRequest request, HttpStatus status, String template, String title,
            Map<String, Object> model) {
        HttpSession session = request.getSession();
        Map<String, Object> variables = new HashMap<>(model);
        variables.put("base", base(request));
        variables.put("csrf", csrfToken(session));
        variables.put("title", title);
        Object admin = request.getAttribute(Admins.ATTRIBUTE);
        variables.put("adminLogin", admin instanceof Admins.Admin a ? a.login() : null);
        if (session.getAttribute(FLASH) instanceof Flash flash) {
            session.removeAttribute(FLASH);
            variables.put("message", flash.text());
            variables.put("messageIsError", flash.error());
        }
        String html = engine.process(template, new Context(Locale.ENGLISH, variables));
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; "
                        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .body(html);
    }

    /** 303 to a page of this UI (after a form: the browser GETs it, a reload does not post again). */
    static ResponseEntity<String> redirect(HttpServletRequest request, String path) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, base(request) + path).build();
    }
}

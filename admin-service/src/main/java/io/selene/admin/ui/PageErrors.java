package io.selene.admin.ui;

import java.util.Map;

import io.selene.commons.error.LunaException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A page that cannot be shown answers a page saying why in words (the error's description and detail),
 * with its status, instead of the API's JSON error body.
 */
@ControllerAdvice(assignableTypes = {AccountsPages.class, SystemPages.class, LoginPage.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    private final Pages pages;

    PageErrors(Pages pages) {
        this.pages = pages;
    }

    @ExceptionHandler(LunaException.class)
    ResponseEntity<String> luna(LunaException e, HttpServletRequest request) {
        return error(request, e.status(), e.desc(), e.detail());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> other(Exception e, HttpServletRequest request) {
        if (e instanceof org.springframework.web.method.annotation.MethodArgumentTypeMismatchException mismatch) {
            return error(request, HttpStatus.NOT_FOUND, "Not found",
                    "'" + mismatch.getValue() + "' is not a valid " + mismatch.getName());
        }
        log.error("Admin page {} failed", request.getRequestURI(), e);
        return error(request, HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
                "The page could not be shown; the service log says why.");
    }

    private ResponseEntity<String> error(HttpServletRequest request, HttpStatus status, String desc, String detail) {
        return pages.page(request, status, "error", desc, Map.of("status", status.value(), "desc", desc,
                "detail", detail == null ? "" : detail));
    }
}

package io.selene.commons.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors raised outside MVC (in filters, by the servlet container) with the same LUNA
 * error body instead of Boot's white-label page; never includes a stack trace.
 */
@RestController
public class LunaErrorController implements ErrorController {

    private final ErrorResponses responses;

    public LunaErrorController(ErrorResponses responses) {
        this.responses = responses;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ErrorBody> error(HttpServletRequest request) {
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof LunaException luna) {
            return responses.entity(luna, request);
        }
        if (exception instanceof Throwable throwable && throwable.getCause() instanceof LunaException luna) {
            return responses.entity(luna, request);
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null && exception == null) {
            // called as a route (GET /error), not dispatched for an error: there is no such route
            return responses.entity(PlatformErrors.INVALID_ROUTE.exception(request.getMethod(),
                    request.getRequestURI()), request);
        }
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        LunaException error;
        if (status == null || status.is5xxServerError()) {
            error = PlatformErrors.INTERNAL.exception();
        } else if (status == HttpStatus.NOT_FOUND) {
            error = PlatformErrors.INVALID_ROUTE.exception(request.getMethod(), uri);
        } else if (status == HttpStatus.CONTENT_TOO_LARGE) {
            error = PlatformErrors.BODY_TOO_LARGE.exception("the configured limit");
        } else {
            error = new LunaException(status, PlatformErrors.BAD_QUERY.code(), "Invalid HTTP request",
                    status.getReasonPhrase());
        }
        return responses.entity(error, request);
    }
}

package io.selene.commons.error;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own error answers (a path with an encoded {@code /}, {@code \}, NUL or bad UTF-8, a header
 * or URL over the limit: refused before any filter or {@code /error} runs) as a LUNA error body instead
 * of Tomcat's HTML page. Installed as the host's error report valve by
 * {@link io.selene.commons.config.PlatformErrorAutoConfiguration}; it has no Spring context, so it
 * writes the body itself with the platform's default link base.
 */
public class LunaErrorReportValve extends ErrorReportValve {

    static final String LINK_BASE = "/docs/errors#code-";

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        LunaException error = errorOf(status, response.getMessage());
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"error_code\":" + error.errorCode() + ",\"desc\":" + quote(error.desc())
                        + ",\"detail\":" + quote(error.detail()) + ",\"link\":" + quote(LINK_BASE + error.errorCode())
                        + "}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone: nothing left to answer
        }
    }

    static LunaException errorOf(int status, String message) {
        String reason = message == null || message.isBlank() ? "HTTP " + status : message;
        if (status == 404) {
            return PlatformErrors.INVALID_ROUTE.exception("request", "that path");
        }
        if (status == 413) {
            return PlatformErrors.BODY_TOO_LARGE.exception("the configured limit");
        }
        if (status >= 500) {
            return PlatformErrors.INTERNAL.exception();
        }
        return new LunaException(java.util.Objects.requireNonNullElse(
                org.springframework.http.HttpStatus.resolve(status), org.springframework.http.HttpStatus.BAD_REQUEST),
                PlatformErrors.BAD_HTTP_REQUEST.code(), PlatformErrors.BAD_HTTP_REQUEST.desc(),
                LunaError.format(PlatformErrors.BAD_HTTP_REQUEST.detailTemplate(), ErrorDetails.clean(reason)));
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

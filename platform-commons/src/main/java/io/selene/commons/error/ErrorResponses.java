package io.selene.commons.error;

import java.io.IOException;

import io.selene.commons.PlatformSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds LUNA error answers, for controllers and for filters that answer before MVC runs.
 * Also records the error code on the request so metrics can tag it.
 */
public class ErrorResponses {

    public static final String ERROR_CODE_ATTRIBUTE = ErrorResponses.class.getName() + ".errorCode";

    private final String linkBase;
    private final JsonMapper jsonMapper;

    public ErrorResponses(PlatformSettings properties, JsonMapper jsonMapper) {
        this.linkBase = properties.errors().linkBase();
        this.jsonMapper = jsonMapper;
    }

    public ErrorBody body(LunaException exception) {
        return new ErrorBody(exception.errorCode(), exception.desc(), ErrorDetails.clean(exception.detail()),
                linkBase + exception.errorCode());
    }

    public ResponseEntity<ErrorBody> entity(LunaException exception, HttpServletRequest request) {
        request.setAttribute(ERROR_CODE_ATTRIBUTE, exception.errorCode());
        return ResponseEntity.status(exception.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(body(exception));
    }

    /** Writes the error straight to the servlet response (for filters). */
    public void write(LunaException exception, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        request.setAttribute(ERROR_CODE_ATTRIBUTE, exception.errorCode());
        response.resetBuffer();
        response.setStatus(exception.status().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(jsonMapper.writeValueAsBytes(body(exception)));
        response.flushBuffer();
    }
}

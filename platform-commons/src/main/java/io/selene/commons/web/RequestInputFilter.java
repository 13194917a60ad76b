package io.selene.commons.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.selene.commons.error.ErrorResponses;
import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses, once for every route, request input nothing behind it can store or parse: a query string
 * with broken percent-encoding or bytes that are not UTF-8, a NUL character in a query parameter or in
 * any name or text of a JSON body (PostgreSQL cannot store 0x00 in text), a wildcard
 * {@code Content-Type} ({@code *}{@code /*} names no format), a multipart body without its boundary and an
 * {@code Idempotency-Key} that is not 1..255 printable ASCII characters (the documented rule).
 * Each is a 400 (415 for the content type) naming the parameter or field, before any service code runs.
 */
public class RequestInputFilter extends OncePerRequestFilter {

    private final ErrorResponses errors;
    private final JsonMapper json;

    public RequestInputFilter(ErrorResponses errors, JsonMapper json) {
        this.errors = errors;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest checked = request;
        try {
            checkQuery(request.getQueryString());
            String key = request.getHeader("Idempotency-Key");
            if (key != null && (key.isEmpty() || key.length() > 255
                    || !key.chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
                // Tomcat reads header bytes as ISO-8859-1: UTF-8 letters arrive as chars above 0x7f
                throw PlatformErrors.BAD_IDEMPOTENCY_KEY.exception();
            }
            String type = request.getContentType();
            if (type != null) {
                String lower = type.toLowerCase(Locale.ROOT).trim();
                if (lower.startsWith("*/") || lower.matches("^[^/;]+/\\*.*")) {
                    throw PlatformErrors.UNSUPPORTED_MEDIA_TYPE.exception(type,
                            "a concrete media type (application/json, image/*, multipart/form-data, ...)");
                }
                if (lower.startsWith("multipart/") && !lower.matches(".*;\\s*boundary=\\S.*")) {
                    throw PlatformErrors.BAD_MULTIPART.exception("no boundary in the Content-Type");
                }
                if (isJson(lower) && hasBody(request)) {
                    byte[] body = request.getInputStream().readAllBytes();
                    checkJson(body);
                    checked = new ReplayedRequest(request, body);
                }
            }
        } catch (LunaException e) {
            errors.write(e, request, response);
            return;
        }
        chain.doFilter(checked, response);
    }

    private static boolean isJson(String type) {
        String media = type.split(";", 2)[0].trim();
        return media.equals("application/json") || media.endsWith("+json");
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }

    /** Every parameter of a raw query string must decode (percent-encoding, UTF-8) to text without NUL. */
    static void checkQuery(String query) {
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String name = decode(rawName, rawName);
            if (name.indexOf('\0') >= 0) {
                throw PlatformErrors.NUL_IN_INPUT.exception("query parameter '" + printable(name) + "'");
            }
            if (equals >= 0 && decode(pair.substring(equals + 1), name).indexOf('\0') >= 0) {
                throw PlatformErrors.NUL_IN_INPUT.exception("query parameter '" + printable(name) + "'");
            }
        }
    }

    private static String decode(String raw, String parameter) {
        byte[] bytes = new byte[raw.length()];
        int length = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw PlatformErrors.BAD_PERCENT_ENCODING.exception(printable(parameter),
                            "'%' must be followed by two hex digits");
                }
                bytes[length++] = (byte) (high << 4 | low);
                i += 2;
            } else if (c > 0x7f) {
                throw PlatformErrors.BAD_PERCENT_ENCODING.exception(printable(parameter),
                        "non-ASCII characters must be percent-encoded");
            } else {
                bytes[length++] = (byte) (c == '+' ? ' ' : c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw PlatformErrors.BAD_PERCENT_ENCODING.exception(printable(parameter), "the bytes are not UTF-8");
        }
    }

    /** NUL in any property name or string of a JSON body; a body that does not parse is left to its reader. */
    private void checkJson(byte[] body) {
        try (JsonParser parser = json.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if ((token == JsonToken.PROPERTY_NAME || token == JsonToken.VALUE_STRING)
                        && parser.getString().indexOf('\0') >= 0) {
                    throw PlatformErrors.NUL_IN_INPUT.exception("field '" + path(parser) + "'");
                }
            }
        } catch (JacksonException malformed) {
            // the route's own reader answers it with its 400
        }
    }

    private static String path(JsonParser parser) {
        StringBuilder out = new StringBuilder();
        for (JsonPointer at = parser.streamReadContext().pathAsPointer(); at.matches() == false; at = at.tail()) {
            if (at.getMatchingIndex() >= 0 && !at.getMatchingProperty().isEmpty()
                    && at.getMatchingProperty().chars().allMatch(Character::isDigit)) {
                out.append('[').append(at.getMatchingIndex()).append(']');
            } else {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(printable(at.getMatchingProperty()));
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    /** Text safe to echo in an error detail: control characters as {@code \\uXXXX}, at most 100 characters. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 100; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The request with its body read once, to be read again by the route. */
    private static final class ReplayedRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        ReplayedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }
            };
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}

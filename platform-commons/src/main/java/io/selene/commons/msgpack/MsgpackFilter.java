package io.selene.commons.msgpack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;

import io.selene.commons.error.ErrorResponses;
import io.selene.commons.error.PlatformErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * LUNA's msgpack ({@code Content-Type: application/msgpack} and/or {@code Accept: application/msgpack})
 * on the routes a service registers it for (matching, {@code /sdk}): the body is read as msgpack
 * (descriptors and images as binary) and handed on as the JSON the route takes; a JSON answer (errors
 * too) goes back as msgpack when the caller accepts it, with the {@code binaryKeys} fields (base64 in
 * JSON) as binary. Nothing behind it knows about msgpack.
 */
public final class MsgpackFilter extends OncePerRequestFilter {

    public static final String MSGPACK = "application/msgpack";

    private final JsonMapper json;
    private final ErrorResponses errors;
    private final java.util.Set<String> binaryKeys;

    public MsgpackFilter(JsonMapper json, ErrorResponses errors, java.util.Set<String> binaryKeys) {
        this.json = json;
        this.errors = errors;
        this.binaryKeys = java.util.Set.copyOf(binaryKeys);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean in = isMsgpack(request.getContentType());
        boolean out = acceptsMsgpack(request.getHeader("Accept"));
        if (!in && !out) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest forwarded = request;
        if (in) {
            byte[] body;
            try {
                body = json.writeValueAsBytes(MsgpackJson.toJson(request.getInputStream().readAllBytes()));
            } catch (IllegalArgumentException e) {
                errors.write(PlatformErrors.BAD_BODY.exception("Malformed msgpack body: " + e.getMessage()), request,
                        response);
                return;
            }
            forwarded = new JsonRequest(request, body, out);
        } else {
            forwarded = new JsonRequest(request, null, true);
        }
        if (!out) {
            chain.doFilter(forwarded, response);
            return;
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        chain.doFilter(forwarded, captured);
        byte[] answer = captured.getContentAsByteArray();
        String type = captured.getContentType();
        if (answer.length > 0 && type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            JsonNode tree = json.readTree(answer);
            byte[] packed = MsgpackJson.toMsgpack(tree, binaryKeys);
            captured.resetBuffer();
            response.setContentType(MSGPACK);
            response.setContentLength(packed.length);
            response.getOutputStream().write(packed);
            return;
        }
        captured.copyBodyToResponse();
    }

    static boolean isMsgpack(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(MSGPACK);
    }

    static boolean acceptsMsgpack(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(MSGPACK);
    }

    /** The request as the matcher reads it: JSON in, JSON accepted. */
    private static final class JsonRequest extends HttpServletRequestWrapper {

        private final byte[] body;
        private final boolean jsonAccept;

        JsonRequest(HttpServletRequest request, byte[] body, boolean jsonAccept) {
            super(request);
            this.body = body;
            this.jsonAccept = jsonAccept;
        }

        @Override
        public String getContentType() {
            return body == null ? super.getContentType() : "application/json";
        }

        @Override
        public int getContentLength() {
            return body == null ? super.getContentLength() : body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body == null ? super.getContentLengthLong() : body.length;
        }

        @Override
        public String getHeader(String name) {
            if (body != null && name.equalsIgnoreCase("Content-Type")) {
                return "application/json";
            }
            if (body != null && name.equalsIgnoreCase("Content-Length")) {
                return String.valueOf(body.length);
            }
            if (jsonAccept && name.equalsIgnoreCase("Accept")) {
                return "application/json";
            }
            return super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if ((body != null && (name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("Content-Length")))
                    || (jsonAccept && name.equalsIgnoreCase("Accept"))) {
                return Collections.enumeration(java.util.List.of(getHeader(name)));
            }
            return super.getHeaders(name);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                return super.getInputStream();
            }
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return bytes.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }
}

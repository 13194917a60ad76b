package io.selene.commons.docs;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * LUNA serves one {@code /docs/spec} in several forms chosen by {@code Accept}: JSON by default,
 * YAML for {@code application/x-yaml}, the rendered documentation for {@code text/html}.
 * springdoc has separate URLs for these; this filter maps the one URL onto them.
 */
public class OpenApiContentNegotiationFilter extends OncePerRequestFilter {

    public static final String SPEC_PATH = "/docs/spec";
    public static final String UI_PATH = "/docs/swagger-ui.html";
    private static final String YAML = "application/x-yaml";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !SPEC_PATH.equals(request.getRequestURI()) || !"GET".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("yaml")) {
            request.getRequestDispatcher(SPEC_PATH + ".yaml").forward(new AnyAcceptRequest(request), new YamlResponse(response));
        } else if (accept != null && accept.startsWith("text/html")) {
            response.sendRedirect(UI_PATH);
        } else {
            chain.doFilter(request, response);
        }
    }

    /** springdoc's YAML route only produces its own media type; ask it for anything. */
    private static final class AnyAcceptRequest extends HttpServletRequestWrapper {

        AnyAcceptRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return "Accept".equalsIgnoreCase(name) ? "*/*" : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "Accept".equalsIgnoreCase(name) ? Collections.enumeration(List.of("*/*")) : super.getHeaders(name);
        }
    }

    /** springdoc answers YAML as {@code application/vnd.oai.openapi}; LUNA clients ask for x-yaml. */
    private static final class YamlResponse extends HttpServletResponseWrapper {

        YamlResponse(HttpServletResponse response) {
            super(response);
            response.setContentType(YAML);
        }

        @Override
        public void setContentType(String type) {
            super.setContentType(YAML);
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, "Content-Type".equalsIgnoreCase(name) ? YAML : value);
        }
    }
}

package io.selene.commons.web;

import java.io.IOException;
import java.time.Clock;

import io.selene.commons.PlatformHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Accepts a well-formed {@code Luna-Request-Id} or makes one, echoes it and puts it (with the
 * service name) in the MDC so every log line of the request carries it.
 */
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String SERVICE_MDC_KEY = "service";

    private static final Logger log = LoggerFactory.getLogger(RequestIdFilter.class);

    private final String serviceName;
    private final Clock clock;

    public RequestIdFilter(String serviceName, Clock clock) {
        this.serviceName = serviceName;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String incoming = request.getHeader(PlatformHeaders.REQUEST_ID);
        String requestId = RequestIds.isValid(incoming) ? incoming : RequestIds.generate(clock);
        response.setHeader(PlatformHeaders.REQUEST_ID, requestId);
        MDC.put(RequestIds.MDC_KEY, requestId);
        MDC.put(SERVICE_MDC_KEY, serviceName);
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (log.isDebugEnabled()) {
                log.debug("{} {} -> {} ({} ms)", request.getMethod(), request.getRequestURI(), response.getStatus(),
                        (System.nanoTime() - started) / 1_000_000);
            }
            MDC.remove(RequestIds.MDC_KEY);
            MDC.remove(SERVICE_MDC_KEY);
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}

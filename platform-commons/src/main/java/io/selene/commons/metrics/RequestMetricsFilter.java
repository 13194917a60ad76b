package io.selene.commons.metrics;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.selene.commons.PlatformHeaders;
import io.selene.commons.error.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records every request as LUNA's monitoring does: a {@code selene.requests} timer and, for
 * failures, a {@code selene.errors} counter, both tagged with service, route
 * ({@code METHOD:/pattern}), status, error code and account. The timer publishes its p50 and p99
 * ({@code selene.requests.percentile}, tag {@code phi}) for the dashboards.
 */
public class RequestMetricsFilter extends OncePerRequestFilter {

    public static final String REQUESTS = "selene.requests";
    public static final String ERRORS = "selene.errors";
    /** Route tag of requests that matched no route, so unknown URLs cannot explode the tag space. */
    static final String UNMATCHED = "UNMATCHED";

    private final MeterRegistry registry;
    private final MeterRegistry own;
    private final String service;

    public RequestMetricsFilter(MeterRegistry registry, RequestMeters own, String service) {
        this.registry = registry;
        this.own = own.registry();
        this.service = service;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            record(request, response, System.nanoTime() - started);
        }
    }

    private void record(HttpServletRequest request, HttpServletResponse response, long nanos) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = request.getMethod() + ":" + (pattern == null ? UNMATCHED : pattern);
        Object errorCode = request.getAttribute(ErrorResponses.ERROR_CODE_ATTRIBUTE);
        String account = request.getHeader(PlatformHeaders.ACCOUNT_ID);
        Tags tags = Tags.of("service", service, "route", route,
                "status", Integer.toString(response.getStatus()),
                "error_code", errorCode == null ? "0" : errorCode.toString(),
                "account", account == null ? "none" : account);
        for (MeterRegistry target : new MeterRegistry[] {registry, own}) {
            Timer.builder(REQUESTS).tags(tags).publishPercentiles(0.5, 0.99).register(target).record(nanos, TimeUnit.NANOSECONDS);
        }
        if (errorCode != null) {
            Counter.builder(ERRORS).tags(tags).register(registry).increment();
        }
    }
}

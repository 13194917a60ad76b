package io.selene.commons.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.selene.commons.PlatformHeaders;
import io.selene.commons.PlatformSettings;
import io.selene.commons.error.PlatformErrors;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /1/metrics/requests}: this service's own {@link RequestMetricsFilter} meters summed per route, for
 * the admin system page. Internal: it checks the shared secret itself, because the gateway (api-service) runs
 * without the {@code InternalCallFilter} and its port is public.
 */
@RestController
@Hidden
public class RequestMetricsController {

    /** One route: requests since start, failures (a LUNA error code), mean, and the recent max and p99. */
    public record RouteMetrics(String route, long count, long errors, double meanMs, double maxMs, double p99Ms) {
    }

    public record RequestMetrics(String service, List<RouteMetrics> routes) {
    }

    private final MeterRegistry registry;
    private final String service;
    private final byte[] secret;

    public RequestMetricsController(RequestMeters meters, PlatformSettings settings) {
        this.registry = meters.registry();
        this.service = settings.service().name();
        String shared = settings.internal().secret();
        this.secret = shared == null || shared.isBlank() ? null : shared.getBytes(StandardCharsets.UTF_8);
    }

    @GetMapping(path = "/1/metrics/requests", produces = "application/json")
    public RequestMetrics requests(HttpServletRequest request) {
        String given = arrived(request).getHeader(PlatformHeaders.INTERNAL_SECRET);
        if (secret == null || given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            throw PlatformErrors.NOT_INTERNAL.exception();
        }
        // The filter tags each timer with status, error code and account too: sum them per route.
        Map<String, List<Timer>> byRoute = new TreeMap<>();
        for (Timer timer : registry.find(RequestMetricsFilter.REQUESTS).tag("service", service).timers()) {
            byRoute.computeIfAbsent(timer.getId().getTag("route"), r -> new ArrayList<>()).add(timer);
        }
        List<RouteMetrics> routes = new ArrayList<>();
        byRoute.forEach((route, timers) -> routes.add(route(route, timers)));
        routes.sort(Comparator.comparingLong(RouteMetrics::count).reversed().thenComparing(RouteMetrics::route));
        return new RequestMetrics(service, routes);
    }

    /** The request as it arrived: the gateway's first filter hides every X-Selene-* header from what follows. */
    private static HttpServletRequest arrived(HttpServletRequest request) {
        ServletRequest inner = request;
        while (inner instanceof ServletRequestWrapper wrapper) {
            inner = wrapper.getRequest();
        }
        return inner instanceof HttpServletRequest http ? http : request;
    }

    private static RouteMetrics route(String route, List<Timer> timers) {
        long count = 0;
        long errors = 0;
        double totalMs = 0;
        double maxMs = 0;
        double p99Ms = 0;
        for (Timer timer : timers) {
            var snapshot = timer.takeSnapshot();
            count += snapshot.count();
            if (!"0".equals(timer.getId().getTag("error_code"))) {
                errors += snapshot.count();
            }
            totalMs += snapshot.total(TimeUnit.MILLISECONDS);
            maxMs = Math.max(maxMs, snapshot.max(TimeUnit.MILLISECONDS));
            for (ValueAtPercentile value : snapshot.percentileValues()) {
                if (value.percentile() == 0.99) {
                    // Percentiles of different series cannot be merged: the slowest series' p99 bounds the route's.
                    p99Ms = Math.max(p99Ms, value.value(TimeUnit.MILLISECONDS));
                }
            }
        }
        return new RouteMetrics(route, count, errors, count == 0 ? 0 : round(totalMs / count), round(maxMs), round(p99Ms));
    }

    private static double round(double ms) {
        return Math.round(ms * 100) / 100.0;
    }
}

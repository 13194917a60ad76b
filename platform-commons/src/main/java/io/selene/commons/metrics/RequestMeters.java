package io.selene.commons.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A service's own cumulative copy of its request meters, read by {@link RequestMetricsController}. The
 * exporting registry cannot serve: InfluxDB's is a step registry whose counts restart every minute. Not a
 * {@code MeterRegistry} bean on purpose, so Spring Boot's registry wiring does not see it.
 */
public class RequestMeters {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    MeterRegistry registry() {
        return registry;
    }
}

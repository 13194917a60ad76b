package io.selene.commons.health;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code /healthcheck}: overall status and each check with its time in seconds. */
public record HealthReport(
        @JsonProperty("status") String status,
        @JsonProperty("execution_time") double executionTime,
        @JsonProperty("checks") List<CheckResult> checks) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckResult(
            @JsonProperty("name") String name,
            @JsonProperty("status") String status,
            @JsonProperty("execution_time") double executionTime,
            @JsonProperty("error") String error,
            @JsonProperty("warning") String warning) {

        boolean ok() {
            return "ok".equals(status);
        }
    }
}

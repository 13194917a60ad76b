package io.selene.commons.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import io.selene.commons.ProbeApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Where the metrics export settings come from: the SELENE_INFLUX_* variables (what bin/platform up
 * --monitoring sets for Debian's InfluxDB 1.x), and above them the Configurator's INFLUX_MONITORING.
 */
class InfluxSettingsTest {

    @Test
    void theVariablesChooseApiV1AndTheConfiguratorsValuesWinOverThem() {
        Map<String, Object> variables = Map.of("SELENE_INFLUX_ENABLED", "true", "SELENE_INFLUX_API_VERSION", "v1",
                "SELENE_INFLUX_URI", "http://127.0.0.1:18086", "SELENE_INFLUX_DB", "selene_local",
                "SELENE_INFLUX_STEP_SECONDS", "5");
        Map<String, String> fromVariables = environment(variables);
        assertThat(fromVariables.get("management.influx.metrics.export.enabled")).isEqualTo("true");
        assertThat(fromVariables.get("management.influx.metrics.export.api-version")).isEqualTo("v1");
        assertThat(fromVariables.get("management.influx.metrics.export.uri")).isEqualTo("http://127.0.0.1:18086");
        assertThat(fromVariables.get("management.influx.metrics.export.db")).isEqualTo("selene_local");
        assertThat(fromVariables.get("management.influx.metrics.export.step")).isEqualTo("5s");

        Map<String, Object> withConfigurator = new HashMap<>(variables);
        withConfigurator.putAll(Map.of("configurator.INFLUX_MONITORING.SEND_DATA_FOR_MONITORING", "0",
                "configurator.INFLUX_MONITORING.API_VERSION", "v2",
                "configurator.INFLUX_MONITORING.FLUSHING_PERIOD", "30"));
        Map<String, String> configured = environment(withConfigurator);
        assertThat(configured.get("management.influx.metrics.export.enabled")).isEqualTo("0");
        assertThat(configured.get("management.influx.metrics.export.api-version")).isEqualTo("v2");
        assertThat(configured.get("management.influx.metrics.export.step")).isEqualTo("30s");
        assertThat(configured.get("management.influx.metrics.export.uri"))
                .as("a key the Configurator leaves out keeps the variable").isEqualTo("http://127.0.0.1:18086");

        Map<String, String> defaults = environment(Map.of());
        assertThat(defaults.get("management.influx.metrics.export.enabled")).isEqualTo("false");
        assertThat(defaults.get("management.influx.metrics.export.api-version")).isEqualTo("v2");
    }

    /** The export settings a probe service resolves with these properties (given as command-line arguments). */
    private static Map<String, String> environment(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("selene.internal.secret", "s3cret-for-tests");
        all.put("spring.autoconfigure.exclude", "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,"
                + "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration");
        String[] arguments = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ProbeApplication.class)
                .web(WebApplicationType.NONE).run(arguments)) {
            Map<String, String> resolved = new HashMap<>();
            for (String key : new String[] {"enabled", "api-version", "uri", "db", "step"}) {
                String name = "management.influx.metrics.export." + key;
                resolved.put(name, context.getEnvironment().getProperty(name));
            }
            return resolved;
        }
    }
}

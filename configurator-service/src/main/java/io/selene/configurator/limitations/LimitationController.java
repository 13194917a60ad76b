package io.selene.configurator.limitations;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.selene.configurator.ConfiguratorErrors;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.ValueType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code /1/limitations}: the schema, services, default and reload mode of every setting name. */
@RestController
@Tag(name = "limitations")
public class LimitationController {

    private static final FilterSpec FILTERS = FilterSpec.unpaged().value("service_name", ValueType.STRING);

    private final LimitationCatalogue catalogue;
    private final Clock clock;

    public LimitationController(LimitationCatalogue catalogue, Clock clock) {
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @GetMapping(path = "/1/limitations", produces = "application/json")
    @Operation(summary = "Every limitation (filter: service_name)")
    public Map<String, Object> list(HttpServletRequest request) {
        Filters filters = FILTERS.parse(request.getParameterMap(), clock);
        List<Limitation> limitations = filters.<String>value("service_name").map(catalogue::forService)
                .orElseGet(catalogue::all);
        return Map.of("limitations", limitations.stream().map(Limitation::view).toList(),
                "count", limitations.size());
    }

    @GetMapping(path = "/1/limitations/{limitation_name}", produces = "application/json")
    @Operation(summary = "One limitation")
    public Map<String, Object> get(@PathVariable("limitation_name") String name) {
        return catalogue.find(name).orElseThrow(() -> ConfiguratorErrors.LIMITATION_NOT_FOUND.exception(name)).view();
    }
}

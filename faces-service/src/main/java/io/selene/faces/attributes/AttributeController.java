package io.selene.faces.attributes;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.selene.commons.account.AccountContext;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.ids.Ids;
import io.selene.commons.query.FilterSpec;
import io.selene.commons.query.Filters;
import io.selene.commons.query.ValueType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Temporary attributes: descriptors + basic attributes + sample ids kept in Redis for {@code ttl}
 * seconds (default 300, at most 86400). Unknown or expired → 404 with code 22011.
 */
@RestController
@RequestMapping("/3/attributes")
public class AttributeController {

    private static final FilterSpec LIST = FilterSpec.paged().value("account_id", ValueType.UUID);
    private static final FilterSpec COUNT = FilterSpec.unpaged().value("account_id", ValueType.UUID);

    private final AttributeService attributes;
    private final Clock clock;

    public AttributeController(AttributeService attributes, Clock clock) {
        this.attributes = attributes;
        this.clock = clock;
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    public record CreateAttribute(List<DescriptorInput> descriptors, JsonNode basicAttributes, List<String> sampleIds,
            Integer ttl) {
    }

    public record Created(String attributeId, String url, String expiryTime) {
    }

    @PostMapping
    public ResponseEntity<Created> create(AccountContext account, @RequestBody CreateAttribute body) {
        UUID owner = account.requireAccount();
        FaceAttributes validated = FaceAttributes.validate(body.descriptors(), body.basicAttributes(),
                body.sampleIds());
        TemporaryAttribute created = attributes.create(owner, validated, body.ttl());
        String url = "/6/attributes/" + created.attributeId();
        return ResponseEntity.created(URI.create(url)).body(new Created(created.attributeId().toString(), url,
                Ids.format(created.expiryTime())));
    }

    @GetMapping("/{attributeId}")
    public Map<String, Object> get(AccountContext account, @PathVariable String attributeId) {
        return view(attributes.get(account, Ids.uuid("attribute_id", attributeId)), true);
    }

    @RequestMapping(path = "/{attributeId}", method = RequestMethod.HEAD)
    public ResponseEntity<Void> head(AccountContext account, @PathVariable String attributeId) {
        TemporaryAttribute attribute = attributes.get(account, Ids.uuid("attribute_id", attributeId));
        return ResponseEntity.ok().header("X-Luna-Expiry-Date", Ids.format(attribute.expiryTime())).build();
    }

    @DeleteMapping("/{attributeId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(AccountContext account, @PathVariable String attributeId) {
        attributes.delete(account.requireAccount(), Ids.uuid("attribute_id", attributeId));
    }

    /** The caller's live attributes (descriptor bytes left out), soonest to expire first. */
    @GetMapping
    public Map<String, Object> list(AccountContext account, HttpServletRequest request) {
        Filters filters = LIST.parse(request.getParameterMap(), clock);
        UUID scope = scope(account, filters);
        List<Map<String, Object>> page = attributes.store().page(scope, filters.page().offset(),
                filters.page().pageSize()).stream().map(attribute -> view(attribute, false)).toList();
        return Map.of("attributes", page);
    }

    @GetMapping("/count")
    public Map<String, Object> count(AccountContext account, HttpServletRequest request) {
        Filters filters = COUNT.parse(request.getParameterMap(), clock);
        return Map.of("attributes_count", attributes.store().count(scope(account, filters)));
    }

    private static UUID scope(AccountContext account, Filters filters) {
        Optional<UUID> requested = filters.value("account_id");
        return account.readScope(requested).orElseThrow(() -> PlatformErrors.REQUIRED_QUERY_MISSING
                .exception("account_id"));
    }

    static Map<String, Object> view(TemporaryAttribute attribute, boolean withData) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("attribute_id", attribute.attributeId().toString());
        view.put("account_id", attribute.accountId().toString());
        view.put("create_time", Ids.format(attribute.createTime()));
        view.put("expiry_time", Ids.format(attribute.expiryTime()));
        view.put("descriptors", attribute.attributes().descriptors().stream()
                .map(d -> withData ? (Object) d.view() : Map.of("version", d.version())).toList());
        view.put("basic_attributes", attribute.attributes().basicAttributes());
        view.put("sample_ids", attribute.attributes().sampleIds());
        return view;
    }

}

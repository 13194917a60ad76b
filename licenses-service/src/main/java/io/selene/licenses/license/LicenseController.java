package io.selene.licenses.license;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.selene.commons.account.AccountContext;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.license.LicenseErrors;
import io.selene.commons.license.LicenseTerms;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /1/license} (LUNA Licenses' path; public as {@code /6/license}): read the terms in force with
 * their usage and warnings, install a signed licence, remove it.
 */
@RestController
@RequestMapping(path = "/1/license", produces = "application/json")
@Tag(name = "license")
public class LicenseController {

    /** LUNA's {@code targets} of "get license": the fields to answer (all when absent). */
    static final List<String> TARGETS = List.of("license_id", "licensee", "community", "issue_time",
            "expiration_time", "faces_limit", "features", "usage", "warnings");
    private static final Set<String> NEEDS_COUNT = Set.of("usage", "warnings");

    private final LicenseService licenses;

    LicenseController(LicenseService licenses) {
        this.licenses = licenses;
    }

    @GetMapping
    @Operation(summary = "The license in force: expiration_time, faces_limit, features, usage (faces with "
            + "attributes, from faces-service) and warnings. Query: targets (comma list of those fields)")
    public Map<String, Object> get(HttpServletRequest request) {
        List<String> targets = targets(request.getParameterMap());
        boolean count = targets.stream().anyMatch(NEEDS_COUNT::contains);
        return view(licenses.status(count), targets);
    }

    @PutMapping(consumes = "application/json")
    @Operation(summary = "Install a signed license file (admin accounts only): checked against the configured "
            + "Ed25519 public key; a changed, expired or malformed file is refused (33001, 33004, 33005)")
    public Map<String, Object> put(AccountContext account, @RequestBody JsonNode file) {
        licenses.install(account.accountId(), file);
        return view(licenses.status(true), TARGETS);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove the installed license (admin accounts only): the community terms apply again")
    public void delete(AccountContext account) {
        licenses.remove(account.accountId());
    }

    private static List<String> targets(Map<String, String[]> query) {
        List<String> targets = new ArrayList<>();
        for (Map.Entry<String, String[]> parameter : query.entrySet()) {
            if (!parameter.getKey().equals("targets")) {
                throw PlatformErrors.BAD_QUERY.exception("Unknown query parameter '" + parameter.getKey()
                        + "'; known: [targets]");
            }
            for (String value : parameter.getValue()) {
                for (String target : value.split(",")) {
                    String name = target.trim();
                    if (!TARGETS.contains(name)) {
                        throw LicenseErrors.BAD_TARGET.exception(name, TARGETS);
                    }
                    targets.add(name);
                }
            }
        }
        return targets.isEmpty() ? TARGETS : targets;
    }

    private static Map<String, Object> view(LicenseService.Status status, List<String> targets) {
        LicenseTerms terms = status.terms();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("license_id", terms.licenseId());
        all.put("licensee", terms.licensee());
        all.put("community", terms.community());
        all.put("issue_time", terms.issueTime());
        all.put("expiration_time", terms.expirationTime());
        all.put("faces_limit", terms.facesLimit());
        all.put("features", terms.features());
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("faces", status.usage());
        usage.put("faces_percent", status.usage() == null || terms.facesLimit() == null ? null
                : Math.round(status.usage() * 10000.0 / terms.facesLimit()) / 100.0);
        usage.put("faces_hard_limit", terms.facesLimit() == null ? null : terms.facesHardLimit());
        all.put("usage", usage);
        all.put("warnings", status.warnings());
        all.keySet().retainAll(targets);
        return all;
    }
}

package io.selene.licenses.license;

import io.selene.commons.health.HealthCheck;
import org.springframework.stereotype.Component;

/**
 * {@code license} in {@code /healthcheck}: always healthy (a licence problem does not stop the platform),
 * with the licence warnings (term or faces limit nearly used up, expired, not verifiable) as its
 * {@code warning}. Uses the last faces count of the licensing routine, so a healthcheck never counts.
 */
@Component
class LicenseHealthCheck implements HealthCheck {

    private final LicenseService licenses;

    LicenseHealthCheck(LicenseService licenses) {
        this.licenses = licenses;
    }

    @Override
    public String name() {
        return "license";
    }

    @Override
    public void check() {
        licenses.status(false);
    }

    @Override
    public String warning() {
        var warnings = licenses.status(false).warnings();
        return warnings.isEmpty() ? null : String.join("; ", warnings);
    }
}

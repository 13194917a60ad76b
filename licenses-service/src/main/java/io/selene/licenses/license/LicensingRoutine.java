package io.selene.licenses.license;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * LUNA's licensing routine: soon after start-up and then every {@code selene.licenses.check-interval}
 * (default 1 h), count the faces and log each warning (term or faces limit with less than 15 % left,
 * limit exceeded, expired or unverifiable licence) at WARN.
 */
@Component
class LicensingRoutine {

    private final LicenseService licenses;

    LicensingRoutine(LicenseService licenses) {
        this.licenses = licenses;
    }

    @Scheduled(initialDelayString = "${selene.licenses.first-check-delay:20s}",
            fixedDelayString = "${selene.licenses.check-interval:1h}")
    void run() {
        licenses.check();
    }
}

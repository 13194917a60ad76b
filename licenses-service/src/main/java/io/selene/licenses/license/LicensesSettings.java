package io.selene.licenses.license;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of licenses-service ({@code selene.licenses.*} in licenses-service.yml).
 *
 * @param publicKey     the Ed25519 public key licences must be signed with: PEM, or base64 of the DER
 *                      (X.509 SubjectPublicKeyInfo), as {@code bin/license keygen} writes it;
 *                      empty: no licence can be installed
 * @param publicKeyFile the same, read from a PEM file (used when {@code publicKey} is empty)
 * @param checkInterval how often the licensing routine counts the faces and logs the warnings
 * @param warningShare  warn when this share of the licence's term or of its faces limit is left (0.15)
 */
@ConfigurationProperties("selene.licenses")
public record LicensesSettings(String publicKey, Path publicKeyFile, Duration checkInterval, double warningShare) {

    public LicensesSettings {
        if (checkInterval == null || checkInterval.isNegative() || checkInterval.isZero()) {
            checkInterval = Duration.ofHours(1);
        }
        if (!(warningShare > 0 && warningShare < 1)) {
            warningShare = 0.15;
        }
    }
}

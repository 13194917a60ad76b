package io.selene.licenses.license;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.error.LunaException;
import io.selene.commons.license.LicenseErrors;
import io.selene.commons.license.LicenseTerms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The licence in force and its usage. The terms are the installed licence's while its signature checks
 * out with the configured key and it has not expired; otherwise (nothing installed, expired, changed in
 * the database, another key configured) the built-in community terms apply, and a warning says why.
 */
@Service
public class LicenseService {

    private static final Logger log = LoggerFactory.getLogger(LicenseService.class);

    private final LicenseRepository repository;
    private final UsageClients clients;
    private final LicensesSettings settings;
    private final Clock clock;
    private final JsonMapper json;
    private final Optional<PublicKey> key;
    private volatile Long lastUsage;

    /** The terms in force, the faces with attributes ({@code null}: unknown), and what an operator should know. */
    public record Status(LicenseTerms terms, Long usage, List<String> warnings) {
    }

    public LicenseService(LicenseRepository repository, UsageClients clients, LicensesSettings settings, Clock clock,
            JsonMapper json) {
        this.repository = repository;
        this.json = json;
        this.clients = clients;
        this.settings = settings;
        this.clock = clock;
        this.key = PublicKeys.from(settings);
        if (key.isEmpty()) {
            log.info("No license public key configured (SELENE_LICENSE_PUBLIC_KEY): the community terms apply and "
                    + "no license can be installed");
        }
    }

    /**
     * @param countFaces ask faces-service for the current count; otherwise the last count is used
     */
    public Status status(boolean countFaces) {
        List<String> warnings = new ArrayList<>();
        LicenseTerms terms = inForce(warnings);
        Long usage = countFaces ? countFaces(warnings) : lastUsage;
        OffsetDateTime now = now();
        if (terms.expirationTime() != null && terms.issueTime() != null) {
            Duration term = Duration.between(terms.issueTime(), terms.expirationTime());
            Duration left = Duration.between(now, terms.expirationTime());
            if (left.toMillis() <= term.toMillis() * settings.warningShare()) {
                warnings.add("License '" + terms.licenseId() + "' expires on " + terms.expirationTime() + ": "
                        + left.toDays() + " days left, less than " + percent(settings.warningShare())
                        + " of its term; then the community terms apply");
            }
        }
        if (terms.facesLimit() != null && usage != null) {
            long limit = terms.facesLimit();
            if (usage > limit) {
                warnings.add("License limit exceeded: " + usage + " faces with attributes, " + limit + " licensed. "
                        + "No face gets attributes past 110 % (" + terms.facesHardLimit() + "). Upgrade the license "
                        + "or delete redundant faces");
            } else if (usage >= limit * (1 - settings.warningShare())) {
                warnings.add(usage + " of the " + limit + " licensed faces with attributes are used: less than "
                        + percent(settings.warningShare()) + " left");
            }
        }
        return new Status(terms, usage, List.copyOf(warnings));
    }

    /** Verifies and installs a licence file (admin only); answers the terms now in force. */
    public LicenseTerms install(UUID account, JsonNode file) {
        requireAdmin(account);
        PublicKey publicKey = key.orElseThrow(() -> LicenseErrors.NO_PUBLIC_KEY.exception());
        LicenseDocument document = LicenseDocument.parse(file);
        if (!document.signedBy(publicKey)) {
            throw LicenseErrors.BAD_SIGNATURE.exception();
        }
        if (document.expiredAt(now())) {
            throw LicenseErrors.EXPIRED.exception(document.terms().licenseId(), document.terms().expirationTime());
        }
        repository.install(document.terms().licenseId(), file.toString(), account, now());
        log.info("License '{}' of {} installed by account {}: expires {}, faces limit {}, features {}",
                document.terms().licenseId(), document.terms().licensee(), account,
                document.terms().expirationTime() == null ? "never" : document.terms().expirationTime(),
                document.terms().facesLimit() == null ? "none" : document.terms().facesLimit(),
                document.terms().features());
        return document.terms();
    }

    /** Removes the installed licence (admin only): the community terms apply again. */
    public void remove(UUID account) {
        requireAdmin(account);
        if (!repository.remove(account, now())) {
            throw LicenseErrors.NOT_INSTALLED.exception();
        }
        log.info("License removed by account {}: the community terms apply", account);
    }

    /** The licensing routine: counts the faces and logs every warning. */
    public Status check() {
        Status status = status(true);
        status.warnings().forEach(warning -> log.warn("License: {}", warning));
        return status;
    }

    private LicenseTerms inForce(List<String> warnings) {
        Optional<String> installed = repository.current();
        if (installed.isEmpty()) {
            return LicenseTerms.COMMUNITY;
        }
        LicenseDocument document;
        try {
            document = LicenseDocument.parse(json.readTree(installed.get()));
        } catch (RuntimeException e) {
            warnings.add("The installed license cannot be read (" + e.getMessage() + "): the community terms apply");
            return LicenseTerms.COMMUNITY;
        }
        String id = document.terms().licenseId();
        if (key.isEmpty() || !document.signedBy(key.get())) {
            warnings.add("The installed license '" + id + "' does not verify with the configured public key "
                    + (key.isEmpty() ? "(none is configured)" : "(changed since, or another key)")
                    + ": the community terms apply");
            return LicenseTerms.COMMUNITY;
        }
        if (document.expiredAt(now())) {
            warnings.add("License '" + id + "' expired on " + document.terms().expirationTime()
                    + ": the community terms apply. Install a new license");
            return LicenseTerms.COMMUNITY;
        }
        return document.terms();
    }

    private Long countFaces(List<String> warnings) {
        try {
            long count = clients.facesWithAttributes();
            lastUsage = count;
            return count;
        } catch (RestClientException | LunaException e) {
            warnings.add("faces-service cannot be asked for the faces count (" + e.getMessage() + "): "
                    + (lastUsage == null ? "usage unknown" : "the last count is shown"));
            return lastUsage;
        }
    }

    private void requireAdmin(UUID account) {
        if (account == null || !clients.isAdmin(account)) {
            throw LicenseErrors.ADMIN_ONLY.exception();
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String percent(double share) {
        return Math.round(share * 100) + " %";
    }
}

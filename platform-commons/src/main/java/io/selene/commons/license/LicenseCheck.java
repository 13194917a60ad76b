package io.selene.commons.license;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.selene.commons.client.InternalClients;
import io.selene.commons.error.LunaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The licence check every service uses where a licensed feature is used: asks licenses-service for the
 * terms in force ({@code GET /1/license} without usage) and keeps them for {@code selene.license.cache-ttl}
 * (default 10 s), so a new licence applies everywhere within that time.
 *
 * <pre>{@code
 * licenses.require(Feature.TASKS);           // 403, code 33003, when tasks are not licensed
 * long most = licenses.terms().facesHardLimit();
 * }</pre>
 *
 * <p>When licenses-service cannot be reached the last terms it gave stay in force; if it never
 * answered, the built-in community terms apply ({@link LicenseTerms#COMMUNITY}), which is also what
 * it serves without an uploaded licence: stopping it never grants more than the community licence.
 */
public class LicenseCheck {

    private static final Logger log = LoggerFactory.getLogger(LicenseCheck.class);
    private static final String SERVICE = "licenses-service";
    static final String TERMS_QUERY = "/1/license?targets=license_id,licensee,community,issue_time,expiration_time,"
            + "faces_limit,features";

    private final InternalClients clients;
    private final Duration ttl;
    private final Clock clock;
    private volatile RestClient client;
    private volatile Cached cached;
    private volatile boolean unreachable;

    private record Cached(LicenseTerms terms, Instant until, boolean fromService) {
    }

    public LicenseCheck(InternalClients clients, Duration ttl, Clock clock) {
        this.clients = clients;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The terms in force (at most {@code cache-ttl} old). */
    public LicenseTerms terms() {
        Cached current = cached;
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.until())) {
            return current.terms();
        }
        try {
            LicenseTerms terms = client().get().uri(TERMS_QUERY).retrieve().body(LicenseTerms.class);
            if (terms == null) {
                throw new IllegalStateException("empty answer");
            }
            cached = new Cached(terms, now.plus(ttl), true);
            if (unreachable) {
                unreachable = false;
                log.info("licenses-service answers again: license '{}' in force", terms.licenseId());
            }
            return terms;
        } catch (RestClientException | LunaException | IllegalStateException e) {
            LicenseTerms fallback = current != null && current.fromService() ? current.terms() : LicenseTerms.COMMUNITY;
            if (!unreachable) {
                unreachable = true;
                log.warn("licenses-service cannot be asked for the license ({}): {} terms apply until it answers",
                        e.getMessage(), fallback.community() ? "the community" : "the last known '" + fallback.licenseId() + "'");
            }
            // not asked again on every call while it is down
            cached = new Cached(fallback, now.plus(ttl), current != null && current.fromService());
            return fallback;
        }
    }

    /** Refuses with 403 (33003) when the feature is not licensed. */
    public void require(Feature feature) {
        LicenseTerms terms = terms();
        if (!terms.allows(feature)) {
            throw LicenseErrors.FEATURE_NOT_LICENSED.exception(feature.key(), terms.community() ? "community terms"
                    : "license '" + terms.licenseId() + "' of " + terms.licensee());
        }
    }

    /** Forgets the cached terms: the next check asks licenses-service (after an upload in this JVM, tests). */
    public void refresh() {
        cached = null;
    }

    private RestClient client() {
        RestClient current = client;
        if (current == null) {
            current = clients.restClient(SERVICE);
            client = current;
        }
        return current;
    }
}

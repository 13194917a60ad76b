package io.selene.faces.attributes;

import java.time.Duration;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.error.PlatformErrors;
import io.selene.faces.FacesErrors;
import io.selene.faces.config.FacesSettings;
import org.springframework.stereotype.Service;

/** Rules of temporary attributes: TTL bounds, account visibility, 22011 for unknown or expired. */
@Service
public class AttributeService {

    private final AttributeStore store;
    private final FacesSettings settings;

    public AttributeService(AttributeStore store, FacesSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    public TemporaryAttribute create(UUID account, FaceAttributes attributes, Integer ttlSeconds) {
        if (attributes.isEmpty()) {
            throw PlatformErrors.BAD_BODY.exception("An attribute needs 'descriptors' or 'basic_attributes'");
        }
        Duration ttl = settings.attributeDefaultTtl();
        if (ttlSeconds != null) {
            if (ttlSeconds < 1 || ttlSeconds > settings.attributeMaxTtl().toSeconds()) {
                throw PlatformErrors.BAD_BODY.exception("'ttl' must be in 1.." + settings.attributeMaxTtl().toSeconds()
                        + " seconds, got " + ttlSeconds);
            }
            ttl = Duration.ofSeconds(ttlSeconds);
        }
        return store.create(account, attributes, ttl);
    }

    /** The attribute if it exists, has not expired and the caller may see it; 404 22011 otherwise. */
    public TemporaryAttribute get(AccountContext account, UUID id) {
        return store.find(id).filter(attribute -> account.canSee(attribute.accountId()))
                .orElseThrow(() -> FacesErrors.ATTRIBUTE_NOT_FOUND.exception(id));
    }

    /** Like {@link #get} but only for the owning account (writes and face creation never cross accounts). */
    public TemporaryAttribute getOwn(UUID account, UUID id) {
        return store.find(id).filter(attribute -> attribute.accountId().equals(account))
                .orElseThrow(() -> FacesErrors.ATTRIBUTE_NOT_FOUND.exception(id));
    }

    public AttributeStore store() {
        return store;
    }

    public void delete(UUID account, UUID id) {
        store.delete(getOwn(account, id));
    }
}

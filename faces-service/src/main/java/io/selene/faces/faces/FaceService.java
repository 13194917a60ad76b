package io.selene.faces.faces;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.fields.Field;
import io.selene.commons.idempotency.IdempotencyKeys;
import io.selene.commons.ids.Ids;
import io.selene.commons.license.LicenseCheck;
import io.selene.commons.license.LicenseErrors;
import io.selene.commons.license.LicenseTerms;
import io.selene.faces.FacesErrors;
import io.selene.faces.attributes.FaceAttributes;
import io.selene.faces.changes.ChangeLog;
import io.selene.faces.changes.ChangeLog.Change;
import io.selene.faces.changes.ListRows;
import io.selene.faces.faces.FaceRepository.Membership;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Face writes. Each runs in one transaction that takes the change-feed lock first (see
 * {@link ChangeLog}); the answer is sent only after the commit returned.
 */
@Service
public class FaceService {

    private final FaceRepository faces;
    private final ListRows lists;
    private final ChangeLog changes;
    private final IdempotencyKeys idempotency;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final LicenseCheck licenses;

    public FaceService(FaceRepository faces, ListRows lists, ChangeLog changes, IdempotencyKeys idempotency,
            PlatformTransactionManager transactions, Clock clock, LicenseCheck licenses) {
        this.licenses = licenses;
        this.faces = faces;
        this.lists = lists;
        this.changes = changes;
        this.idempotency = idempotency;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** What a create stores. */
    public record NewFace(UUID faceId, Map<Field, Object> values, List<UUID> lists,
            java.util.function.Supplier<FaceAttributes> attributes) {
    }

    /** The created (or, for an idempotent retry, the earlier) face id. */
    public record Created(UUID faceId, boolean replayed) {
    }

    public Created create(UUID account, NewFace face, Optional<IdempotencyKeys.Claim> claim) {
        LicenseTerms terms = licenses.terms(); // asked before the feed lock is taken
        return tx.execute(status -> {
            changes.lock();
            UUID faceId = face.faceId() == null ? UUID.randomUUID() : face.faceId();
            if (claim.isPresent()) {
                Optional<UUID> earlier = idempotency.claim(account, "faces", claim.get(), faceId);
                if (earlier.isPresent()) {
                    return new Created(earlier.get(), true);
                }
            }
            OffsetDateTime now = Ids.now(clock);
            Set<UUID> listIds = new LinkedHashSet<>(face.lists());
            List<UUID> found = lists.lockOwned(account, listIds);
            for (UUID list : listIds) {
                if (!found.contains(list)) {
                    throw FacesErrors.LISTS_NOT_FOUND.exception(list);
                }
            }
            Face row = new Face(faceId, account, now, face.values(), List.of());
            // resolved after the idempotency claim: a retry replays even once its temporary attribute expired
            FaceAttributes attributes = face.attributes().get();
            if (!attributes.isEmpty()) {
                requireRoomForAttributes(terms);
            }
            if (!faces.insert(row, attributes)) {
                throw FacesErrors.FACE_EXISTS.exception(faceId);
            }
            if (!attributes.descriptors().isEmpty()) {
                changes.record(account, List.of(new Change(ChangeLog.FACE_ATTRIBUTES, null, faceId)), now);
            }
            for (UUID list : listIds) {
                changes.link(account, list, List.of(faceId), now);
            }
            lists.touch(listIds, now);
            return new Created(faceId, false);
        });
    }

    /**
     * LUNA's licence rule, checked under the feed lock (every face write holds it, so the count is
     * exact): one more face with attributes must stay within 110 % of the licensed faces.
     */
    private void requireRoomForAttributes(LicenseTerms terms) {
        long most = terms.facesHardLimit();
        if (most == Long.MAX_VALUE) {
            return;
        }
        long count = faces.facesWithAttributes();
        if (count + 1 > most) {
            throw LicenseErrors.FACES_LIMIT_EXCEEDED.exception(count, most, terms.facesLimit());
        }
    }

    public Face get(AccountContext account, UUID faceId) {
        return faces.find(faceId).filter(face -> account.canSee(face.accountId()))
                .orElseThrow(() -> FacesErrors.FACE_NOT_FOUND.exception(faceId));
    }

    public FaceRepository.StoredAttributes attributes(AccountContext account, UUID faceId) {
        get(account, faceId);
        return faces.attributes(faceId);
    }

    /** Updates given fields (user_data, external_id, avatar, event_id) of an own face. */
    public void patch(UUID account, UUID faceId, Map<Field, Object> values) {
        tx.executeWithoutResult(status -> {
            faces.lockOwned(account, faceId).orElseThrow(() -> FacesErrors.FACE_NOT_FOUND.exception(faceId));
            if (!values.isEmpty()) {
                faces.patch(faceId, values);
            }
        });
    }

    public void replaceAttributes(UUID account, UUID faceId, FaceAttributes attributes) {
        LicenseTerms terms = attributes.isEmpty() ? null : licenses.terms();
        tx.executeWithoutResult(status -> {
            changes.lock();
            faces.lockOwned(account, faceId).orElseThrow(() -> FacesErrors.FACE_NOT_FOUND.exception(faceId));
            if (terms != null && !faces.hasAttributes(faceId)) {
                requireRoomForAttributes(terms);
            }
            OffsetDateTime now = Ids.now(clock);
            faces.replaceAttributes(faceId, account, attributes, now);
            List<Change> feed = new ArrayList<>();
            feed.add(new Change(ChangeLog.FACE_ATTRIBUTES, null, faceId));
            for (Membership membership : faces.memberships(List.of(faceId))) {
                feed.add(new Change(ChangeLog.FACE_ATTRIBUTES, membership.listId(), faceId));
            }
            changes.record(account, feed, now);
        });
    }

    public void delete(UUID account, UUID faceId) {
        tx.executeWithoutResult(status -> {
            changes.lock();
            if (deleteInTransaction(account, List.of(faceId)).isEmpty()) {
                throw FacesErrors.FACE_NOT_FOUND.exception(faceId);
            }
        });
    }

    /** Deletes the account's faces among {@code ids}; ids of other accounts or unknown ids are skipped. */
    public List<UUID> deleteMany(UUID account, List<UUID> ids) {
        return tx.execute(status -> {
            changes.lock();
            return deleteInTransaction(account, ids);
        });
    }

    /**
     * Inside a transaction holding the feed lock: deletes own faces, their memberships and descriptors,
     * and writes a face_delete change per former membership plus one without list.
     */
    public List<UUID> deleteInTransaction(UUID account, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<UUID> owned = faces.owned(account, ids);
        if (owned.isEmpty()) {
            return List.of();
        }
        OffsetDateTime now = Ids.now(clock);
        List<Membership> memberships = faces.deleteMemberships(owned);
        List<UUID> deleted = faces.delete(account, owned);
        List<Change> feed = new ArrayList<>();
        Set<UUID> touched = new LinkedHashSet<>();
        for (Membership membership : memberships) {
            feed.add(new Change(ChangeLog.FACE_DELETE, membership.listId(), membership.faceId()));
            touched.add(membership.listId());
        }
        for (UUID face : deleted) {
            feed.add(new Change(ChangeLog.FACE_DELETE, null, face));
        }
        changes.record(account, feed, now);
        lists.touch(touched, now);
        return deleted;
    }
}

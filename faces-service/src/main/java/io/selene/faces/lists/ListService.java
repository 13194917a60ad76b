package io.selene.faces.lists;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.account.AccountContext;
import io.selene.commons.idempotency.IdempotencyKeys;
import io.selene.commons.ids.Ids;
import io.selene.faces.FacesErrors;
import io.selene.faces.changes.ChangeLog;
import io.selene.faces.changes.ChangeLog.Change;
import io.selene.faces.changes.ListRows;
import io.selene.faces.faces.FaceRepository;
import io.selene.faces.faces.FaceService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** List writes and the linker; every one commits before it answers. */
@Service
public class ListService {

    private final ListRepository lists;
    private final ListRows listRows;
    private final FaceRepository faces;
    private final FaceService faceService;
    private final ChangeLog changes;
    private final IdempotencyKeys idempotency;
    private final TransactionTemplate tx;
    private final Clock clock;

    public ListService(ListRepository lists, ListRows listRows, FaceRepository faces, FaceService faceService, ChangeLog changes,
            IdempotencyKeys idempotency, PlatformTransactionManager transactions, Clock clock) {
        this.lists = lists;
        this.listRows = listRows;
        this.faces = faces;
        this.faceService = faceService;
        this.changes = changes;
        this.idempotency = idempotency;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    public record Created(UUID listId, boolean replayed) {
    }

    public Created create(UUID account, UUID requestedId, String userData, Optional<IdempotencyKeys.Claim> claim) {
        return tx.execute(status -> {
            UUID listId = requestedId == null ? UUID.randomUUID() : requestedId;
            if (claim.isPresent()) {
                Optional<UUID> earlier = idempotency.claim(account, "lists", claim.get(), listId);
                if (earlier.isPresent()) {
                    return new Created(earlier.get(), true);
                }
            }
            if (!lists.insert(listId, account, userData, Ids.now(clock))) {
                throw FacesErrors.LIST_EXISTS.exception(listId);
            }
            return new Created(listId, false);
        });
    }

    public FaceList get(AccountContext account, UUID listId) {
        return lists.find(listId).filter(list -> account.canSee(list.accountId()))
                .orElseThrow(() -> FacesErrors.LIST_NOT_FOUND.exception(listId));
    }

    public void patch(UUID account, UUID listId, String userData) {
        tx.executeWithoutResult(status -> {
            requireOwned(account, listId);
            lists.patch(listId, userData, Ids.now(clock));
        });
    }

    private void requireOwned(UUID account, UUID listId) {
        if (listRows.lockOwned(account, List.of(listId)).isEmpty()) {
            throw FacesErrors.LIST_NOT_FOUND.exception(listId);
        }
    }

    /** Deletes a list (its memberships go with it); with {@code withFaces} its member faces too. */
    public void delete(UUID account, UUID listId, boolean withFaces) {
        tx.executeWithoutResult(status -> {
            changes.lock();
            requireOwned(account, listId);
            deleteOwned(account, listId, withFaces);
        });
    }

    /**
     * LUNA's bulk {@code DELETE /lists}: all the lists or none: one that is not the caller's (or not
     * there) is 22005 naming it, and nothing is deleted.
     */
    public void deleteAll(UUID account, List<UUID> listIds, boolean withFaces) {
        tx.executeWithoutResult(status -> {
            changes.lock();
            List<UUID> unique = List.copyOf(new LinkedHashSet<>(listIds));
            List<UUID> owned = listRows.lockOwned(account, unique);
            for (UUID id : unique) {
                if (!owned.contains(id)) {
                    throw FacesErrors.LISTS_NOT_FOUND.exception(id);
                }
            }
            for (UUID id : unique) {
                deleteOwned(account, id, withFaces);
            }
        });
    }

    private void deleteOwned(UUID account, UUID listId, boolean withFaces) {
        OffsetDateTime now = Ids.now(clock);
        if (withFaces) {
            List<UUID> members = lists.members(listId);
            for (int from = 0; from < members.size(); from += 1000) {
                faceService.deleteInTransaction(account, members.subList(from, Math.min(members.size(), from + 1000)));
            }
        }
        lists.delete(listId);
        changes.record(account, List.of(new Change(ChangeLog.LIST_DELETE, listId, null)), now);
    }

    public record LinkResult(List<UUID> changed, Long lastChangeKey) {
    }

    /**
     * Attaches or detaches own faces to/from an own list. Unknown list → 22005, any unknown face →
     * 22004 (nothing changes). Attaching a member or detaching a non-member changes nothing.
     */
    public LinkResult link(UUID account, UUID listId, List<UUID> faceIds, boolean attach) {
        return tx.execute(status -> {
            changes.lock();
            if (listRows.lockOwned(account, List.of(listId)).isEmpty()) {
                throw FacesErrors.LISTS_NOT_FOUND.exception(listId);
            }
            List<UUID> unique = List.copyOf(new LinkedHashSet<>(faceIds));
            List<UUID> owned = faces.owned(account, unique);
            for (UUID face : unique) {
                if (!owned.contains(face)) {
                    throw FacesErrors.FACES_NOT_FOUND.exception(face);
                }
            }
            OffsetDateTime now = Ids.now(clock);
            List<UUID> changed = new ArrayList<>();
            Long last = null;
            if (attach) {
                for (ChangeLog.Link link : changes.link(account, listId, unique, now)) {
                    changed.add(link.faceId());
                    last = link.key();
                }
            } else {
                List<UUID> removed = lists.unlink(listId, unique);
                List<Change> feed = removed.stream().map(face -> new Change(ChangeLog.UNLINK, listId, face)).toList();
                List<Long> keys = changes.record(account, feed, now);
                changed.addAll(removed);
                last = keys.isEmpty() ? null : keys.getLast();
            }
            if (!changed.isEmpty()) {
                listRows.touch(List.of(listId), now);
            }
            return new LinkResult(changed, last);
        });
    }
}

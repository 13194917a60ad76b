package io.selene.handlers.events;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.selene.commons.error.LunaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one generate-events request (or one image of it) has stored so far — samples, source image,
 * attribute, face with its list links, events — so that a request that fails leaves nothing behind:
 * {@link #undo} deletes it again, last made first, through each owner's own delete endpoint. Best effort:
 * every deletion is logged; one that fails is logged at ERROR with the object's id and account so an
 * operator can remove it, and never replaces the failure that caused the cleanup.
 */
final class RequestObjects {

    private static final Logger log = LoggerFactory.getLogger(RequestObjects.class);

    /** One stored object and how to delete it. */
    private record Made(String what, String id, Runnable delete) {
    }

    private final UUID account;
    private final List<Made> made = new ArrayList<>();

    RequestObjects(UUID account) {
        this.account = account;
    }

    /** Records an object once its owner has it (or may have it: an id this service chose before the call). */
    void add(String what, String id, Runnable delete) {
        made.add(new Made(what, id, delete));
    }

    /** Takes over what an image made once it succeeded (made after everything recorded here so far). */
    void addAll(RequestObjects image) {
        made.addAll(image.made);
        image.made.clear();
    }

    /** Deletes everything recorded, last made first, then forgets it; {@code cause} is only logged. */
    void undo(Throwable cause) {
        if (made.isEmpty()) {
            return;
        }
        log.warn("An events request (or an image of it) failed ({}): removing the {} object(s) it stored in account {}", describe(cause),
                made.size(), account);
        for (int i = made.size() - 1; i >= 0; i--) {
            Made object = made.get(i);
            try {
                object.delete().run();
                log.info("Removed {} {} (account {}) of a failed events request", object.what(), object.id(), account);
            } catch (LunaException e) {
                if (e.status().value() == 404) {
                    // never stored (its create call failed) or already gone: nothing to remove
                    log.info("{} {} (account {}) of a failed events request is not there: nothing to remove",
                            object.what(), object.id(), account);
                } else {
                    leftBehind(object, e);
                }
            } catch (RuntimeException e) {
                leftBehind(object, e);
            }
        }
        made.clear();
    }

    private void leftBehind(Made object, RuntimeException e) {
        log.error("Could not remove {} {} (account {}) stored by a failed events request: {}; remove it by hand",
                object.what(), object.id(), account, describe(e));
    }

    private static String describe(Throwable e) {
        if (e instanceof LunaException luna) {
            return luna.status().value() + " " + luna.errorCode() + " " + luna.detail();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}

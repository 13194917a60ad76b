package io.selene.api.routing;

import java.util.List;

/**
 * The objects and actions a route may require (luna-api.md §2.2). Accounts keeps the same lists for
 * tokens; a route naming anything else could never be called, so the routing table refuses it at start.
 */
public final class PermissionCatalogue {

    public static final List<String> OBJECTS = List.of("face", "list", "attribute", "handler", "verifier", "event",
            "sample", "image", "object", "task", "matching", "account");
    public static final List<String> ACTIONS = List.of("creation", "view", "modification", "deletion", "matching");

    private PermissionCatalogue() {
    }

    public static boolean known(Permission permission) {
        return OBJECTS.contains(permission.object()) && ACTIONS.contains(permission.action());
    }
}

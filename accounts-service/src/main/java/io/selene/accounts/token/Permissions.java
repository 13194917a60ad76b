package io.selene.accounts.token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.selene.commons.error.PlatformErrors;
import tools.jackson.databind.JsonNode;

/**
 * What a token may do: {@code {object: [actions]}}. Every object takes every action except
 * {@code account}, which a token may only {@code view} (as in LUNA 5.57+): creating, changing and
 * deleting accounts and tokens always needs the login and password.
 */
public final class Permissions {

    public static final List<String> OBJECTS = List.of("face", "list", "attribute", "handler", "verifier", "event",
            "sample", "image", "object", "task", "matching", "account");
    public static final List<String> ACTIONS = List.of("creation", "view", "modification", "deletion", "matching");
    private static final Set<String> ACCOUNT_TOKEN_ACTIONS = Set.of("view");

    private Permissions() {
    }

    /** Everything a token can be given ({@code grant_all_permissions=1}). */
    public static Map<String, List<String>> allGrantable() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        for (String object : OBJECTS) {
            all.put(object, "account".equals(object) ? List.of("view") : ACTIONS);
        }
        return all;
    }

    /** What login + password allows: everything (the service still applies the account type's rules). */
    public static Map<String, List<String>> everything() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        OBJECTS.forEach(object -> all.put(object, ACTIONS));
        return all;
    }

    /** Parses and validates the {@code permissions} field of a token; duplicates are merged, order normalised. */
    public static Map<String, List<String>> parse(JsonNode node) {
        if (!node.isObject()) {
            throw PlatformErrors.BAD_BODY.exception("Field 'permissions' must be an object {object: [actions]}");
        }
        Map<String, List<String>> parsed = new TreeMap<>();
        for (String object : node.propertyNames()) {
            if (!OBJECTS.contains(object)) {
                throw PlatformErrors.BAD_BODY.exception("Unknown object 'permissions." + object + "'; known: " + OBJECTS);
            }
            JsonNode actions = node.get(object);
            if (!actions.isArray()) {
                throw PlatformErrors.BAD_BODY.exception("Field 'permissions." + object + "' must be a list of actions");
            }
            Set<String> set = new TreeSet<>();
            for (JsonNode action : actions) {
                String name = action.isString() ? action.asString() : null;
                if (name == null || !ACTIONS.contains(name)) {
                    throw PlatformErrors.BAD_BODY.exception("Unknown action " + action + " in 'permissions." + object
                            + "'; known: " + ACTIONS);
                }
                if ("account".equals(object) && !ACCOUNT_TOKEN_ACTIONS.contains(name)) {
                    throw PlatformErrors.BAD_BODY.exception("A token may only 'view' accounts ('permissions.account'"
                            + " has '" + name + "'); account changes need the login and password");
                }
                set.add(name);
            }
            parsed.put(object, new ArrayList<>(set));
        }
        return parsed;
    }
}

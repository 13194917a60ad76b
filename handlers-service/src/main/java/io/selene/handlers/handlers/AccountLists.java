package io.selene.handlers.handlers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.PlatformHeaders;
import io.selene.commons.account.Visibility;
import io.selene.commons.client.InternalClients;
import io.selene.handlers.policies.HandlerPolicies;
import io.selene.handlers.policies.LinkToList;
import io.selene.handlers.policies.MatchPolicy;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The lists a handler's policies name (faces linked to lists, candidates of a match) must be lists of the
 * handler's account when the handler is stored: another account's list (or none) is refused then, with the
 * field named, instead of failing every event later. Asked of faces-service as the handler's account.
 */
@Component
class AccountLists {

    private final RestClient faces;

    AccountLists(InternalClients clients) {
        this.faces = clients.restClient("faces-service");
    }

    void require(UUID account, HandlerPolicies policies) {
        if (policies == null) {
            return;
        }
        Map<String, UUID> named = new LinkedHashMap<>();
        if (policies.storagePolicy() != null && policies.storagePolicy().facePolicy() != null
                && policies.storagePolicy().facePolicy().linkToListsPolicy() != null) {
            List<LinkToList> links = policies.storagePolicy().facePolicy().linkToListsPolicy();
            for (int i = 0; i < links.size(); i++) {
                named.put("policies.storage_policy.face_policy.link_to_lists_policy[" + i + "].list_id",
                        links.get(i).listId());
            }
        }
        List<MatchPolicy> matches = policies.matchPolicy() == null ? List.of() : policies.matchPolicy();
        for (int i = 0; i < matches.size(); i++) {
            JsonNode candidates = matches.get(i).candidates();
            String path = "policies.match_policy[" + i + "].candidates.";
            if (candidates != null && candidates.hasNonNull("list_id")) {
                named.put(path + "list_id", UUID.fromString(candidates.get("list_id").asString()));
            }
            if (candidates != null && candidates.get("list_ids") instanceof JsonNode ids && ids.isArray()) {
                List<JsonNode> items = new ArrayList<>();
                ids.forEach(items::add);
                for (int j = 0; j < items.size(); j++) {
                    named.put(path + "list_ids[" + j + "]", UUID.fromString(items.get(j).asString()));
                }
            }
        }
        named.forEach((path, list) -> {
            if (!exists(account, list)) {
                throw HandlerErrors.LIST_NOT_IN_ACCOUNT.exception(path, list);
            }
        });
    }

    private boolean exists(UUID account, UUID list) {
        HttpStatus status = faces.get().uri("/3/lists/{listId}", list)
                .headers(h -> {
                    h.set(PlatformHeaders.ACCOUNT_ID, account.toString());
                    h.set(PlatformHeaders.VISIBILITY, Visibility.ACCOUNT.header());
                })
                .exchange((request, response) -> {
                    HttpStatus answered = HttpStatus.valueOf(response.getStatusCode().value());
                    if (answered.is5xxServerError()) {
                        throw io.selene.commons.error.PlatformErrors.DOWNSTREAM_BAD_ANSWER.exception("faces-service",
                                answered.value());
                    }
                    return answered;
                });
        return status.is2xxSuccessful();
    }
}

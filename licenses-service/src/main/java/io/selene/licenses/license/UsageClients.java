package io.selene.licenses.license;

import java.util.UUID;

import io.selene.commons.PlatformHeaders;
import io.selene.commons.account.Visibility;
import io.selene.commons.client.InternalClients;
import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** What licenses-service asks the owners: the faces count (faces-service) and an account's type (accounts-service). */
@Component
class UsageClients {

    private final RestClient faces;
    private final RestClient accounts;

    UsageClients(InternalClients clients) {
        this.faces = clients.restClient("faces-service");
        this.accounts = clients.restClient("accounts-service");
    }

    /** Faces with attributes in every account (LUNA counts only those against the limit). */
    long facesWithAttributes() {
        // no account and visibility all: every account (an empty account header keeps the caller's out)
        JsonNode answer = faces.get().uri("/3/faces/attributes/count")
                .header(PlatformHeaders.ACCOUNT_ID, "")
                .header(PlatformHeaders.VISIBILITY, Visibility.ALL.header())
                .retrieve().body(JsonNode.class);
        if (answer == null || !answer.hasNonNull("faces_count")) {
            throw PlatformErrors.DOWNSTREAM_BAD_ANSWER.exception("faces-service", "200 without faces_count");
        }
        return answer.get("faces_count").asLong();
    }

    /** Whether the account is an admin, as accounts-service answers the account itself. */
    boolean isAdmin(UUID account) {
        try {
            JsonNode answer = accounts.get().uri("/1/accounts/{id}?targets=account_type", account)
                    .header(PlatformHeaders.ACCOUNT_ID, account.toString())
                    .retrieve().body(JsonNode.class);
            return answer != null && "admin".equals(answer.path("account_type").asString(""));
        } catch (LunaException e) {
            if (e.status().is4xxClientError()) {
                return false; // e.g. the account was deleted meanwhile
            }
            throw e;
        }
    }
}

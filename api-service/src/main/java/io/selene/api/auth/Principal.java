package io.selene.api.auth;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.selene.api.routing.Permission;

/**
 * Who a request acts as, as Accounts answered {@code POST /1/auth}.
 *
 * @param visibility {@code all} when the caller may read and match every account's data
 * @param tokenId    the token used, or {@code null} for login and password
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Principal(
        @JsonProperty("account_id") UUID accountId,
        @JsonProperty("account_type") String accountType,
        @JsonProperty("visibility") String visibility,
        @JsonProperty("permissions") Map<String, List<String>> permissions,
        @JsonProperty("token_id") UUID tokenId) {

    public boolean allows(Permission permission) {
        List<String> actions = permissions == null ? null : permissions.get(permission.object());
        return actions != null && actions.contains(permission.action());
    }

    /** The objects whose details this caller may view (a {@code view} permission), sorted. */
    public List<String> viewable() {
        return permissions == null ? List.of() : permissions.entrySet().stream()
                .filter(entry -> entry.getValue() != null && entry.getValue().contains("view"))
                .map(Map.Entry::getKey).sorted().toList();
    }

    public boolean seesAllAccounts() {
        return "all".equals(visibility);
    }
}

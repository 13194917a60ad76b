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

    public boolean seesAllAccounts() {
        return "all".equals(visibility);
    }
}

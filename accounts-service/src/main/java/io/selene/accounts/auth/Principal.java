package io.selene.accounts.auth;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who a request to the API acts as, answered to the gateway by {@code POST /1/auth}.
 *
 * @param visibility  {@code all} when the caller may read and match every account's data
 * @param permissions what the caller may do, by object
 * @param tokenId     the token used, or {@code null} for login and password
 */
public record Principal(UUID accountId, String accountType, String login, String visibility,
        Map<String, List<String>> permissions, UUID tokenId) {
}

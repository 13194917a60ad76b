package io.selene.matcher.raw;

import io.selene.commons.account.AccountContext;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class RawMatchController {

    private final RawMatcher matcher;

    public RawMatchController(RawMatcher matcher) {
        this.matcher = matcher;
    }

    @PostMapping(path = "/1/matcher/raw", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Match descriptors against descriptors; nothing is read or stored")
    public RawMatchResponse raw(@RequestBody RawMatchRequest request, AccountContext account) {
        // Only descriptors the caller sent are compared, so no account data is involved; the
        // account is still required so the route is never open to unauthenticated callers.
        account.requireAccount();
        return matcher.match(request);
    }
}

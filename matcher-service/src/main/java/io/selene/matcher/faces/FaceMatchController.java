package io.selene.matcher.faces;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.selene.commons.PlatformHeaders;
import io.selene.commons.account.AccountContext;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class FaceMatchController {

    /**
     * Internal only (the gateway forwards no such header): {@code skip} answers from the index as it is,
     * without the read-your-writes wait; bench/matcher-e2e measures the wait's cost with it.
     */
    static final String READ_YOUR_WRITES = "X-Selene-Read-Your-Writes";

    private final FaceMatcher matcher;

    public FaceMatchController(FaceMatcher matcher) {
        this.matcher = matcher;
    }

    @PostMapping(path = "/1/matcher/faces", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Match references (faces, attributes, events, descriptors) against faces, events or attributes")
    public List<Map<String, Object>> match(@RequestBody FaceMatchRequest request, AccountContext account,
            @RequestHeader(name = PlatformHeaders.VIEWABLE, required = false) String viewable,
            @RequestHeader(name = READ_YOUR_WRITES, required = false) String readYourWrites) {
        return matcher.match(request, account, viewable == null ? null : Set.of(viewable.split(",")),
                !"skip".equals(readYourWrites));
    }
}

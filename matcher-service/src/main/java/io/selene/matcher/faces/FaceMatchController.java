package io.selene.matcher.faces;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.selene.commons.PlatformHeaders;
import io.selene.commons.account.AccountContext;
import io.selene.commons.error.PlatformErrors;
import io.selene.matcher.shards.ShardCalls;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class FaceMatchController {

    private final FaceMatcher matcher;

    public FaceMatchController(FaceMatcher matcher) {
        this.matcher = matcher;
    }

    /**
     * Internal headers (the gateway forwards neither): {@link ShardCalls#READ_YOUR_WRITES} {@code skip} answers
     * from the index as it is, without the read-your-writes wait (bench/matcher-e2e measures the wait's cost
     * with it); {@link ShardCalls#BLOCKS} is a peer shard asking for some blocks only.
     */
    @PostMapping(path = "/1/matcher/faces", consumes = "application/json", produces = "application/json")
    @Operation(summary = "Match references (faces, attributes, events, descriptors) against faces, events or attributes")
    public List<Map<String, Object>> match(@RequestBody FaceMatchRequest request, AccountContext account,
            @RequestHeader(name = PlatformHeaders.VIEWABLE, required = false) String viewable,
            @RequestHeader(name = ShardCalls.READ_YOUR_WRITES, required = false) String readYourWrites,
            @RequestHeader(name = ShardCalls.BLOCKS, required = false) String blocks) {
        return matcher.match(request, account, viewable == null ? null : Set.of(viewable.split(",")),
                !"skip".equals(readYourWrites), blocks == null ? null : indices(blocks));
    }

    private static List<Integer> indices(String blocks) {
        try {
            return Arrays.stream(blocks.split(",")).map(String::trim).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw PlatformErrors.BAD_HEADER.exception(ShardCalls.BLOCKS, "comma-separated block indices");
        }
    }
}

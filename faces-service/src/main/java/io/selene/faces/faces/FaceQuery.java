package io.selene.faces.faces;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.selene.commons.query.Range;

/** Filters of face search and counts, already scoped ({@code account} empty = every account). */
public record FaceQuery(Optional<UUID> account, Optional<List<UUID>> faceIds, Optional<List<String>> externalIds,
        Optional<String> userData, Optional<UUID> listId, Optional<Range<Instant>> createTime,
        Optional<List<UUID>> eventIds, Optional<Range<UUID>> faceIdRange, boolean withAttributesOnly) {
}

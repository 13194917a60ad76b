package io.selene.handlers.policies;

import java.util.List;

public record FacePolicy(int storeFace, int setSampleAsAvatar, List<LinkToList> linkToListsPolicy,
        EventFilters filters) {
}

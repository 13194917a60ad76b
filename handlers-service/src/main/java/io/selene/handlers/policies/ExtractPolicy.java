package io.selene.handlers.policies;

import java.util.Set;

import io.selene.vision.Estimation;

/** What to extract ({@code extract_policy}'s flags: the face descriptor, basic attributes). */
public record ExtractPolicy(Set<Estimation> estimations, double fdScoreThreshold) {

    public boolean descriptor() {
        return estimations.contains(Estimation.FACE_DESCRIPTOR);
    }

    public boolean basicAttributes() {
        return estimations.contains(Estimation.BASIC_ATTRIBUTES);
    }
}

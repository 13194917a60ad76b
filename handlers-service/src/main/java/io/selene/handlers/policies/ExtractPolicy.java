package io.selene.handlers.policies;

/** What to extract; {@code extractBodyDescriptor} is always 0 (no body descriptor model). */
public record ExtractPolicy(int extractBasicAttributes, int extractFaceDescriptor, int extractBodyDescriptor,
        double fdScoreThreshold) {
}

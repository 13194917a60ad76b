package io.selene.handlers.policies;

import java.util.List;

/** What to store and send once the event is made. */
public record StoragePolicy(SamplePolicy faceSamplePolicy, SamplePolicy bodySamplePolicy,
        ImageOriginPolicy imageOriginPolicy, AttributePolicy attributePolicy, FacePolicy facePolicy,
        EventPolicy eventPolicy, NotificationPolicy notificationPolicy, List<Callback> callbacks) {
}

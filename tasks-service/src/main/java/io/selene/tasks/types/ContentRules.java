package io.selene.tasks.types;

/** Constraint values shared by the task content records (the same words as the hand-written reads had). */
public final class ContentRules {

    /** {@code objects_type} of a task that takes faces (the default) or events. */
    public static final String OBJECTS = "faces|events";
    public static final String OBJECTS_REASON = "must be one of [faces, events]";
    public static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    public static final String UUID_REASON = "must be a UUID";
    public static final String SIMILARITY_REASON = "must be a number in 0.0..1.0";

    private ContentRules() {
    }
}

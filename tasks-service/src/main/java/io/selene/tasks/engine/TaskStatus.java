package io.selene.tasks.engine;

/** LUNA's task statuses (also used for subtasks, which are never "collecting results"). */
public enum TaskStatus {
    PENDING(0), IN_PROGRESS(1), CANCELLED(2), FAILED(3), COLLECTING_RESULTS(4), DONE(5);

    private final int code;

    TaskStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static TaskStatus of(int code) {
        for (TaskStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        throw new IllegalArgumentException("task status " + code);
    }

    public boolean finished() {
        return this == CANCELLED || this == FAILED || this == DONE;
    }

    /** The name as the API spells it in messages, e.g. {@code in progress}. */
    public String label() {
        return name().toLowerCase().replace('_', ' ');
    }
}

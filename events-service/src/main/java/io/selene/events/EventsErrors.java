package io.selene.events;

import java.util.List;

import io.selene.commons.error.ErrorCatalogue;
import io.selene.commons.error.LunaError;
import org.springframework.http.HttpStatus;

/** Errors of events-service (codes 23000-23099, after LUNA's Events service codes). */
public final class EventsErrors implements ErrorCatalogue {

    public static final LunaError EVENT_NOT_FOUND = new LunaError(23001, HttpStatus.NOT_FOUND,
            "Object not found", "Event with id '{}' not found");
    public static final LunaError EVENT_EXISTS = new LunaError(23002, HttpStatus.CONFLICT,
            "Unique constraint error", "Event with id '{}' already exists; events before it in the batch were stored: {}");
    public static final LunaError BAD_TARGET = new LunaError(23016, HttpStatus.BAD_REQUEST,
            "Bad/incomplete query", "Invalid target '{}' for getting events; allowed: {}");
    public static final LunaError BAD_STATS = new LunaError(23020, HttpStatus.BAD_REQUEST,
            "Bad/incomplete body", "{}");
    public static final LunaError BAD_IDEMPOTENCY_KEY = new LunaError(23060, HttpStatus.BAD_REQUEST,
            "Bad/incomplete input data", "Idempotency-Key must be 1..255 printable ASCII characters");
    public static final LunaError IDEMPOTENCY_CONFLICT = new LunaError(23061, HttpStatus.CONFLICT,
            "Idempotency conflict", "Idempotency-Key '{}' was already used with another request body");
    public static final LunaError DELETE_WITHOUT_FILTER = new LunaError(23062, HttpStatus.BAD_REQUEST,
            "Bad/incomplete query", "Deleting events needs at least one filter besides account_id and limit");
    public static final LunaError NOT_ESTIMATED = new LunaError(23063, HttpStatus.BAD_REQUEST,
            "Bad/incomplete query", "Filter '{}' is not supported: this platform does not estimate that body attribute");

    @Override
    public List<LunaError> errors() {
        return List.of(EVENT_NOT_FOUND, EVENT_EXISTS, BAD_TARGET, BAD_STATS, BAD_IDEMPOTENCY_KEY,
                IDEMPOTENCY_CONFLICT, DELETE_WITHOUT_FILTER, NOT_ESTIMATED);
    }
}

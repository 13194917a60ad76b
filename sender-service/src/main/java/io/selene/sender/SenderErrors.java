package io.selene.sender;

import java.util.List;

import io.selene.commons.error.ErrorCatalogue;
import io.selene.commons.error.LunaError;
import org.springframework.http.HttpStatus;

/** Errors of the websocket handshake (codes 27001-27099); bad filters are the platform's 101. */
public final class SenderErrors implements ErrorCatalogue {

    public static final LunaError UPGRADE_REQUIRED = new LunaError(27001, HttpStatus.UPGRADE_REQUIRED,
            "Bad/incomplete input data", "{} is a websocket: send a GET with 'Upgrade: websocket'");
    public static final LunaError TOO_MANY_SUBSCRIBERS = new LunaError(27002, HttpStatus.SERVICE_UNAVAILABLE,
            "Service unavailable", "Too many websocket subscribers (at most {}); try again later");

    public static final LunaError NOT_IN_BACKLOG = new LunaError(27003, HttpStatus.GONE,
            "Object not found", "Event {} is not in the event bus backlog: the events after it can no longer be "
                    + "sent; search them with GET /6/events and subscribe without last_event_id");

    @Override
    public List<LunaError> errors() {
        return List.of(UPGRADE_REQUIRED, TOO_MANY_SUBSCRIBERS, NOT_IN_BACKLOG);
    }
}

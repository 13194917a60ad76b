package io.selene.commons.web;

import java.time.Clock;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/** The LUNA request id: {@code <unix seconds>,<uuid>}. */
public final class RequestIds {

    /** MDC key; every log line prints it. */
    public static final String MDC_KEY = "lunaRequestId";

    private static final Pattern FORMAT = Pattern.compile("^\\d{10},[0-9a-f-]{36}$");

    private RequestIds() {
    }

    public static boolean isValid(String candidate) {
        return candidate != null && FORMAT.matcher(candidate).matches();
    }

    public static String generate(Clock clock) {
        return clock.instant().getEpochSecond() + "," + UUID.randomUUID();
    }

    /** The id of the request this thread is serving, or {@code null} outside a request. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}

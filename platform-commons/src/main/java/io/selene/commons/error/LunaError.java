package io.selene.commons.error;

import org.springframework.http.HttpStatus;

/**
 * One entry of the error catalogue: a stable LUNA-style code, its category ({@code desc}),
 * a detail template with {@code {}} placeholders, and the HTTP status it is answered with.
 */
public record LunaError(int code, HttpStatus status, String desc, String detailTemplate) {

    public LunaException exception(Object... args) {
        return new LunaException(this, format(detailTemplate, args));
    }

    public LunaException exceptionWithCause(Throwable cause, Object... args) {
        LunaException exception = exception(args);
        exception.initCause(cause);
        return exception;
    }

    static String format(String template, Object... args) {
        StringBuilder out = new StringBuilder(template.length() + 32);
        int argument = 0;
        int from = 0;
        int at;
        while ((at = template.indexOf("{}", from)) >= 0) {
            out.append(template, from, at);
            out.append(argument < args.length ? String.valueOf(args[argument++]) : "{}");
            from = at + 2;
        }
        return out.append(template, from, template.length()).toString();
    }
}

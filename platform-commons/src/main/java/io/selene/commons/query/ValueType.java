package io.selene.commons.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How a query value is parsed. Each parse failure is an {@link IllegalArgumentException} with a reason. */
public enum ValueType {
    STRING {
        @Override
        Object parse(String raw, Clock clock) {
            return raw;
        }
    },
    INTEGER {
        @Override
        Object parse(String raw, Clock clock) {
            return Integer.parseInt(raw);
        }
    },
    LONG {
        @Override
        Object parse(String raw, Clock clock) {
            return Long.parseLong(raw);
        }
    },
    DOUBLE {
        @Override
        Object parse(String raw, Clock clock) {
            double value = Double.parseDouble(raw);
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("not a finite number");
            }
            return value;
        }
    },
    UUID {
        @Override
        Object parse(String raw, Clock clock) {
            if (raw.length() != 36) {
                throw new IllegalArgumentException("not a UUID");
            }
            return java.util.UUID.fromString(raw);
        }
    },
    BOOLEAN {
        @Override
        Object parse(String raw, Clock clock) {
            return switch (raw) {
                case "1", "true" -> Boolean.TRUE;
                case "0", "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("expected 0 or 1");
            };
        }
    },
    /** ISO-8601 date-time with offset ({@code 2024-05-01T10:00:00Z}) or relative to now ({@code now-3h}). */
    TIMESTAMP {
        @Override
        Object parse(String raw, Clock clock) {
            Matcher relative = RELATIVE.matcher(raw);
            if (relative.matches()) {
                long amount = Long.parseLong(relative.group(2));
                Duration step = switch (relative.group(3)) {
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    case "d" -> Duration.ofDays(amount);
                    case "w" -> Duration.ofDays(7 * amount);
                    default -> throw new IllegalArgumentException("unknown unit");
                };
                Instant now = clock.instant();
                return "-".equals(relative.group(1)) ? now.minus(step) : now.plus(step);
            }
            if ("now".equals(raw)) {
                return clock.instant();
            }
            try {
                return OffsetDateTime.parse(raw).withOffsetSameInstant(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expected an ISO-8601 date-time with offset or now-<n><s|m|h|d|w>");
            }
        }
    };

    private static final Pattern RELATIVE = Pattern.compile("^now([-+])(\\d{1,9})([smhdw])$");

    abstract Object parse(String raw, Clock clock);

}

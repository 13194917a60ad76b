package io.selene.tasks.schedules;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import io.selene.tasks.TasksErrors;
import org.springframework.scheduling.support.CronExpression;

/**
 * A schedule's cron expression (Spring's {@link CronExpression}: six fields with seconds, or the classic
 * five, which fire at second 0) in a time zone (default UTC). A bad expression or zone is {@code 28122}.
 */
public record Cron(String expression, ZoneId zone, CronExpression parsed) {

    public static Cron parse(String expression, String zone) {
        String trimmed = expression.trim();
        String[] fields = trimmed.split("\\s+");
        String six = fields.length == 5 ? "0 " + trimmed : trimmed;
        CronExpression parsed;
        try {
            parsed = CronExpression.parse(six);
        } catch (IllegalArgumentException e) {
            throw TasksErrors.BAD_CRON.exception(expression, e.getMessage());
        }
        ZoneId id;
        try {
            id = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw TasksErrors.BAD_CRON.exception(expression, "unknown time zone '" + zone + "'");
        }
        Cron cron = new Cron(trimmed, id, parsed);
        if (cron.next(OffsetDateTime.now(ZoneOffset.UTC)) == null) {
            throw TasksErrors.BAD_CRON.exception(expression, "it never fires");
        }
        return cron;
    }

    /** The first fire time strictly after {@code after}, or null when there is none. */
    public OffsetDateTime next(OffsetDateTime after) {
        ZonedDateTime next = parsed.next(after.atZoneSameInstant(zone));
        return next == null ? null : next.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }
}

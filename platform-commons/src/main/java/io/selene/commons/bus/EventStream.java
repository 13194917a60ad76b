package io.selene.commons.bus;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The platform event bus: the Redis stream {@code <selene.redis.key-prefix>events}. handlers-service
 * appends one entry per event its notification policy sends ({@code event_id}, and {@code message}:
 * {@code {"account_id", "handler_id", "event"}} as JSON), trimmed to about {@code backlog} entries
 * ({@code MAXLEN ~}); sender-service reads it through a consumer group and replays it to subscribers
 * that reconnect with the id of the last event they received. Unlike pub/sub, nothing appended while a
 * reader is down is lost, within the backlog.
 */
public final class EventStream {

    /** Entry field: the bus message (JSON). */
    public static final String MESSAGE = "message";
    /** Entry field: the event's {@code event_id} (empty when the event has none), to find a position by it. */
    public static final String EVENT_ID = "event_id";

    private static final int PAGE = 200;

    private final StringRedisTemplate redis;
    private final String key;

    /**
     * One entry: its stream id ({@code <ms>-<seq>}, increasing), the event id and the message
     * ({@code null} for a pending entry that was trimmed before it was acknowledged).
     */
    public record Entry(String id, String eventId, String message) {
    }

    public EventStream(StringRedisTemplate redis, String keyPrefix) {
        this.redis = redis;
        this.key = keyPrefix + "events";
    }

    public String key() {
        return key;
    }

    /** Appends one message and trims the stream to about {@code backlog} entries; answers the entry id. */
    public String append(String eventId, String message, long backlog) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(EVENT_ID, eventId == null ? "" : eventId);
        fields.put(MESSAGE, message);
        RecordId id = redis.opsForStream().add(StreamRecords.string(fields).withStreamKey(key),
                XAddOptions.maxlen(backlog).approximateTrimming(true));
        return id.getValue();
    }

    /** Up to {@code count} entries after {@code id} (exclusive), oldest first; {@code id} "0" is the start. */
    public List<Entry> after(String id, int count) {
        return entries(redis.opsForStream().range(key, Range.rightUnbounded(Range.Bound.exclusive(id)),
                Limit.limit().count(count)));
    }

    /** The id of the newest entry, or "0-0" when the stream is empty or absent. */
    public String last() {
        List<Entry> newest = entries(redis.opsForStream().reverseRange(key, Range.unbounded(), Limit.limit().count(1)));
        return newest.isEmpty() ? "0-0" : newest.getFirst().id();
    }

    /**
     * The stream id of the entry of this event, newest first (a reconnecting subscriber is usually
     * close behind); empty when it is no longer (or never was) in the backlog.
     */
    public Optional<String> positionOf(String eventId) {
        Range<String> range = Range.unbounded();
        while (true) {
            List<Entry> page = entries(redis.opsForStream().reverseRange(key, range, Limit.limit().count(PAGE)));
            for (Entry entry : page) {
                if (entry.eventId().equals(eventId)) {
                    return Optional.of(entry.id());
                }
            }
            if (page.size() < PAGE) {
                return Optional.empty();
            }
            range = Range.leftUnbounded(Range.Bound.exclusive(page.getLast().id()));
        }
    }

    /**
     * Creates the consumer group (and the stream) unless it exists. A new group starts at the stream's
     * end: a reader's first start does not push history; later it resumes where the group stopped.
     */
    public void ensureGroup(String group) {
        try {
            redis.execute((RedisCallback<Object>) connection -> connection.streamCommands().xGroupCreate(
                    key.getBytes(StandardCharsets.UTF_8), group, ReadOffset.latest(), true));
        } catch (RuntimeException e) {
            if (!String.valueOf(rootMessage(e)).contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /**
     * Entries for this consumer of the group: {@code pending} those delivered to it before and never
     * acknowledged (after a crash), else new ones, waiting up to {@code block} for the first.
     */
    public List<Entry> read(String group, String consumer, boolean pending, int count, Duration block) {
        StreamReadOptions options = StreamReadOptions.empty().count(count);
        if (!pending) {
            options = options.block(block);
        }
        return entries(redis.opsForStream().read(Consumer.from(group, consumer), options,
                StreamOffset.create(key, pending ? ReadOffset.from("0") : ReadOffset.lastConsumed())));
    }

    /** Acknowledges handled entries: the group will not deliver them again. */
    public void acknowledge(String group, List<String> ids) {
        if (!ids.isEmpty()) {
            redis.opsForStream().acknowledge(key, group, ids.toArray(String[]::new));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return e.getMessage() + " " + cause.getMessage();
    }

    /** Orders two stream ids ({@code <ms>-<seq>}) as Redis does. */
    public static int compare(String a, String b) {
        long[] x = parts(a);
        long[] y = parts(b);
        int byTime = Long.compareUnsigned(x[0], y[0]);
        return byTime != 0 ? byTime : Long.compareUnsigned(x[1], y[1]);
    }

    private static long[] parts(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? new long[] {Long.parseUnsignedLong(id), 0}
                : new long[] {Long.parseUnsignedLong(id.substring(0, dash)), Long.parseUnsignedLong(id.substring(dash + 1))};
    }

    static List<Entry> entries(List<MapRecord<String, Object, Object>> records) {
        List<Entry> entries = new ArrayList<>();
        if (records != null) {
            for (MapRecord<String, Object, Object> record : records) {
                Map<Object, Object> fields = record.getValue();
                if (fields == null) {
                    // a pending entry trimmed since it was delivered: only its id is left
                    entries.add(new Entry(record.getId().getValue(), "", null));
                    continue;
                }
                entries.add(new Entry(record.getId().getValue(), String.valueOf(fields.getOrDefault(EVENT_ID, "")),
                        String.valueOf(fields.getOrDefault(MESSAGE, ""))));
            }
        }
        return entries;
    }
}

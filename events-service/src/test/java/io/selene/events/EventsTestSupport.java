package io.selene.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.selene.testsupport.HttpProbe;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Calls events-service like the gateway/handlers do, for one account at a time. */
abstract class EventsTestSupport {

    @LocalServerPort
    int port;

    HttpProbe as(UUID account) {
        return HttpProbe.internal(port, account);
    }

    HttpProbe asAll(UUID account) {
        return HttpProbe.internal(port, account).with("X-Selene-Visibility", "all");
    }

    static JsonNode ok(HttpProbe.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    /** Stores {@code {"events": [events...]}} and answers the event ids. */
    List<String> store(UUID account, String... events) {
        HttpProbe.Answer answer = as(account).post("/2/events", "{\"events\": [" + String.join(",", events) + "]}");
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        answer.json().get("events").forEach(e -> ids.add(e.get("event_id").asString()));
        return ids;
    }

    /** Ids of the events a search answers, in answer order. */
    List<String> ids(HttpProbe probe, String query) {
        JsonNode body = ok(probe.get("/2/events" + query));
        List<String> ids = new ArrayList<>();
        body.get("events").forEach(e -> ids.add(e.get("event_id").asString()));
        return ids;
    }

    /** A UUIDv7 carrying {@code time} to the microsecond, made independently of the service's code. */
    static String eventId(java.time.Instant time) {
        long micros = time.getEpochSecond() * 1_000_000L + time.getNano() / 1000;
        long high = ((micros / 1000) << 16) | 0x7000L | (micros % 1000);
        long low = (new Random().nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    static String descriptor(long seed) {
        Random random = new Random(seed);
        float[] values = new float[512];
        double norm = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
            norm += values[i] * values[i];
        }
        ByteBuffer buffer = ByteBuffer.allocate(2048).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            buffer.putFloat((float) (value / Math.sqrt(norm)));
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }
}

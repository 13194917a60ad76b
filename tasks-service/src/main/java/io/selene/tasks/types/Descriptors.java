package io.selene.tasks.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.selene.commons.descriptor.DescriptorCodec;
import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import io.selene.tasks.TasksErrors;
import io.selene.tasks.clients.AccountCalls;
import io.selene.tasks.engine.TaskRun;
import tools.jackson.databind.JsonNode;

/**
 * Descriptors of faces or events read in bulk for the analytic tasks (clustering, cross-matching, ROC):
 * the owners' internal keyset reads {@code GET /3/faces/descriptors} and {@code GET /2/events/descriptors}
 * with the selection's filters (faces: the candidate filters, e.g. {@code list_id}, {@code create_time__*};
 * events: every filter of {@code GET /2/events}), 10,000 per page, as the task's account. Never one request
 * per object: ids are read 1000 per request with {@code face_ids} / {@code event_ids}.
 */
public final class Descriptors {

    private static final int PAGE = 10_000;
    private static final int IDS_PER_READ = 1000;

    private Descriptors() {
    }

    /**
     * Unit descriptors, row-major ({@code size × dimensions} floats), with their object ids.
     * Grows as rows are added; {@link #data()} may be longer than {@code size × dimensions}.
     */
    public static final class Rows {

        private final int dimensions;
        private UUID[] ids = new UUID[1024];
        private float[] data;
        private int size;

        public Rows(int dimensions) {
            this.dimensions = dimensions;
            this.data = new float[1024 * dimensions];
        }

        /** Adds a descriptor, normalised to unit length (stored ones are already: this only guards). */
        public void add(UUID id, float[] values) {
            if (size == ids.length) {
                int capacity = (int) Math.min(Integer.MAX_VALUE - 8L, ids.length * 2L);
                if ((long) capacity * dimensions > Integer.MAX_VALUE - 8L) {
                    capacity = (Integer.MAX_VALUE - 8) / dimensions;
                }
                ids = Arrays.copyOf(ids, capacity);
                data = Arrays.copyOf(data, capacity * dimensions);
            }
            double squares = 0;
            for (float v : values) {
                squares += (double) v * v;
            }
            float scale = (float) (1.0 / Math.sqrt(squares));
            int at = size * dimensions;
            for (int i = 0; i < dimensions; i++) {
                data[at + i] = values[i] * scale;
            }
            ids[size++] = id;
        }

        public int size() {
            return size;
        }

        public int dimensions() {
            return dimensions;
        }

        public UUID id(int row) {
            return ids[row];
        }

        public float[] data() {
            return data;
        }

        /** {@code row_a · row_b}. */
        public float dot(int a, int b) {
            float sum = 0f;
            int x = a * dimensions;
            int y = b * dimensions;
            for (int i = 0; i < dimensions; i++) {
                sum = Math.fma(data[x + i], data[y + i], sum);
            }
            return sum;
        }
    }

    /**
     * Every descriptor of {@code version} of the selection, at most {@code max} (more → {@code 28124}).
     * A refusal of the owner (bad filter value) is the owner's 4xx, which fails the subtask.
     */
    public static Rows select(TaskRun run, Selection selection, int version, int max) {
        Rows rows = new Rows(DescriptorVersion.require(version).dimensions());
        read(run, selection.faces(), selection.query(), version, PAGE, max, rows);
        return rows;
    }

    /** The descriptors of the given ids (each id at most once in the answer; missing ids are left out). */
    public static Rows ofIds(TaskRun run, boolean faces, List<UUID> ids, int version) {
        Rows rows = new Rows(DescriptorVersion.require(version).dimensions());
        for (int from = 0; from < ids.size(); from += IDS_PER_READ) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_READ)).stream()
                    .map(UUID::toString).toList();
            Map<String, Object> query = new LinkedHashMap<>();
            query.put(faces ? "face_ids" : "event_ids", chunk);
            read(run, faces, query, version, PAGE, Integer.MAX_VALUE, rows);
        }
        return rows;
    }

    /**
     * A content's {@code descriptor_version} ({@code at}), its record having checked the range: the default face
     * version when not given; one this build does not know is refused.
     */
    public static int version(Integer given, String at) {
        int version = given == null ? DescriptorVersion.DEFAULT_FACE.number() : given;
        if (DescriptorVersion.of(version).isEmpty()) {
            throw PlatformErrors.badField(at, "unknown descriptor version; known: " + DescriptorVersion.numbers());
        }
        return version;
    }

    /** Checks the filters with the owner at once (one row read); a refusal names {@code path}. */
    public static void validate(AccountCalls calls, Selection selection, int version, String path) {
        Map<String, Object> query = new LinkedHashMap<>(selection.query());
        query.put("version", version);
        query.put("limit", 1);
        try {
            calls.get(selection.faces() ? AccountCalls.FACES : AccountCalls.EVENTS,
                    selection.faces() ? "/3/faces/descriptors" : "/2/events/descriptors", query);
        } catch (LunaException e) {
            if (e.status().is4xxClientError()) {
                throw PlatformErrors.badField(path, e);
            }
            throw e;
        }
    }

    private static void read(TaskRun run, boolean faces, Map<String, Object> filters, int version, int page, int max,
            Rows rows) {
        String service = faces ? AccountCalls.FACES : AccountCalls.EVENTS;
        String path = faces ? "/3/faces/descriptors" : "/2/events/descriptors";
        String idField = faces ? "face_id" : "event_id";
        Base64.Decoder base64 = Base64.getDecoder();
        Long afterKey = null;
        Integer afterVersion = null;
        do {
            run.checkCancelled();
            Map<String, Object> query = new LinkedHashMap<>(filters);
            query.put("version", version);
            query.put("limit", page);
            if (afterKey != null) {
                query.put("after_key", afterKey);
                query.put("after_version", afterVersion);
            }
            JsonNode answer = run.calls().get(service, path, query);
            for (JsonNode item : answer.path("descriptors")) {
                if (rows.size() >= max) {
                    throw TasksErrors.TOO_MANY_DESCRIPTORS.exception(max);
                }
                float[] values = DescriptorCodec.decodeRaw(base64.decode(item.path("data").asString()), version)
                        .values();
                rows.add(UUID.fromString(item.path(idField).asString()), values);
            }
            JsonNode next = answer.path("next");
            if (next.isObject()) {
                afterKey = next.path("after_key").asLong();
                afterVersion = next.path("after_version").asInt();
            } else {
                afterKey = null;
            }
        } while (afterKey != null);
    }

    /** Ids of a list of JSON strings (already checked). */
    public static List<UUID> uuids(JsonNode array) {
        List<UUID> ids = new ArrayList<>();
        array.forEach(id -> ids.add(UUID.fromString(id.asString())));
        return ids;
    }
}

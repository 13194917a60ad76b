package io.selene.handlers.vision;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import io.selene.commons.error.PlatformErrors;
import io.selene.commons.json.JsonFields;
import io.selene.vision.Estimation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one translation of LUNA's estimation flags into an {@link EstimationRequest}, from the
 * {@link Estimation} registry: the query of {@code /sdk} and {@code /detector}, and the
 * {@code detect_policy} / {@code extract_policy} objects of handler and verifier policies (and back,
 * for answering policies). A flag is 0 or 1 (in a policy also {@code {"estimate": 0|1, ...}}); an
 * estimation Selene has no model for is accepted as 0 and refused as 1 (400, 14013). Whether an
 * estimation's model is there is checked when it is used (VisionService).
 */
public final class EstimationFlags {

    /** Parameters of /sdk and /detector besides the flags. */
    private static final List<String> VALUES = List.of("multiface_policy", "score_threshold", "pitch_threshold",
            "roll_threshold", "yaw_threshold", "use_exif_info", "people_count_coordinates", "descriptor_version");

    private EstimationFlags() {
    }

    /**
     * The query of {@code /sdk} ({@code sdk}: with {@code estimate_face_descriptor}) or {@code /detector}:
     * unknown parameters and bad values are refused with 101 naming the parameter.
     */
    static EstimationRequest fromQuery(Map<String, String[]> query, boolean sdk) {
        Map<String, Estimation> flags = new LinkedHashMap<>();
        for (Estimation estimation : Estimation.values()) {
            if (sdk || estimation != Estimation.FACE_DESCRIPTOR) {
                estimation.queryFlags().forEach(flag -> flags.put(flag, estimation));
            }
        }
        Set<String> known = new LinkedHashSet<>(flags.keySet());
        known.addAll(VALUES);
        for (String name : query.keySet()) {
            if (!known.contains(name)) {
                throw PlatformErrors.BAD_QUERY.exception("Unknown query parameter '" + name + "'; known: " + known);
            }
        }
        Set<Estimation> asked = EnumSet.of(Estimation.FACE_DETECTION);
        for (Map.Entry<String, Estimation> flag : flags.entrySet()) {
            if (query.containsKey(flag.getKey())) {
                boolean on = QueryValues.flag(query, flag.getKey(), false);
                if (on && !flag.getValue().known()) {
                    throw VisionErrors.notAvailable(flag.getKey());
                }
                if (on) {
                    asked.add(flag.getValue());
                } else {
                    asked.remove(flag.getValue());
                }
            }
        }
        if (!asked.contains(Estimation.FACE_DETECTION) && !asked.contains(Estimation.BODY_DETECTION)) {
            throw PlatformErrors.BAD_QUERY.exception("'detect_face' and 'detect_body' are both 0: nothing to detect");
        }
        // LUNA's defaults: the EXIF orientation is applied (Selene's decoder always does it), and people
        // coordinates come with estimate_people_count (refused above when asked for)
        if (!QueryValues.flag(query, "use_exif_info", true)) {
            throw PlatformErrors.BAD_QUERY.exception("Bad value of parameter 'use_exif_info': only 1 is supported, "
                    + "the EXIF orientation is always applied");
        }
        QueryValues.flag(query, "people_count_coordinates", true);
        int policy = (int) QueryValues.number(query, "multiface_policy", 1, 0, 2, true);
        double threshold = QueryValues.number(query, "score_threshold", Double.NaN, 0, 1, false);
        // Selene's own: the descriptor version of /sdk (LUNA sets it for the platform only, as
        // DEFAULT_FACE_DESCRIPTOR_VERSION); 0 = the service's default
        int version = sdk ? (int) QueryValues.number(query, "descriptor_version", 0, 1, Integer.MAX_VALUE, true) : 0;
        return new EstimationRequest(asked, policy, threshold, angle(query, "pitch_threshold"),
                angle(query, "roll_threshold"), angle(query, "yaw_threshold"), version);
    }

    private static Double angle(Map<String, String[]> query, String name) {
        double value = QueryValues.number(query, name, Double.NaN, 0, 180, false);
        return Double.isNaN(value) ? null : value;
    }

    /**
     * The estimations one policy object asks for ({@code object} is {@code detect_policy} or
     * {@code extract_policy}), each flag refused with its path when bad. {@code defaults} are on unless
     * given as 0. A flag given as {@code {"estimate": 0|1, ...}} hands its object to {@code settings}
     * (when Selene makes the estimation) to read the other keys; the object is then finished, so a key
     * nobody read is refused. The caller finishes {@code policy}.
     */
    public static Set<Estimation> fromPolicy(JsonFields policy, String object, Set<Estimation> defaults,
            BiConsumer<Estimation, JsonFields> settings) {
        Set<Estimation> asked = EnumSet.noneOf(Estimation.class);
        asked.addAll(defaults);
        Map<String, JsonFields> nested = new LinkedHashMap<>();
        for (Estimation estimation : Estimation.values()) {
            for (String flag : estimation.policyFlags()) {
                List<String> path = List.of(flag.split("\\."));
                if (!path.getFirst().equals(object)) {
                    continue;
                }
                // a flag of a nested object (detect_policy.body_attributes.estimate_upper_body)
                JsonFields holder = path.size() == 2 ? policy
                        : nested.computeIfAbsent(path.get(1), step -> policy.object(step));
                String name = path.getLast();
                JsonNode raw = holder.raw(name);
                if (raw == null) {
                    continue;
                }
                boolean on;
                String at = holder.path(name);
                if (raw.isObject()) {
                    JsonFields form = holder.object(name);
                    on = form.flag("estimate", 0) == 1;
                    at = form.path("estimate");
                    if (estimation.settings() != null && !estimation.known()) {
                        form.known(estimation.settings().toArray(String[]::new)); // settings of an estimation Selene lacks
                    } else if (estimation.settings() != null && settings != null) {
                        settings.accept(estimation, form);
                    }
                    form.finish();
                } else {
                    on = holder.flag(name, 0) == 1;
                }
                if (on && !estimation.known()) {
                    throw VisionErrors.notAvailable(at);
                }
                if (on) {
                    asked.add(estimation);
                } else {
                    asked.remove(estimation);
                }
            }
        }
        nested.values().forEach(JsonFields::finish);
        return asked;
    }

    /**
     * Writes a policy object's flags as policies are answered: every registry flag of {@code object}
     * by its main name, 1 when asked for, as {@code {"estimate": 0|1}} where LUNA writes it so.
     * Answers the objects written, by estimation, for the caller's settings.
     */
    public static Map<Estimation, ObjectNode> write(ObjectNode policy, String object, Set<Estimation> asked) {
        Map<Estimation, ObjectNode> forms = new LinkedHashMap<>();
        for (Estimation estimation : Estimation.values()) {
            if (estimation.policyFlags().isEmpty()) {
                continue;
            }
            List<String> path = List.of(estimation.policyFlags().getFirst().split("\\."));
            if (!path.getFirst().equals(object)) {
                continue;
            }
            ObjectNode holder = policy;
            for (String step : path.subList(1, path.size() - 1)) {
                holder = holder.has(step) ? (ObjectNode) holder.get(step) : holder.putObject(step);
            }
            int value = asked.contains(estimation) ? 1 : 0;
            if (estimation.settings() != null) {
                ObjectNode form = holder.putObject(path.getLast());
                form.put("estimate", value);
                forms.put(estimation, form);
            } else {
                holder.put(path.getLast(), value);
            }
        }
        return forms;
    }
}

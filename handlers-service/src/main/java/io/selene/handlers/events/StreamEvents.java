package io.selene.handlers.events;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.selene.commons.error.PlatformErrors;
import io.selene.handlers.vision.ImageInputs;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The items of a {@code POST /1/handlers/{id}/stream_events} request (FaceStream's route). LUNA's
 * reference names the route ("generate stream events (beta)") and FaceStream's notes say it sends a
 * track's face samples, its track id and {@code Luna-Event-Time} in one request, but the body is not
 * public; this is the most lenient reading that loses nothing (docs/luna-compatibility.md):
 * <ul>
 * <li>JSON {@code {"events": [item, ...], <request fields>}} ({@code "images"} is taken as the same
 * array), each item {@code {"image": "<base64>" | "sample_id": "...", "filename"?, "event_time"?,
 * "event_end_time"?, <event fields>}};</li>
 * <li>multipart: one warp per part, and an optional JSON part {@code events} with the same object, whose
 * items name their part by {@code filename} (a part no item names is an item of its own);</li>
 * <li>a raw image body: one item.</li>
 * </ul>
 * Event fields ({@link EventExtras#NAMES}: track_id, source, tags, user_data, external_id, stream_id,
 * location, detect_time, detect_ts) may be given per item, for the whole request at the top of the
 * JSON, or in the query; an item's own value wins over the request's, a query value given again in the
 * body is refused (as on {@code /events}). Each item makes the events {@code /events} would make from
 * it. The event's {@code create_time} is the item's {@code event_time}, else the {@code Luna-Event-Time}
 * header, else the item's {@code detect_time}, else the time of the request; {@code end_time} the item's
 * {@code event_end_time}, else {@code Luna-Event-End-Time}, else the create time.
 *
 * @param inputs one image per item
 * @param extras each item's event fields
 * @param times each item's times
 * @param policies a dynamic handler's policies (the JSON's {@code policies}), else null
 */
record StreamEvents(List<ImageInputs.Input> inputs, List<EventExtras> extras, List<EventTimes> times,
        JsonNode policies) {

    /** The multipart part (and JSON field) with the items. */
    static final String ITEMS = "events";
    private static final String EVENT_TIME = "event_time";
    private static final String EVENT_END_TIME = "event_end_time";
    private static final Set<String> IMAGE_FIELDS = Set.of("image", "sample_id", "filename");

    /**
     * @param body the JSON body or the multipart part {@code events} (null: none)
     * @param parts a multipart request's or a raw body's images (null: a JSON request)
     */
    static StreamEvents read(JsonNode body, List<ImageInputs.Input> parts, Map<String, String> query,
            String eventTimeHeader, String eventEndTimeHeader, int maxItems) {
        OffsetDateTime headerTime = EventTimes.header(EventTimes.EVENT_TIME, eventTimeHeader);
        OffsetDateTime headerEnd = EventTimes.header(EventTimes.EVENT_END_TIME, eventEndTimeHeader);
        ObjectNode common = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        JsonNode items = null;
        JsonNode policies = null;
        if (body != null && !body.isNull()) {
            if (!body.isObject()) {
                throw PlatformErrors.BAD_BODY.exception("The body must be an object {\"events\": [...]}");
            }
            for (Map.Entry<String, JsonNode> field : body.properties()) {
                String name = field.getKey();
                if (name.equals(ITEMS) || name.equals("images")) {
                    if (items != null) {
                        throw PlatformErrors.BAD_BODY.exception("Give the items once, as 'events' or as 'images'");
                    }
                    items = field.getValue();
                } else if (name.equals(EventsController.POLICIES)) {
                    policies = field.getValue();
                } else if (EventExtras.NAMES.contains(name)) {
                    common.set(name, field.getValue());
                } else {
                    throw PlatformErrors.BAD_BODY.exception("Unknown field '" + name + "'");
                }
            }
            if (items != null && (!items.isArray() || items.size() > maxItems)) {
                throw PlatformErrors.BAD_BODY.exception("'events' must be an array of at most " + maxItems + " items");
            }
        }
        List<ImageInputs.Input> inputs = new ArrayList<>();
        List<ObjectNode> fields = new ArrayList<>();
        Map<String, ImageInputs.Input> unnamed = new LinkedHashMap<>();
        if (parts != null) {
            for (ImageInputs.Input part : parts) {
                if (unnamed.put(part.filename(), part) != null) {
                    throw PlatformErrors.BAD_BODY.exception("Two images named '" + part.filename() + "'");
                }
            }
        }
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                String label = ITEMS + "[" + i + "]";
                JsonNode item = items.get(i);
                if (!item.isObject()) {
                    throw PlatformErrors.BAD_BODY.exception(label + " must be an object");
                }
                ObjectNode own = ((ObjectNode) item).deepCopy();
                for (String name : own.propertyNames()) {
                    if (!IMAGE_FIELDS.contains(name) && !EventExtras.NAMES.contains(name)
                            && !name.equals(EVENT_TIME) && !name.equals(EVENT_END_TIME)) {
                        throw PlatformErrors.BAD_BODY.exception("Unknown field '" + label + "." + name + "'");
                    }
                }
                String filename = own.hasNonNull("filename") ? own.get("filename").asString() : label;
                if (parts != null) {
                    ImageInputs.Input part = unnamed.remove(filename);
                    if (part == null || own.has("image") || own.has("sample_id")) {
                        throw PlatformErrors.BAD_BODY.exception(label + " must name one image part by 'filename' "
                                + "(and carry no 'image' or 'sample_id')");
                    }
                    inputs.add(part);
                } else {
                    inputs.add(image(own, filename, label));
                }
                own.remove(IMAGE_FIELDS);
                fields.add(own);
            }
        } else if (parts == null) {
            throw PlatformErrors.BAD_BODY.exception("'events' must be an array of items with 'image' or 'sample_id'");
        }
        for (ImageInputs.Input part : unnamed.values()) { // an image no item names: an item of its own
            inputs.add(part);
            fields.add(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        }
        if (inputs.isEmpty()) {
            throw PlatformErrors.BAD_BODY.exception("No items: give at least one image");
        }
        if (inputs.size() > maxItems) {
            throw PlatformErrors.BAD_BODY.exception("At most " + maxItems + " items in one request");
        }
        List<EventExtras> extras = new ArrayList<>();
        List<EventTimes> times = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            ObjectNode own = fields.get(i);
            OffsetDateTime eventTime = time(own.remove(EVENT_TIME), i, EVENT_TIME);
            OffsetDateTime eventEnd = time(own.remove(EVENT_END_TIME), i, EVENT_END_TIME);
            ObjectNode merged = common.deepCopy();
            merged.setAll(own); // the item's own value over the request's
            EventExtras itemExtras = EventExtras.parse(query, merged);
            OffsetDateTime create = eventTime != null ? eventTime : headerTime != null ? headerTime
                    : itemExtras.detectTime();
            OffsetDateTime end = eventEnd != null ? eventEnd : headerEnd;
            if (create != null && end != null && end.isBefore(create)) {
                throw PlatformErrors.BAD_BODY.exception("Bad field '" + ITEMS + "[" + i + "]': its end time " + end
                        + " is before its event time " + create);
            }
            extras.add(itemExtras);
            times.add(EventTimes.of(create, end));
        }
        return new StreamEvents(List.copyOf(inputs), List.copyOf(extras), List.copyOf(times), policies);
    }

    private static ImageInputs.Input image(JsonNode item, String filename, String label) {
        if (item.hasNonNull("image") && item.get("image").isString() && !item.has("sample_id")) {
            try {
                return new ImageInputs.Input(filename, Base64.getMimeDecoder().decode(item.get("image").asString()),
                        null, null);
            } catch (IllegalArgumentException e) {
                throw PlatformErrors.BAD_BODY.exception("Bad field '" + label + ".image': not valid base64");
            }
        }
        if (item.hasNonNull("sample_id") && item.get("sample_id").isString() && !item.has("image")) {
            return new ImageInputs.Input(filename, null, item.get("sample_id").asString(), null);
        }
        throw PlatformErrors.BAD_BODY.exception(label + " needs one of 'image' (base64) or 'sample_id'");
    }

    private static OffsetDateTime time(JsonNode value, int index, String name) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            if (!value.isString()) {
                throw new DateTimeParseException("not a string", "", 0);
            }
            return EventTimes.utc(OffsetDateTime.parse(value.asString().strip()));
        } catch (DateTimeParseException e) {
            throw PlatformErrors.BAD_BODY.exception("Bad field '" + ITEMS + "[" + index + "]." + name
                    + "': must be ISO-8601 (RFC 3339) with an offset");
        }
    }
}

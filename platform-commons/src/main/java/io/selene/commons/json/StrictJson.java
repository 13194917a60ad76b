package io.selene.commons.json;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import io.selene.commons.error.PlatformErrors;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one strict reader of JSON request bodies: a body already parsed as a tree (creates keep the
 * tree to fingerprint it for idempotency) bound to a request record, refusing unknown fields, wrong
 * types and nulls for primitives with {@link JsonFields#bad} naming the field by its path
 * ({@code events[0].location.city}).
 */
public final class StrictJson {

    private final JsonMapper json;

    public StrictJson(JsonMapper json) {
        this.json = json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
    }

    public <T> T read(JsonNode body, Class<T> type) {
        return read(body, type, "");
    }

    /** As {@link #read(JsonNode, Class)} for an object found at {@code at} of the body ({@code events[2]}). */
    public <T> T read(JsonNode object, Class<T> type, String at) {
        if (object == null || !object.isObject()) {
            throw JsonFields.bad(at.isEmpty() ? "body" : at, "must be a JSON object");
        }
        try {
            return json.treeToValue(object, type);
        } catch (JacksonException e) {
            throw PlatformErrors.badField(e, at);
        }
    }

    /** The JSON body of a request (null when empty): 415 unless its content type is JSON, 400 unless it parses. */
    public JsonNode body(HttpServletRequest request) throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw PlatformErrors.UNSUPPORTED_MEDIA_TYPE.exception(type, "application/json");
        }
        return parse(request.getInputStream(), "Body");
    }

    /** JSON read from {@code in} (null when empty); 400 "{@code what} is not valid JSON" unless it parses. */
    public JsonNode parse(InputStream in, String what) {
        try {
            return json.readTree(in);
        } catch (RuntimeException e) {
            throw PlatformErrors.BAD_BODY.exception(what + " is not valid JSON");
        }
    }

    public JsonMapper mapper() {
        return json;
    }
}

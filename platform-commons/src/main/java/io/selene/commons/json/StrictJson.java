package io.selene.commons.json;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;

import io.selene.commons.error.PlatformErrors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategy;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one strict reader of JSON request bodies: a body already parsed as a tree (creates keep the
 * tree to fingerprint it for idempotency) bound to a request record, refusing unknown fields, wrong
 * types and nulls for primitives with {@link JsonFields#bad} naming the field by its path
 * ({@code events[0].location.city}), then checked against the record's Bean Validation constraints, whose
 * message is the refusal's reason ({@code Bad field 'login': must be 1..256 characters long}).
 */
public final class StrictJson {

    private final JsonMapper json;
    private final Validator validator;

    public StrictJson(JsonMapper json, Validator validator) {
        this.json = json.rebuild().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
        this.validator = validator;
    }

    public <T> T read(JsonNode body, Class<T> type) {
        return read(body, type, "");
    }

    /** As {@link #read(JsonNode, Class)} for an object found at {@code at} of the body ({@code events[2]}). */
    public <T> T read(JsonNode object, Class<T> type, String at) {
        if (object == null || !object.isObject()) {
            throw JsonFields.bad(at.isEmpty() ? "body" : at, "must be a JSON object");
        }
        T value;
        try {
            value = json.treeToValue(object, type);
        } catch (JacksonException e) {
            throw PlatformErrors.badField(e, at);
        }
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            // the first by path, so that the same body is always refused with the same words
            ConstraintViolation<T> first = violations.stream()
                    .min(Comparator.comparing(v -> jsonPath(v.getPropertyPath()))).orElseThrow();
            String path = jsonPath(first.getPropertyPath());
            String field = path.isEmpty() ? (at.isEmpty() ? "body" : at) : at.isEmpty() ? path : at + "." + path;
            throw JsonFields.bad(field, first.getMessage());
        }
        return value;
    }

    /** A constraint's path in the body's names ({@code events[0].stream_id}, not {@code events[0].streamId}). */
    private String jsonPath(Path path) {
        PropertyNamingStrategy naming = json.serializationConfig().getPropertyNamingStrategy();
        StringBuilder at = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable() && node.getIndex() != null) {
                at.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (!at.isEmpty()) {
                    at.append('.');
                }
                at.append(naming == null ? node.getName()
                        : naming.nameForField(json.serializationConfig(), null, node.getName()));
            }
        }
        return at.toString();
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

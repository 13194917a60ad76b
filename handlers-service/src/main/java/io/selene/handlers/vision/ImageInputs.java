package io.selene.handlers.vision;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.json.StrictJson;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import tools.jackson.databind.JsonNode;

/**
 * The images of a detector/sdk request: a raw image body ({@code image/*}), {@code multipart/form-data}
 * with one image per part, or JSON {@code {"images": [{"image": "<base64>", "filename": ...} | {"sample_id": ...}]}}.
 * An entry that cannot be read carries its error, so one bad image does not fail the others.
 */
public final class ImageInputs {

    static final String SUPPORTED = "image/jpeg, image/png, image/bmp, image/webp, image/tiff, "
            + "application/octet-stream, multipart/form-data, application/json";

    /** One input: bytes, or a sample to fetch, or the reason it cannot be used. */
    public record Input(String filename, byte[] bytes, String sampleId, LunaException error) {
    }

    /** The images of a request and its JSON: the whole JSON body, or the multipart part named as asked (else null). */
    public record Read(List<Input> inputs, JsonNode json) {
    }

    private ImageInputs() {
    }

    public static List<Input> read(HttpServletRequest request, StrictJson json, long maxBytes, int maxImages)
            throws IOException {
        return read(request, json, maxBytes, maxImages, null).inputs();
    }

    /**
     * As {@link #read(HttpServletRequest, StrictJson, long, int)}; a multipart part named {@code jsonPart}
     * (when not null) is read as JSON instead of as an image, and a JSON body is returned as well.
     */
    static Read read(HttpServletRequest request, StrictJson json, long maxBytes, int maxImages, String jsonPart)
            throws IOException {
        String contentType = request.getContentType();
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        List<Input> inputs;
        JsonNode body = null;
        if (type.startsWith("image/") || type.startsWith("application/octet-stream")) {
            inputs = List.of(new Input(filename(request), bounded(request.getInputStream(), maxBytes, "the body"),
                    null, null));
        } else if (type.startsWith("multipart/form-data")) {
            JsonNode[] part = new JsonNode[1];
            inputs = multipart(request, maxBytes, json, jsonPart, part);
            body = part[0];
        } else if (type.startsWith("application/json")) {
            body = json.parse(request.getInputStream(), "Body");
            inputs = fromJson(body, maxImages);
        } else {
            throw PlatformErrors.UNSUPPORTED_MEDIA_TYPE.exception(contentType, SUPPORTED);
        }
        if (inputs.isEmpty()) {
            throw VisionErrors.NO_IMAGES.exception();
        }
        if (inputs.size() > maxImages) {
            throw VisionErrors.TOO_MANY_IMAGES.exception(inputs.size(), maxImages);
        }
        return new Read(inputs, body);
    }

    private static String filename(HttpServletRequest request) {
        String name = request.getParameter("filename");
        return name == null ? "" : name;
    }

    private static List<Input> multipart(HttpServletRequest request, long maxBytes, StrictJson json, String jsonPart,
            JsonNode[] jsonOut) throws IOException {
        Collection<Part> parts;
        try {
            parts = request.getParts();
        } catch (ServletException | IllegalStateException | IOException e) {
            throw PlatformErrors.BAD_MULTIPART.exception("cannot read its parts (boundary, headers, closing boundary)");
        }
        List<Input> inputs = new ArrayList<>();
        for (Part part : parts) {
            if (jsonPart != null && jsonPart.equals(part.getName())) {
                try (InputStream in = part.getInputStream()) {
                    jsonOut[0] = json.parse(new java.io.ByteArrayInputStream(
                            bounded(in, maxBytes, "part '" + jsonPart + "'")), "Part '" + jsonPart + "'");
                }
                continue;
            }
            String name = part.getSubmittedFileName() != null ? part.getSubmittedFileName() : part.getName();
            try (InputStream in = part.getInputStream()) {
                inputs.add(new Input(name, bounded(in, maxBytes, "part '" + name + "'"), null, null));
            } catch (LunaException e) {
                inputs.add(new Input(name, null, null, e));
            }
        }
        return inputs;
    }

    private static List<Input> fromJson(JsonNode body, int maxImages) {
        JsonNode images = body == null ? null : body.get("images");
        if (images == null || !images.isArray()) {
            throw PlatformErrors.BAD_BODY.exception("'images' must be an array of {\"image\": base64} or {\"sample_id\"}");
        }
        if (images.size() > maxImages) {
            throw VisionErrors.TOO_MANY_IMAGES.exception(images.size(), maxImages);
        }
        List<Input> inputs = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : images) {
            String label = "images[" + index++ + "]";
            String filename = entry.hasNonNull("filename") ? entry.get("filename").asString() : label;
            if (entry.hasNonNull("image") && entry.get("image").isString()) {
                try {
                    inputs.add(new Input(filename, Base64.getMimeDecoder().decode(entry.get("image").asString()),
                            null, null));
                } catch (IllegalArgumentException e) {
                    inputs.add(new Input(filename, null, null,
                            VisionErrors.BAD_IMAGE_ENTRY.exception(label, "'image' is not valid base64")));
                }
            } else if (entry.hasNonNull("sample_id") && entry.get("sample_id").isString()) {
                inputs.add(new Input(filename, null, entry.get("sample_id").asString(), null));
            } else {
                inputs.add(new Input(filename, null, null,
                        VisionErrors.BAD_IMAGE_ENTRY.exception(label, "needs 'image' (base64) or 'sample_id'")));
            }
        }
        return inputs;
    }

    static byte[] bounded(InputStream in, long maxBytes, String what) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw VisionErrors.IMAGE_TOO_LARGE.exception("Image in " + what + " is larger than " + maxBytes + " bytes");
        }
        return bytes;
    }
}

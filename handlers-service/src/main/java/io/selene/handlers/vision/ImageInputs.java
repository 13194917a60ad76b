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
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The images of a detector/sdk request: a raw image body ({@code image/*}), {@code multipart/form-data}
 * with one image per part, or JSON {@code {"images": [{"image": "<base64>", "filename": ...} | {"sample_id": ...}]}}.
 * An entry that cannot be read carries its error, so one bad image does not fail the others.
 */
final class ImageInputs {

    static final String SUPPORTED = "image/jpeg, image/png, image/bmp, image/webp, image/tiff, "
            + "application/octet-stream, multipart/form-data, application/json";

    /** One input: bytes, or a sample to fetch, or the reason it cannot be used. */
    record Input(String filename, byte[] bytes, String sampleId, LunaException error) {
    }

    private ImageInputs() {
    }

    static List<Input> read(HttpServletRequest request, JsonMapper json, long maxBytes, int maxImages)
            throws IOException {
        String contentType = request.getContentType();
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        List<Input> inputs;
        if (type.startsWith("image/") || type.startsWith("application/octet-stream")) {
            inputs = List.of(new Input(filename(request), bounded(request.getInputStream(), maxBytes, "the body"),
                    null, null));
        } else if (type.startsWith("multipart/form-data")) {
            inputs = multipart(request, maxBytes);
        } else if (type.startsWith("application/json")) {
            inputs = fromJson(request, json, maxImages);
        } else {
            throw PlatformErrors.UNSUPPORTED_MEDIA_TYPE.exception(contentType, SUPPORTED);
        }
        if (inputs.isEmpty()) {
            throw VisionErrors.NO_IMAGES.exception();
        }
        if (inputs.size() > maxImages) {
            throw VisionErrors.TOO_MANY_IMAGES.exception(inputs.size(), maxImages);
        }
        return inputs;
    }

    private static String filename(HttpServletRequest request) {
        String name = request.getParameter("filename");
        return name == null ? "" : name;
    }

    private static List<Input> multipart(HttpServletRequest request, long maxBytes) throws IOException {
        Collection<Part> parts;
        try {
            parts = request.getParts();
        } catch (ServletException | IllegalStateException e) {
            throw PlatformErrors.BAD_BODY.exception("Cannot read the multipart body: " + e.getMessage());
        }
        List<Input> inputs = new ArrayList<>();
        for (Part part : parts) {
            String name = part.getSubmittedFileName() != null ? part.getSubmittedFileName() : part.getName();
            try (InputStream in = part.getInputStream()) {
                inputs.add(new Input(name, bounded(in, maxBytes, "part '" + name + "'"), null, null));
            } catch (LunaException e) {
                inputs.add(new Input(name, null, null, e));
            }
        }
        return inputs;
    }

    private static List<Input> fromJson(HttpServletRequest request, JsonMapper json, int maxImages)
            throws IOException {
        JsonNode body;
        try {
            body = json.readTree(request.getInputStream());
        } catch (RuntimeException e) {
            throw PlatformErrors.BAD_BODY.exception("Body is not valid JSON");
        }
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

package io.selene.liveness.prediction;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.selene.commons.error.LunaException;
import io.selene.commons.error.PlatformErrors;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The images and {@code meta} of a {@code POST /1/liveness}: an image body, {@code multipart/form-data}
 * (one image per part; a part named {@code meta} is the JSON meta, as LUNA clients send it), or JSON
 * {@code {"images": [{"image": "<base64>", "filename": ...}], "meta": {...}}}. An image that cannot be
 * read keeps its error, so the others are still estimated.
 */
record LivenessImages(List<Image> images, JsonNode meta) {

    /** One image: its bytes, or why it cannot be used. */
    record Image(String filename, byte[] bytes, LunaException error) {
    }

    static final String SUPPORTED = "image/jpeg, image/png, image/bmp, image/webp, image/tiff, "
            + "application/octet-stream, multipart/form-data, application/json";
    private static final Set<String> OS = Set.of("IOS", "ANDROID", "DESKTOP", "UNKNOWN");
    private static final int MAX_META = 4096;

    static LivenessImages read(HttpServletRequest request, JsonMapper json, long maxBytes, int maxImages)
            throws IOException {
        String contentType = request.getContentType();
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        List<Image> images = new ArrayList<>();
        JsonNode meta = null;
        if (type.startsWith("image/") || type.startsWith("application/octet-stream")) {
            String name = request.getParameter("filename");
            images.add(image(name == null ? "" : name, request.getInputStream(), maxBytes));
        } else if (type.startsWith("multipart/form-data")) {
            for (Part part : parts(request)) {
                if ("meta".equals(part.getName())) {
                    try (InputStream in = part.getInputStream()) {
                        byte[] bytes = in.readNBytes(MAX_META + 1);
                        if (bytes.length > MAX_META) {
                            throw LivenessErrors.BAD_META.exception("larger than " + MAX_META + " bytes");
                        }
                        meta = parse(json, bytes);
                    }
                } else {
                    String name = part.getSubmittedFileName() != null ? part.getSubmittedFileName() : part.getName();
                    try (InputStream in = part.getInputStream()) {
                        images.add(image(name, in, maxBytes));
                    }
                }
            }
        } else if (type.startsWith("application/json")) {
            JsonNode body;
            try {
                body = json.readTree(request.getInputStream());
            } catch (RuntimeException e) {
                throw PlatformErrors.BAD_BODY.exception("Body is not valid JSON");
            }
            JsonNode entries = body == null ? null : body.get("images");
            if (entries == null || !entries.isArray()) {
                throw PlatformErrors.BAD_BODY.exception("'images' must be an array of {\"image\": \"<base64>\"}");
            }
            if (entries.size() > maxImages) {
                throw LivenessErrors.TOO_MANY_IMAGES.exception(entries.size(), maxImages);
            }
            int index = 0;
            for (JsonNode entry : entries) {
                images.add(fromJson(entry, "images[" + index++ + "]", maxBytes));
            }
            meta = body.get("meta");
        } else {
            throw PlatformErrors.UNSUPPORTED_MEDIA_TYPE.exception(contentType, SUPPORTED);
        }
        if (images.isEmpty()) {
            throw LivenessErrors.NO_IMAGES.exception();
        }
        if (images.size() > maxImages) {
            throw LivenessErrors.TOO_MANY_IMAGES.exception(images.size(), maxImages);
        }
        checkMeta(meta);
        return new LivenessImages(List.copyOf(images), meta);
    }

    private static List<Part> parts(HttpServletRequest request) throws IOException {
        try {
            return List.copyOf(request.getParts());
        } catch (ServletException | IllegalStateException e) {
            throw PlatformErrors.BAD_BODY.exception("Cannot read the multipart body: " + e.getMessage());
        }
    }

    private static Image image(String name, InputStream in, long maxBytes) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            return new Image(name, null, LivenessErrors.BAD_IMAGE.exception("larger than " + maxBytes + " bytes"));
        }
        return new Image(name, bytes, null);
    }

    private static Image fromJson(JsonNode entry, String label, long maxBytes) {
        String filename = entry.hasNonNull("filename") ? entry.get("filename").asString() : label;
        if (entry.hasNonNull("url")) {
            return new Image(filename, null, LivenessErrors.BAD_IMAGE_ENTRY.exception(label,
                    "image URLs are not fetched (no outbound calls); send the image as base64 in 'image'"));
        }
        if (!entry.hasNonNull("image") || !entry.get("image").isString()) {
            return new Image(filename, null, LivenessErrors.BAD_IMAGE_ENTRY.exception(label, "needs 'image' (base64)"));
        }
        String text = entry.get("image").asString();
        if (text.length() > maxBytes / 3 * 4 + 8) {
            return new Image(filename, null, LivenessErrors.BAD_IMAGE.exception("larger than " + maxBytes + " bytes"));
        }
        try {
            return new Image(filename, Base64.getMimeDecoder().decode(text), null);
        } catch (IllegalArgumentException e) {
            return new Image(filename, null, LivenessErrors.BAD_IMAGE_ENTRY.exception(label, "'image' is not valid base64"));
        }
    }

    private static JsonNode parse(JsonMapper json, byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (RuntimeException e) {
            throw LivenessErrors.BAD_META.exception("not valid JSON");
        }
    }

    /** LUNA's device meta: an object; {@code OS} one of IOS, ANDROID, DESKTOP, UNKNOWN. It does not change the estimate. */
    private static void checkMeta(JsonNode meta) {
        if (meta == null || meta.isNull()) {
            return;
        }
        if (!meta.isObject()) {
            throw LivenessErrors.BAD_META.exception("must be a JSON object");
        }
        if (meta.toString().length() > MAX_META) {
            throw LivenessErrors.BAD_META.exception("larger than " + MAX_META + " bytes");
        }
        JsonNode os = meta.get("OS");
        if (os != null && !(os.isString() && OS.contains(os.asString()))) {
            throw LivenessErrors.BAD_META.exception("'OS' must be one of " + OS);
        }
    }
}

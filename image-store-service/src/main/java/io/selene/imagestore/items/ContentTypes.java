package io.selene.imagestore.items;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import io.selene.imagestore.ImageStoreErrors;
import io.selene.imagestore.Kind;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The media types each kind accepts, and a check that the body is what its Content-Type says
 * (a JPEG starts like a JPEG, JSON parses), so a reader never gets bytes its type cannot decode.
 * The bytes themselves are stored unchanged.
 */
final class ContentTypes {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Map<String, Predicate<byte[]>> IMAGES = new LinkedHashMap<>();
    private static final Map<String, Predicate<byte[]>> OBJECTS = new LinkedHashMap<>();

    static {
        IMAGES.put("image/jpeg", ContentTypes::isJpeg);
        IMAGES.put("image/png", ContentTypes::isPng);
        IMAGES.put("image/bmp", body -> startsWith(body, "BM"));
        IMAGES.put("image/tiff", body -> startsWith(body, "II*\0") || startsWith(body, "MM\0*"));
        IMAGES.put("image/x-portable-pixmap", body -> startsWith(body, "P6") || startsWith(body, "P3"));
        IMAGES.put("image/webp", body -> startsWith(body, "RIFF") && body.length >= 12
                && new String(body, 8, 4, StandardCharsets.ISO_8859_1).equals("WEBP"));

        OBJECTS.put("application/json", ContentTypes::isJson);
        OBJECTS.put("text/plain", body -> true);
        OBJECTS.put("text/csv", body -> true);
        OBJECTS.put("application/zip", body -> startsWith(body, "PK\3\4") || startsWith(body, "PK\5\6"));
        OBJECTS.put("application/pdf", body -> startsWith(body, "%PDF-"));
        OBJECTS.put("image/png", ContentTypes::isPng);
        OBJECTS.put("image/jpeg", ContentTypes::isJpeg);
    }

    private ContentTypes() {
    }

    /** The Content-Type to store (normalised, parameters such as charset kept), after checking type and body. */
    static String check(Kind kind, String contentType, byte[] body) {
        Map<String, Predicate<byte[]>> accepted = kind == Kind.IMAGE ? IMAGES : OBJECTS;
        if (contentType == null || contentType.isBlank()) {
            throw ImageStoreErrors.UNSUPPORTED_CONTENT_TYPE.exception("none", kind.folder(), accepted.keySet());
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            throw ImageStoreErrors.UNSUPPORTED_CONTENT_TYPE.exception(contentType, kind.folder(), accepted.keySet());
        }
        String essence = (type.getType() + "/" + type.getSubtype()).toLowerCase();
        Predicate<byte[]> matches = accepted.get(essence);
        if (matches == null) {
            throw ImageStoreErrors.UNSUPPORTED_CONTENT_TYPE.exception(contentType, kind.folder(), accepted.keySet());
        }
        if (!matches.test(body)) {
            throw ImageStoreErrors.CONTENT_MISMATCH.exception(essence, "the bytes do not have this format");
        }
        return type.toString();
    }

    private static boolean isJpeg(byte[] body) {
        return body.length >= 3 && (body[0] & 0xff) == 0xff && (body[1] & 0xff) == 0xd8 && (body[2] & 0xff) == 0xff;
    }

    private static boolean isPng(byte[] body) {
        return startsWith(body, "\u0089PNG\r\n\u001a\n");
    }

    private static boolean isJson(byte[] body) {
        try {
            JSON.readTree(body);
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }

    private static boolean startsWith(byte[] body, String signature) {
        byte[] expected = signature.getBytes(StandardCharsets.ISO_8859_1);
        if (body.length < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (body[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}

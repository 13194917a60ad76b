package io.selene.tasks.types.estimator;

import io.selene.commons.error.LunaException;
import io.selene.tasks.TasksErrors;

/** The Content-Type of image bytes from their signature (the formats Image Store and the handlers take). */
final class ImageKinds {

    private ImageKinds() {
    }

    /** {@code image/jpeg}, {@code image/png}, …, or null when the bytes are no image we know. */
    static String contentType(byte[] bytes) {
        if (starts(bytes, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(bytes, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (starts(bytes, 'B', 'M')) {
            return "image/bmp";
        }
        if (starts(bytes, 'I', 'I', 0x2A, 0x00) || starts(bytes, 'M', 'M', 0x00, 0x2A)) {
            return "image/tiff";
        }
        if (starts(bytes, 'R', 'I', 'F', 'F') && bytes.length >= 12 && bytes[8] == 'W' && bytes[9] == 'E'
                && bytes[10] == 'B' && bytes[11] == 'P') {
            return "image/webp";
        }
        if (bytes.length >= 2 && bytes[0] == 'P' && (bytes[1] == '6' || bytes[1] == '3')) {
            return "image/x-portable-pixmap";
        }
        return null;
    }

    /** The item error of bytes that are no image we know ({@code 28114}), whatever the source. */
    static LunaException notAnImage(String name) {
        return TasksErrors.IMAGE_UNREADABLE.exception(name, "not an image (JPEG, PNG, BMP, TIFF, WebP or PPM)");
    }

    private static boolean starts(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

package io.selene.vision.image;

/** An input image the engine refuses, with the reason a caller can map to its own error. */
public class ImageRejectedException extends RuntimeException {

    public enum Reason {
        /** No bytes at all. */
        EMPTY,
        /** More bytes than the configured bound. */
        TOO_MANY_BYTES,
        /** Not an image format we can read (random bytes, unknown format). */
        UNSUPPORTED_FORMAT,
        /** Width × height in the header above the pixel budget; nothing was decoded. */
        TOO_MANY_PIXELS,
        /** Smaller than a face could be. */
        TOO_SMALL,
        /** Recognised format, but the data is broken (e.g. truncated). */
        CORRUPT
    }

    private final Reason reason;

    public ImageRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ImageRejectedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

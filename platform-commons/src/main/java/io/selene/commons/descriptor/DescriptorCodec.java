package io.selene.commons.descriptor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Raw and SDK descriptor encodings.
 *
 * <p>Raw: the float32 values, little-endian, with the version given beside them.
 *
 * <p>SDK descriptor (self-describing, as LUNA's {@code sdk_descriptor}): bytes 0..4 the signature
 * {@code "SLDS"}, 4..8 the version (uint32 little-endian, where LUNA keeps it too), 8..12 the data
 * length in bytes (uint32 LE), then the raw data.
 */
public final class DescriptorCodec {

    static final byte[] SIGNATURE = {'S', 'L', 'D', 'S'};
    static final int HEADER = 12;
    /** Smallest accepted descriptor norm; real descriptors have norm ≈ 1 (or their own scale, far above this). */
    public static final double MIN_NORM = 1e-6;

    private DescriptorCodec() {
    }

    /** A descriptor of a known version. */
    public record Descriptor(DescriptorVersion version, float[] values) {

        public byte[] raw() {
            return encodeRaw(values);
        }

        public String rawBase64() {
            return Base64.getEncoder().encodeToString(raw());
        }

        public byte[] sdk() {
            return toSdk(this);
        }

        public String sdkBase64() {
            return Base64.getEncoder().encodeToString(sdk());
        }
    }

    public static byte[] encodeRaw(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    /** Decodes raw bytes of a version, refusing an unknown version or a wrong length. */
    public static Descriptor decodeRaw(byte[] raw, int versionNumber) {
        DescriptorVersion version = DescriptorVersion.require(versionNumber);
        if (raw.length != version.rawLength()) {
            throw DescriptorErrors.BAD_LENGTH.exception(version.number(), version.rawLength(), raw.length);
        }
        float[] values = new float[version.dimensions()];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        double squares = 0;
        for (float value : values) {
            if (!Float.isFinite(value)) {
                throw DescriptorErrors.BAD_LENGTH.exception(version.number(), version.rawLength(),
                        raw.length + " (with non-finite values)");
            }
            squares += (double) value * value;
        }
        // A (near) zero vector has no direction: its cosine with anything is NaN (512 × 1e-45 normalises to inf).
        if (!(Math.sqrt(squares) >= MIN_NORM)) {
            throw DescriptorErrors.NO_DIRECTION.exception(version.number(), Math.sqrt(squares), MIN_NORM);
        }
        return new Descriptor(version, values);
    }

    public static Descriptor decodeRawBase64(String base64, int versionNumber) {
        return decodeRaw(base64(base64), versionNumber);
    }

    public static byte[] toSdk(Descriptor descriptor) {
        byte[] raw = descriptor.raw();
        ByteBuffer buffer = ByteBuffer.allocate(HEADER + raw.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(SIGNATURE).putInt(descriptor.version().number()).putInt(raw.length).put(raw);
        return buffer.array();
    }

    public static Descriptor fromSdk(byte[] sdk) {
        if (sdk.length < HEADER) {
            throw DescriptorErrors.BAD_SDK_DESCRIPTOR.exception("shorter than its " + HEADER + "-byte header");
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (sdk[i] != SIGNATURE[i]) {
                throw DescriptorErrors.BAD_SDK_DESCRIPTOR.exception("wrong signature (expected SLDS)");
            }
        }
        ByteBuffer header = ByteBuffer.wrap(sdk, 4, 8).order(ByteOrder.LITTLE_ENDIAN);
        int version = header.getInt();
        int length = header.getInt();
        if (length != sdk.length - HEADER) {
            throw DescriptorErrors.BAD_SDK_DESCRIPTOR.exception("header says " + length + " data bytes, body has "
                    + (sdk.length - HEADER));
        }
        byte[] raw = new byte[length];
        System.arraycopy(sdk, HEADER, raw, 0, length);
        return decodeRaw(raw, version);
    }

    public static Descriptor fromSdkBase64(String base64) {
        return fromSdk(base64(base64));
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw DescriptorErrors.BAD_BASE64.exception(e.getMessage());
        }
    }
}

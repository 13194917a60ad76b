package io.selene.faces.attributes;

import java.util.Base64;

/** A validated descriptor: version and raw bytes (length checked against the version). */
public record StoredDescriptor(int version, byte[] data) {

    public DescriptorView view() {
        return new DescriptorView(version, Base64.getEncoder().encodeToString(data));
    }

    /** JSON form: {@code {"version": 201, "data": "<base64>"}}. */
    public record DescriptorView(int version, String data) {
    }
}

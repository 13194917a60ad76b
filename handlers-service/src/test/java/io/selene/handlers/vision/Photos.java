package io.selene.handlers.vision;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;

import io.selene.vision.VisionSettings;

/**
 * The demo photos of {@code @vladmandic/face-api@1.7.15} ({@code bin/fetch-test-photos}; or
 * {@code SELENE_TEST_PHOTOS_DIR}) and crafted bad images. Missing photos fail the test.
 */
final class Photos {

    static final List<Integer> FACES = List.of(3, 3, 3, 4, 5, 4);

    private Photos() {
    }

    static byte[] sample(int n) {
        String configured = System.getenv("SELENE_TEST_PHOTOS_DIR");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured)
                : VisionSettings.findUpwards(Path.of("var", "test-photos"));
        Path file = dir.resolve("sample" + n + ".jpg");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Test photo " + file.toAbsolutePath()
                    + " missing: run bin/fetch-test-photos (or set SELENE_TEST_PHOTOS_DIR)");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG whose header declares width × height RGB pixels, and no pixel data. */
    static byte[] pngDeclaring(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    static byte[] onePixelPng() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB),
                    "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** multipart/form-data with one file part per image. */
    static byte[] multipart(String boundary, List<String> names, List<byte[]> images) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < images.size(); i++) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image" + i + "\"; filename=\""
                    + names.get(i) + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes());
            out.writeBytes(images.get(i));
            out.writeBytes("\r\n".getBytes());
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes());
        return out.toByteArray();
    }
}

package io.selene.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Real face photos for tests: the demo photos of {@code @vladmandic/face-api@1.7.15} ({@code bin/fetch-test-photos}; or
 * {@code SELENE_TEST_PHOTOS_DIR}) and crafted bad images. Missing photos fail the test.
 */
public final class TestPhotos {

    /** Faces on sample1..sample6. */
    public static final List<Integer> FACES = List.of(3, 3, 3, 4, 5, 4);

    private TestPhotos() {
    }

    public static byte[] sample(int n) {
        String configured = System.getenv("SELENE_TEST_PHOTOS_DIR");
        Path dir = configured != null && !configured.isBlank() ? Path.of(configured)
                : findUpwards(Path.of("var", "test-photos"));
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

    /** The folder of that name in the working directory or the nearest parent that has it (module or repo root). */
    private static Path findUpwards(Path relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        return Path.of("").toAbsolutePath().resolve(relative);
    }

    /** A PNG whose header declares width × height RGB pixels, and no pixel data. */
    public static byte[] pngDeclaring(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    public static byte[] onePixelPng() {
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

    /**
     * A portrait cut from a real photo as ISO/IEC 19794-5 frames one: the face's point M ({@code mx},
     * {@code my}) at half the width and 42 % of the height, the head ({@code headWidth} pixels) 60 % of the
     * width, width:height 0.77, enlarged {@code scale} times; JPEG.
     */
    public static byte[] portrait(byte[] photo, double mx, double my, double headWidth, double scale) {
        try {
            java.awt.image.BufferedImage source = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(photo));
            double width = headWidth / 0.6;
            double height = width / 0.77;
            int outWidth = (int) Math.round(width * scale);
            int outHeight = (int) Math.round(height * scale);
            java.awt.image.BufferedImage out = new java.awt.image.BufferedImage(outWidth, outHeight,
                    java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = out.createGraphics();
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                    java.awt.RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            int left = (int) Math.round(mx - width / 2);
            int top = (int) Math.round(my - 0.42 * height);
            g.drawImage(source, 0, 0, outWidth, outHeight, left, top, left + (int) Math.round(width),
                    top + (int) Math.round(height), null);
            g.dispose();
            return jpeg(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JPEG of one flat grey: an image without a face. */
    public static byte[] blank(int width, int height) {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.GRAY);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return jpeg(image);
    }

    private static byte[] jpeg(java.awt.image.BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "jpeg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** multipart/form-data with one file part per image. */
    public static byte[] multipart(String boundary, List<String> names, List<byte[]> images) {
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

package io.selene.vision.image;

/**
 * An 8-bit RGB image, pixels interleaved row by row ({@code r,g,b,r,g,b,...}). The one pixel
 * format every stage works on: decoding converts to it once, so no stage depends on how ImageIO
 * happened to represent the file.
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if (width <= 0 || height <= 0 || rgb.length != width * height * 3) {
            throw new IllegalArgumentException("bad image " + width + "x" + height + " with " + rgb.length + " bytes");
        }
    }

    public static RgbImage blank(int width, int height, int grey) {
        byte[] rgb = new byte[width * height * 3];
        java.util.Arrays.fill(rgb, (byte) grey);
        return new RgbImage(width, height, rgb);
    }

    public int red(int x, int y) {
        return rgb[(y * width + x) * 3] & 0xff;
    }

    public int green(int x, int y) {
        return rgb[(y * width + x) * 3 + 1] & 0xff;
    }

    public int blue(int x, int y) {
        return rgb[(y * width + x) * 3 + 2] & 0xff;
    }

    /** This image mirrored left to right. */
    public RgbImage mirrored() {
        byte[] out = new byte[rgb.length];
        for (int y = 0; y < height; y++) {
            int row = y * width * 3;
            for (int x = 0; x < width; x++) {
                int from = row + x * 3;
                int to = row + (width - 1 - x) * 3;
                out[to] = rgb[from];
                out[to + 1] = rgb[from + 1];
                out[to + 2] = rgb[from + 2];
            }
        }
        return new RgbImage(width, height, out);
    }

    /** This image pasted at (x, y) on a grey canvas of the given size (used to give small images context). */
    public RgbImage padded(int canvasWidth, int canvasHeight, int x, int y, int grey) {
        RgbImage canvas = blank(canvasWidth, canvasHeight, grey);
        for (int row = 0; row < height; row++) {
            System.arraycopy(rgb, row * width * 3, canvas.rgb, ((row + y) * canvasWidth + x) * 3, width * 3);
        }
        return canvas;
    }

    /** A TYPE_3BYTE_BGR copy, for encoding with ImageIO. */
    public java.awt.image.BufferedImage toBufferedImage() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return image;
    }
}

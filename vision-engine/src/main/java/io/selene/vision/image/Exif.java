package io.selene.vision.image;

/**
 * EXIF orientation of a JPEG (tag 0x0112 in IFD0 of the APP1 "Exif" segment) and its application.
 * ImageIO ignores it, so phone photos would come out rotated (vision pitfall 10).
 */
public final class Exif {

    private Exif() {
    }

    /** Orientation 1..8, or 1 when absent or unreadable. */
    public static int orientation(byte[] jpeg) {
        int at = 2;
        while (at + 4 <= jpeg.length) {
            if ((jpeg[at] & 0xff) != 0xFF) {
                return 1;
            }
            int marker = jpeg[at + 1] & 0xff;
            if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 || marker == 0xFF) {
                at += marker == 0xFF ? 1 : 2;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return 1; // start of scan: no EXIF before the image data
            }
            int length = ((jpeg[at + 2] & 0xff) << 8) | (jpeg[at + 3] & 0xff);
            int start = at + 4;
            if (marker == 0xE1 && length >= 8 && start + 6 <= jpeg.length
                    && jpeg[start] == 'E' && jpeg[start + 1] == 'x' && jpeg[start + 2] == 'i' && jpeg[start + 3] == 'f') {
                int value = fromTiff(jpeg, start + 6, Math.min(jpeg.length, at + 2 + length));
                if (value >= 1 && value <= 8) {
                    return value;
                }
            }
            at += 2 + length;
        }
        return 1;
    }

    private static int fromTiff(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return 1;
        }
        boolean little = b[tiff] == 'I' && b[tiff + 1] == 'I';
        long ifd = read(b, tiff + 4, 4, little);
        if (ifd < 8 || tiff + ifd + 2 > end) {
            return 1;
        }
        int entries = (int) read(b, (int) (tiff + ifd), 2, little);
        for (int i = 0; i < entries; i++) {
            int entry = (int) (tiff + ifd + 2 + 12L * i);
            if (entry + 12 > end) {
                return 1;
            }
            if (read(b, entry, 2, little) == 0x0112) {
                return (int) read(b, entry + 8, 2, little);
            }
        }
        return 1;
    }

    private static long read(byte[] b, int at, int size, boolean little) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            int v = b[at + (little ? size - 1 - i : i)] & 0xff;
            value = (value << 8) | v;
        }
        return value;
    }

    /** The image as it should be seen, given its EXIF orientation. */
    public static RgbImage orient(RgbImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        byte[] src = image.rgb();
        byte[] out = new byte[src.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; } // 8
                }
                int from = (sy * w + sx) * 3;
                int to = (y * ow + x) * 3;
                out[to] = src[from];
                out[to + 1] = src[from + 1];
                out[to + 2] = src[from + 2];
            }
        }
        return new RgbImage(ow, oh, out);
    }
}

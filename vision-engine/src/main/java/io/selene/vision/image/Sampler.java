package io.selene.vision.image;

/**
 * Resampling for model inputs: an output grid mapped into the source by an affine transform,
 * bilinear interpolation, and k×k supersampling when shrinking (so a 1920-pixel photo shrunk to
 * 320 is averaged rather than aliased).
 */
public final class Sampler {

    private Sampler() {
    }

    /**
     * @param affine {@code [a, b, c, d, e, f]}: source x = a·u + b·v + c, source y = d·u + e·v + f,
     *               pixel indices on both sides (OpenCV's warpAffine convention)
     * @param border grey level outside the source, or −1 to repeat the edge pixels
     * @return interleaved RGB floats 0..255, {@code outWidth × outHeight × 3}
     */
    public static float[] warp(RgbImage src, double[] affine, int outWidth, int outHeight, int border) {
        double scaleX = Math.hypot(affine[0], affine[3]);
        double scaleY = Math.hypot(affine[1], affine[4]);
        int k = (int) Math.min(4, Math.ceil(Math.max(scaleX, scaleY) - 0.01));
        k = Math.max(1, k);
        float[] out = new float[outWidth * outHeight * 3];
        byte[] rgb = src.rgb();
        int w = src.width();
        int h = src.height();
        float weight = 1f / (k * k);
        float[] px = new float[3];
        int at = 0;
        for (int v = 0; v < outHeight; v++) {
            for (int u = 0; u < outWidth; u++) {
                float r = 0, g = 0, b = 0;
                for (int j = 0; j < k; j++) {
                    double vv = v + (j + 0.5) / k - 0.5;
                    for (int i = 0; i < k; i++) {
                        double uu = u + (i + 0.5) / k - 0.5;
                        double sx = affine[0] * uu + affine[1] * vv + affine[2];
                        double sy = affine[3] * uu + affine[4] * vv + affine[5];
                        bilinear(rgb, w, h, sx, sy, border, px);
                        r += px[0];
                        g += px[1];
                        b += px[2];
                    }
                }
                out[at++] = r * weight;
                out[at++] = g * weight;
                out[at++] = b * weight;
            }
        }
        return out;
    }

    /** Axis-aligned crop {@code (x, y, width, height)} of the source resized to the output size. */
    public static float[] crop(RgbImage src, double x, double y, double width, double height, int outWidth,
            int outHeight, int border) {
        double sx = width / outWidth;
        double sy = height / outHeight;
        // output pixel u covers [x + u·sx, x + (u+1)·sx) in continuous coordinates; its centre as an index:
        double[] affine = {sx, 0, x + 0.5 * sx - 0.5, 0, sy, y + 0.5 * sy - 0.5};
        return warp(src, affine, outWidth, outHeight, border);
    }

    private static void bilinear(byte[] rgb, int w, int h, double x, double y, int border, float[] out) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        float fx = (float) (x - x0);
        float fy = (float) (y - y0);
        for (int c = 0; c < 3; c++) {
            float p00 = pixel(rgb, w, h, x0, y0, c, border);
            float p10 = pixel(rgb, w, h, x0 + 1, y0, c, border);
            float p01 = pixel(rgb, w, h, x0, y0 + 1, c, border);
            float p11 = pixel(rgb, w, h, x0 + 1, y0 + 1, c, border);
            float top = p00 + (p10 - p00) * fx;
            float bottom = p01 + (p11 - p01) * fx;
            out[c] = top + (bottom - top) * fy;
        }
    }

    private static float pixel(byte[] rgb, int w, int h, int x, int y, int c, int border) {
        if (x < 0 || y < 0 || x >= w || y >= h) {
            if (border >= 0) {
                return border;
            }
            x = Math.clamp(x, 0, w - 1);
            y = Math.clamp(y, 0, h - 1);
        }
        return rgb[(y * w + x) * 3 + c] & 0xff;
    }

    /** Interleaved float RGB back to an 8-bit image (e.g. the aligned sample). */
    public static RgbImage toImage(float[] rgb, int width, int height) {
        byte[] out = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            out[i] = (byte) Math.clamp(Math.round(rgb[i]), 0, 255);
        }
        return new RgbImage(width, height, out);
    }
}

package io.selene.vision;

import io.selene.vision.image.Geometry.Box;
import io.selene.vision.image.RgbImage;

/**
 * Passive liveness of one face with {@code fr_liveness.onnx}, pre- and post-processed exactly as the
 * package's own JavaScript does it ({@code package/lib/fr_liveness.js} of
 * faceplugin-face-recognition-js@0.0.1), so the score is the package's score:
 *
 * <ol>
 *   <li>the face box as the detector gives it, each corner truncated to an integer ({@code parseInt});</li>
 *   <li>{@code alignLivenessImage}: the box scaled by 2.7 about its centre (less if the image is too
 *       small), shifted inside the image, truncated again to an integer rectangle;</li>
 *   <li>that rectangle resized to 128×128 by OpenCV's {@code cv.resize} (bilinear, 8-bit fixed point,
 *       no anti-aliasing; an exact 2× reduction is OpenCV's 2×2 average) — reproduced here bit for bit;</li>
 *   <li>{@code preprocessLiveness}: R, G, B as they are (0..255, not normalised), NCHW;</li>
 *   <li>the model's 3 outputs through the package's softmax; element 0 is the score the package
 *       reports (1 = real face).</li>
 * </ol>
 *
 * <p>vision-engine's LivenessReferenceTest runs that JavaScript in Node (the package's OpenCV.js and
 * onnxruntime-web) on the same images and boxes and requires the same crop, the same tensor and a
 * score within 1e-4. Stateless and thread-safe; the caller runs the model ({@link FaceEngine} on its
 * inference pool).
 */
public final class LivenessEstimator {

    /** Side of the model input. */
    public static final int SIZE = 128;
    /** The package's context around the box ({@code alignLivenessImage(img, box, 2.7)}). */
    static final double CONTEXT = 2.7;

    private static final int COEF_SCALE = 1 << 11;

    private LivenessEstimator() {
    }

    /** The model input for a face: float32 NCHW {@code [1, 3, 128, 128]}, R, G, B 0..255. */
    public static float[] input(RgbImage image, Box box) {
        return tensor(crop(image, box));
    }

    /** The 128×128 RGB crop (interleaved) the package feeds the model for this face box. */
    public static byte[] crop(RgbImage image, Box box) {
        int[] rect = cropRect(image.width(), image.height(), box);
        return resizeLinear(image, rect[0], rect[1], rect[2], rect[3], SIZE, SIZE);
    }

    /** The probability that the face is real: softmax of the model's outputs, element 0. */
    public static double real(float[] logits) {
        double sum = 0;
        for (float logit : logits) {
            sum += (float) Math.exp(logit);
        }
        return (float) (Math.exp(logits[0]) / sum);
    }

    /**
     * {@code alignLivenessImage}'s rectangle {x, y, width, height} for a detector box, in the image's
     * pixels. The arithmetic is the JavaScript's: doubles, and {@code parseInt} truncations.
     */
    static int[] cropRect(int srcW, int srcH, Box box) {
        int x1 = parseInt(box.x1());
        int y1 = parseInt(box.y1());
        double x = x1;
        double y = y1;
        double boxW = Math.abs(parseInt(box.x2()) - x1);
        double boxH = Math.abs(parseInt(box.y2()) - y1);
        double scale = Math.min((srcH - 1) / boxH, Math.min((srcW - 1) / boxW, CONTEXT));
        double newWidth = boxW * scale;
        double newHeight = boxH * scale;
        double centerX = boxW / 2 + x;
        double centerY = boxH / 2 + y;
        double left = centerX - newWidth / 2;
        double top = centerY - newHeight / 2;
        double right = centerX + newWidth / 2;
        double bottom = centerY + newHeight / 2;
        if (left < 0) {
            right -= left;
            left = 0;
        }
        if (top < 0) {
            bottom -= top;
            top = 0;
        }
        if (right > srcW - 1) {
            left -= right - srcW + 1;
            right = srcW - 1;
        }
        if (bottom > srcH - 1) {
            top -= bottom - srcH + 1;
            bottom = srcH - 1;
        }
        return new int[] {Math.max(parseInt(left), 0), Math.max(parseInt(top), 0),
                Math.min(parseInt(right - left), srcW - 1), Math.min(parseInt(bottom - top), srcH - 1)};
    }

    /**
     * JavaScript's {@code parseInt(number)}: the number's shortest decimal text read up to its first
     * non-digit, which truncates toward zero, except below 1e-6 where the text is in exponent form
     * ({@code 5e-7} reads as 5).
     */
    static int parseInt(double value) {
        double magnitude = Math.abs(value);
        if (magnitude != 0 && magnitude < 1e-6) {
            int digit = Double.toString(magnitude).charAt(0) - '0';
            return value < 0 ? -digit : digit;
        }
        return (int) value;
    }

    /**
     * OpenCV's {@code cv::resize(src(rect), dst, Size(dw, dh))} with INTER_LINEAR on 8-bit pixels, as
     * the package's OpenCV.js computes it: float source positions, 11-bit fixed-point weights rounded
     * to nearest even, an exact horizontal pass, and the vectorised vertical pass's rounding (measured
     * against OpenCV.js on 40 random images: the portable code's {@code (v + 2^21) >> 22} differs in
     * 13 % of the pixels, this in none); columns and rows past the edge repeat the edge. A reduction by exactly 2 on both axes is
     * OpenCV's fast area path instead: {@code (a + b + c + d + 2) >> 2}.
     */
    static byte[] resizeLinear(RgbImage image, int rx, int ry, int sw, int sh, int dw, int dh) {
        int cn = 3;
        byte[] src = image.rgb();
        int stride = image.width() * cn;
        byte[] dst = new byte[dw * dh * cn];
        if (sw == dw && sh == dh) {
            for (int y = 0; y < dh; y++) {
                System.arraycopy(src, (ry + y) * stride + rx * cn, dst, y * dw * cn, dw * cn);
            }
            return dst;
        }
        double invScaleX = (double) dw / sw;
        double invScaleY = (double) dh / sh;
        double scaleX = 1.0 / invScaleX;
        double scaleY = 1.0 / invScaleY;
        int iscaleX = (int) Math.rint(scaleX);
        int iscaleY = (int) Math.rint(scaleY);
        boolean areaFast = Math.abs(scaleX - iscaleX) < Math.ulp(1.0) && Math.abs(scaleY - iscaleY) < Math.ulp(1.0);
        if (areaFast && iscaleX == 2 && iscaleY == 2) {
            for (int y = 0; y < dh; y++) {
                int row0 = (ry + 2 * y) * stride + rx * cn;
                int row1 = row0 + stride;
                for (int x = 0; x < dw; x++) {
                    for (int c = 0; c < cn; c++) {
                        int i = 2 * x * cn + c;
                        int sum = (src[row0 + i] & 0xff) + (src[row0 + i + cn] & 0xff) + (src[row1 + i] & 0xff)
                                + (src[row1 + i + cn] & 0xff);
                        dst[(y * dw + x) * cn + c] = (byte) ((sum + 2) >> 2);
                    }
                }
            }
            return dst;
        }
        int[] xofs = new int[dw];
        int[] alpha = new int[dw * 2];
        int xmax = dw;
        for (int dx = 0; dx < dw; dx++) {
            float fx = (float) ((dx + 0.5) * scaleX - 0.5);
            int sx = (int) Math.floor(fx);
            fx -= sx;
            if (sx < 0) {
                fx = 0;
                sx = 0;
            }
            if (sx + 1 >= sw) {
                xmax = Math.min(xmax, dx);
                if (sx >= sw - 1) {
                    fx = 0;
                    sx = sw - 1;
                }
            }
            xofs[dx] = sx;
            alpha[dx * 2] = fixedPoint(1f - fx);
            alpha[dx * 2 + 1] = fixedPoint(fx);
        }
        int[] row0 = new int[dw * cn];
        int[] row1 = new int[dw * cn];
        for (int dy = 0; dy < dh; dy++) {
            float fy = (float) ((dy + 0.5) * scaleY - 0.5);
            int sy = (int) Math.floor(fy);
            fy -= sy;
            int b0 = fixedPoint(1f - fy);
            int b1 = fixedPoint(fy);
            horizontal(src, (ry + Math.clamp(sy, 0, sh - 1)) * stride + rx * cn, xofs, alpha, xmax, cn, row0);
            horizontal(src, (ry + Math.clamp(sy + 1L, 0, sh - 1)) * stride + rx * cn, xofs, alpha, xmax, cn, row1);
            int out = dy * dw * cn;
            for (int i = 0; i < dw * cn; i++) {
                // OpenCV's vectorised vertical pass (the one its OpenCV.js build runs): operands shifted
                // by 4, products by 16, then +2 >> 2 — not the plain (a·b0 + c·b1 + 2^21) >> 22
                int value = (((row0[i] >> 4) * b0 >> 16) + ((row1[i] >> 4) * b1 >> 16) + 2) >> 2;
                dst[out + i] = (byte) Math.clamp(value, 0, 255);
            }
        }
        return dst;
    }

    /** {@code saturate_cast<short>(w * INTER_RESIZE_COEF_SCALE)}: float product, rounded half to even. */
    private static int fixedPoint(float weight) {
        return (int) Math.rint(weight * COEF_SCALE);
    }

    private static void horizontal(byte[] src, int rowStart, int[] xofs, int[] alpha, int xmax, int cn, int[] out) {
        for (int dx = 0; dx < xofs.length; dx++) {
            int at = rowStart + xofs[dx] * cn;
            for (int c = 0; c < cn; c++) {
                int s0 = src[at + c] & 0xff;
                out[dx * cn + c] = dx < xmax ? s0 * alpha[dx * 2] + (src[at + cn + c] & 0xff) * alpha[dx * 2 + 1]
                        : s0 * COEF_SCALE;
            }
        }
    }

    /** {@code preprocessLiveness}: interleaved RGB → NCHW float, values unchanged. */
    static float[] tensor(byte[] crop) {
        int plane = SIZE * SIZE;
        float[] out = new float[plane * 3];
        for (int i = 0; i < plane; i++) {
            out[i] = crop[i * 3] & 0xff;
            out[plane + i] = crop[i * 3 + 1] & 0xff;
            out[2 * plane + i] = crop[i * 3 + 2] & 0xff;
        }
        return out;
    }
}

package io.selene.vision.body;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.selene.vision.image.RgbImage;
import io.selene.vision.image.Sampler;
import io.selene.vision.models.Model;
import io.selene.vision.models.ModelDirectory;
import io.selene.vision.models.OnnxSessions;

/**
 * Person detection with a CenterNet-style ONNX model (by default the MobileNetV3 CenterNet of
 * {@code @vladmandic/human@3.3.6}, converted by {@code tools/tfjs-import}, see
 * {@code bin/fetch-body-model}).
 *
 * <p>Model contract (checked when the model is loaded, so an operator can swap in another detector):
 * <ul>
 * <li>input {@code images}: float32 NHWC {@code [1, S, S, 3]}, RGB 0..255, not normalised;</li>
 * <li>output {@code heatmap}: float32 {@code [1, C, S/R, S/R]}, per-class centre scores in 0..1
 *     (already through a sigmoid); channel {@value #PERSON_CLASS} is "person";</li>
 * <li>output {@code wh}: float32 {@code [1, 4, S/R, S/R]}: distances from the cell centre
 *     {@code (R·x, R·y)} to the box's left, top, right and bottom edges, in input pixels.</li>
 * </ul>
 * S and the stride R are read from the model. The image is letterboxed: scaled to fit S×S with its
 * aspect kept, centred, the rest filled with grey. Peaks are cells whose score is the maximum of
 * their 3×3 neighbourhood (CenterNet's own decoding), at or above the score threshold; then a
 * score-sorted IoU NMS, and boxes are mapped back to image coordinates and clamped to the image.
 *
 * <p>Thread-safe: ONNX Runtime sessions may run concurrently. Opened as every model
 * ({@link OnnxSessions}); {@code FaceEngine} runs it on its inference pool.
 */
public final class BodyDetector implements AutoCloseable {

    /** Class 0 of COCO. */
    public static final int PERSON_CLASS = 0;
    /** Default minimum peak score; see the README (body detection) for how it was chosen. */
    public static final double DEFAULT_SCORE_THRESHOLD = 0.3;
    /** Boxes overlapping a better one by more than this IoU are dropped. */
    public static final double DEFAULT_NMS_IOU = 0.5;
    /** Relative location of the default model in the models directory. */
    public static final Path DEFAULT_MODEL = Model.BODY.relativePath();
    private static final int LETTERBOX_FILL = 0;

    /** A detected person: box in image pixels (x, y = top left) and its peak score. */
    public record Body(double x, double y, double width, double height, double score) {

        public double iou(Body other) {
            double ix = Math.max(0, Math.min(x + width, other.x + other.width) - Math.max(x, other.x));
            double iy = Math.max(0, Math.min(y + height, other.y + other.height) - Math.max(y, other.y));
            double inter = ix * iy;
            double union = width * height + other.width * other.height - inter;
            return union <= 0 ? 0 : inter / union;
        }
    }

    /** The raw model outputs of one image, NCHW, with the letterbox that produced the input. */
    public record Outputs(float[] heatmap, float[] wh, int classes, int gridHeight, int gridWidth,
            Letterbox letterbox) {
    }

    /** Image → input: input pixel = image pixel · scale + offset. */
    public record Letterbox(double scale, double offsetX, double offsetY, int imageWidth, int imageHeight) {
    }

    private final Path modelPath;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final int inputSize;
    private final int classes;
    private final int gridSize;
    private final int stride;

    public BodyDetector(Path modelPath) {
        this.modelPath = modelPath.toAbsolutePath().normalize();
        if (!Files.isRegularFile(this.modelPath)) {
            throw new IllegalStateException("Body detection model missing: " + this.modelPath
                    + " — run bin/fetch-body-model (or set SELENE_MODELS_DIR)");
        }
        this.environment = OnnxSessions.environment();
        try {
            this.session = OnnxSessions.open(this.modelPath);
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot load the body model " + this.modelPath + ": " + e.getMessage(), e);
        }
        try {
            long[] in = shape(session.getInputInfo(), "images");
            long[] heat = shape(session.getOutputInfo(), "heatmap");
            long[] wh = shape(session.getOutputInfo(), "wh");
            if (in.length != 4 || in[1] != in[2] || in[3] != 3 || in[1] <= 0
                    || heat.length != 4 || heat[2] != heat[3] || heat[2] <= 0 || in[1] % heat[2] != 0
                    || heat[1] <= PERSON_CLASS
                    || wh.length != 4 || wh[1] != 4 || wh[2] != heat[2] || wh[3] != heat[3]) {
                throw new IllegalStateException("Body model " + this.modelPath + " does not follow the contract "
                        + "images [1,S,S,3] → heatmap [1,C,S/R,S/R], wh [1,4,S/R,S/R]; it has images "
                        + Arrays.toString(in) + ", heatmap " + Arrays.toString(heat) + ", wh " + Arrays.toString(wh));
            }
            this.inputSize = (int) in[1];
            this.classes = (int) heat[1];
            this.gridSize = (int) heat[2];
            this.stride = inputSize / gridSize;
        } catch (OrtException | RuntimeException e) {
            closeQuietly();
            throw e instanceof IllegalStateException ise ? ise
                    : new IllegalStateException("Cannot read the body model's inputs and outputs: " + e.getMessage(), e);
        }
    }

    /** The body model of a models directory ({@code <dir>/centernet/centernet.onnx} unless named otherwise). */
    public static BodyDetector fromModels(ModelDirectory models) {
        return new BodyDetector(models.path(Model.BODY));
    }

    private static long[] shape(Map<String, NodeInfo> infos, String name) {
        NodeInfo info = infos.get(name);
        if (info == null || !(info.getInfo() instanceof TensorInfo tensor)) {
            throw new IllegalStateException("the body model has no tensor named '" + name + "' (it has "
                    + infos.keySet() + ")");
        }
        return tensor.getShape();
    }

    public Path modelPath() {
        return modelPath;
    }

    public int inputSize() {
        return inputSize;
    }

    /** People in the image with a score ≥ {@code scoreThreshold}, best first. */
    public List<Body> detect(RgbImage image, double scoreThreshold) {
        return decode(infer(image), scoreThreshold, DEFAULT_NMS_IOU);
    }

    /** The letterbox of an image of this size. */
    public Letterbox letterbox(int width, int height) {
        double scale = (double) inputSize / Math.max(width, height);
        return new Letterbox(scale, (inputSize - width * scale) / 2, (inputSize - height * scale) / 2, width, height);
    }

    /**
     * The model input of an image: NHWC floats, RGB 0..255, letterboxed. A big photo is first
     * shrunk by the integer factor ⌊1/scale⌋ with a box filter (one pass over its pixels), then
     * resampled: resampling a 1920-pixel photo straight to 512 with 4×4 supersampling cost more
     * than the inference (bench/body).
     */
    public float[] input(RgbImage image, Letterbox box) {
        int factor = (int) Math.floor(1 / box.scale());
        RgbImage source = factor >= 2 ? shrink(image, factor) : image;
        double unit = factor >= 2 ? factor : 1;
        // the output grid S×S mapped back into the (shrunk) image
        double size = inputSize / box.scale() / unit;
        return Sampler.crop(source, -box.offsetX() / box.scale() / unit, -box.offsetY() / box.scale() / unit, size,
                size, inputSize, inputSize, LETTERBOX_FILL);
    }

    /** Mean of each factor×factor block (partial blocks at the right and bottom edges: mean of what exists). */
    static RgbImage shrink(RgbImage image, int factor) {
        int w = image.width();
        int h = image.height();
        int sw = (w + factor - 1) / factor;
        int sh = (h + factor - 1) / factor;
        byte[] src = image.rgb();
        int[] sums = new int[sw * 3];
        byte[] out = new byte[sw * sh * 3];
        for (int by = 0; by < sh; by++) {
            java.util.Arrays.fill(sums, 0);
            int y1 = Math.min(h, (by + 1) * factor);
            int rows = y1 - by * factor;
            for (int y = by * factor; y < y1; y++) {
                int at = y * w * 3;
                for (int x = 0; x < w; x++) {
                    int bx = (x / factor) * 3;
                    sums[bx] += src[at++] & 0xff;
                    sums[bx + 1] += src[at++] & 0xff;
                    sums[bx + 2] += src[at++] & 0xff;
                }
            }
            for (int bx = 0; bx < sw; bx++) {
                int cols = Math.min(w, (bx + 1) * factor) - bx * factor;
                int n = rows * cols;
                int o = (by * sw + bx) * 3;
                out[o] = (byte) ((sums[bx * 3] + n / 2) / n);
                out[o + 1] = (byte) ((sums[bx * 3 + 1] + n / 2) / n);
                out[o + 2] = (byte) ((sums[bx * 3 + 2] + n / 2) / n);
            }
        }
        return new RgbImage(sw, sh, out);
    }

    public Outputs infer(RgbImage image) {
        Letterbox box = letterbox(image.width(), image.height());
        return run(input(image, box), box);
    }

    /** Runs the model on an NHWC input of {@code inputSize² × 3} floats. */
    public Outputs run(float[] nhwc, Letterbox box) {
        if (nhwc.length != inputSize * inputSize * 3) {
            throw new IllegalArgumentException("input has " + nhwc.length + " floats, expected " + inputSize * inputSize * 3);
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(nhwc),
                new long[] {1, inputSize, inputSize, 3});
             OrtSession.Result result = session.run(Map.of("images", tensor))) {
            return new Outputs(values(result, "heatmap"), values(result, "wh"), classes, gridSize, gridSize, box);
        } catch (OrtException e) {
            throw new IllegalStateException("body model inference failed: " + e.getMessage(), e);
        }
    }

    private static float[] values(OrtSession.Result result, String name) {
        FloatBuffer buffer = ((OnnxTensor) result.get(name).orElseThrow()).getFloatBuffer();
        float[] out = new float[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    /** Peak decoding (3×3 max), threshold, NMS, and mapping back to the image. */
    public List<Body> decode(Outputs out, double scoreThreshold, double nmsIou) {
        int gw = out.gridWidth();
        int gh = out.gridHeight();
        int plane = gw * gh;
        int base = PERSON_CLASS * plane;
        float[] heat = out.heatmap();
        float[] wh = out.wh();
        Letterbox box = out.letterbox();
        List<Body> candidates = new ArrayList<>();
        for (int y = 0; y < gh; y++) {
            for (int x = 0; x < gw; x++) {
                float score = heat[base + y * gw + x];
                if (score < scoreThreshold || !isPeak(heat, base, gw, gh, x, y, score)) {
                    continue;
                }
                int cell = y * gw + x;
                double cx = (double) stride * x;
                double cy = (double) stride * y;
                double x1 = (cx - wh[cell] - box.offsetX()) / box.scale();
                double y1 = (cy - wh[plane + cell] - box.offsetY()) / box.scale();
                double x2 = (cx + wh[2 * plane + cell] - box.offsetX()) / box.scale();
                double y2 = (cy + wh[3 * plane + cell] - box.offsetY()) / box.scale();
                x1 = Math.clamp(x1, 0, box.imageWidth());
                y1 = Math.clamp(y1, 0, box.imageHeight());
                x2 = Math.clamp(x2, 0, box.imageWidth());
                y2 = Math.clamp(y2, 0, box.imageHeight());
                if (x2 - x1 >= 1 && y2 - y1 >= 1) {
                    candidates.add(new Body(x1, y1, x2 - x1, y2 - y1, score));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Body::score).reversed());
        List<Body> kept = new ArrayList<>();
        for (Body candidate : candidates) {
            if (kept.stream().noneMatch(k -> k.iou(candidate) > nmsIou)) {
                kept.add(candidate);
            }
        }
        return List.copyOf(kept);
    }

    // CenterNet's peak test: equal to the 3×3 max pool (SAME padding, so border cells compare with fewer).
    private static boolean isPeak(float[] heat, int base, int gw, int gh, int x, int y, float score) {
        for (int dy = -1; dy <= 1; dy++) {
            int yy = y + dy;
            if (yy < 0 || yy >= gh) {
                continue;
            }
            for (int dx = -1; dx <= 1; dx++) {
                int xx = x + dx;
                if (xx >= 0 && xx < gw && heat[base + yy * gw + xx] > score) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // closing anyway
        }
    }
}

package io.selene.vision;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.selene.vision.FaceAnalysis.BasicAttributes;
import io.selene.vision.FaceAnalysis.Descriptor;
import io.selene.vision.FaceAnalysis.Emotions;
import io.selene.vision.FaceAnalysis.Eyes;
import io.selene.vision.FaceAnalysis.Face;
import io.selene.vision.FaceAnalysis.HeadPose;
import io.selene.vision.FaceAnalysis.Liveness;
import io.selene.vision.body.BodyDetector;
import io.selene.vision.image.Geometry;
import io.selene.vision.image.Geometry.Box;
import io.selene.vision.image.Geometry.Point;
import io.selene.vision.image.ImageDecoder;
import io.selene.vision.image.ImageRejectedException;
import io.selene.vision.image.RgbImage;
import io.selene.vision.image.Sampler;
import io.selene.vision.models.Model;
import io.selene.vision.models.OnnxSessions;

/**
 * The face pipeline on the faceplugin ONNX models. One {@link OrtEnvironment} and one session per
 * model, created once; every session runs with one intra-op thread and no spinning (pitfall 9), and
 * parallelism comes from a bounded pool of inference threads sized to the cores. Thread-safe.
 *
 * <p>Stages and their measured pre/post-processing (issue 4): detector on a 320×240 letterboxed
 * frame with small images padded (pitfall 2), score threshold, score-sorted IoU NMS, square box;
 * 68 landmarks on a 64×64 grey crop; 5-point least-squares similarity to the ArcFace template
 * (pitfall 3); {@code fr_feature} on the 112×112 warp, L2-normalised (pitfall 6); SSR-Net age and
 * gender on BGR (pitfall 4); eyes, head pose (RGB), liveness and emotions.
 */
public final class FaceEngine implements AutoCloseable {

    /** ArcFace 112×112 reference points: eye centres, nose tip, mouth corners. */
    static final Point[] ARCFACE_112 = {
            new Point(38.2946, 51.6963), new Point(73.5318, 51.5014), new Point(56.0252, 71.7366),
            new Point(41.5493, 92.3655), new Point(70.7299, 92.2041)};

    /** The stored sample: 250×250, the 112 template scaled by 1.6 and centred (context around the face). */
    public static final int SAMPLE_SIZE = 250;
    static final double SAMPLE_SCALE = 1.6;
    static final double SAMPLE_OFFSET = (SAMPLE_SIZE - 112 * SAMPLE_SCALE) / 2;

    /** Input side of the version-202 network: the 250×250 sample geometry scaled to 224. */
    static final int FACERES_SIDE = 224;
    private static final int GREY = 127;
    private static final int SMALL_IMAGE_SIDE = 300;
    private static final double SMALL_IMAGE_PADDING = 2.5;

    private final VisionSettings settings;
    private final OrtEnvironment environment;
    private final Map<Model, OrtSession> sessions = new EnumMap<>(Model.class);
    /** Why each estimation the engine cannot make is off (its model missing, or Selene has none). */
    private final Map<Estimation, String> unavailable = new EnumMap<>(Estimation.class);
    private final BodyDetector bodies;
    private final ThreadPoolExecutor pool;
    private final ImageDecoder decoder;

    /** An engine with every estimation whose model files are there. */
    public FaceEngine(VisionSettings settings) {
        this(settings, EnumSet.allOf(Estimation.class));
    }

    /**
     * An engine for some estimations only (a service that needs fewer models loads fewer). An estimation
     * left out, or whose model file is missing, is off: asking for it is refused ({@link Unavailable}),
     * and the engine starts anyway.
     */
    public FaceEngine(VisionSettings settings, Set<Estimation> enabled) {
        this.settings = settings;
        this.decoder = new ImageDecoder(settings.imageLimits());
        this.environment = OnnxSessions.environment();
        Set<Model> wanted = EnumSet.noneOf(Model.class);
        for (Estimation estimation : Estimation.values()) {
            if (!estimation.known()) {
                unavailable.put(estimation, "Selene has no model for it");
            } else if (!enabled.contains(estimation)) {
                unavailable.put(estimation, "this service does not run it");
            } else {
                for (Model model : estimation.models()) {
                    if (!settings.models().has(model)) {
                        unavailable.put(estimation, settings.models().missingReason(model));
                    }
                }
                if (!unavailable.containsKey(estimation)) {
                    wanted.addAll(estimation.models());
                }
                if (estimation == Estimation.FACE_DESCRIPTOR && !unavailable.containsKey(estimation)
                        && settings.models().has(Model.FACERES)) {
                    wanted.add(Model.FACERES); // descriptor version 202: optional, asked per request
                }
            }
        }
        BodyDetector body = null;
        try {
            for (Model model : wanted) {
                if (model == Model.BODY) {
                    body = new BodyDetector(settings.models().path(model));
                } else {
                    sessions.put(model, OnnxSessions.open(settings.models().path(model)));
                }
            }
        } catch (OrtException | RuntimeException e) {
            closeSessions();
            if (body != null) {
                body.close();
            }
            throw new IllegalStateException("Cannot load the models from " + settings.models().root() + ": "
                    + e.getMessage(), e);
        }
        this.bodies = body;
        AtomicInteger counter = new AtomicInteger();
        int threads = settings.inferenceThreads();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queueCapacity()),
                task -> {
                    // 4 MB stacks: ONNX Runtime's native code runs on these threads (pitfall 8).
                    Thread thread = new Thread(null, task, "selene-inference-" + counter.incrementAndGet(), 4L << 20);
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    public VisionSettings settings() {
        return settings;
    }

    public ImageDecoder decoder() {
        return decoder;
    }

    /** Thrown when an estimation asked for is off in this engine. */
    public static final class Unavailable extends RuntimeException {

        private final Estimation estimation;
        private final String reason;

        Unavailable(Estimation estimation, String reason) {
            super("'" + estimation.flag() + "' is not available: " + reason);
            this.estimation = estimation;
            this.reason = reason;
        }

        public Estimation estimation() {
            return estimation;
        }

        public String reason() {
            return reason;
        }
    }

    /** Why the estimation is off, or null when the engine makes it. */
    public String unavailable(Estimation estimation) {
        return unavailable.get(estimation);
    }

    /** Refuses the first estimation of {@code asked} that is off ({@link Unavailable}). */
    public void require(Set<Estimation> asked) {
        for (Estimation estimation : asked) {
            String reason = unavailable.get(estimation);
            if (reason != null) {
                throw new Unavailable(estimation, reason);
            }
        }
    }

    /** Thrown when the bounded inference queue is full. */
    public static final class BusyException extends RuntimeException {
        BusyException(int capacity) {
            super("All inference threads are busy and " + capacity + " images are waiting");
        }
    }

    /**
     * Decodes and analyses an encoded image on the inference pool.
     *
     * <p>Decoding is the slowest stage on big photos, and ImageIO reads a JPEG subsampled by 2 about
     * three times faster than at full resolution (bench/vision). So a photo whose shorter side is
     * at least {@value #SUBSAMPLE_MIN_SIDE}·2 pixels is decoded subsampled (shorter side kept ≥
     * {@value #SUBSAMPLE_MIN_SIDE}); every face whose box is at least {@value #MIN_FACE_SIDE} pixels
     * there (fr_feature's native scale) is analysed on it, and a smaller face makes the engine
     * decode the full-resolution image once and analyse that face on it. Coordinates are always
     * given at full resolution.
     */
    public FaceAnalysis analyze(byte[] encoded, FaceOptions options) {
        require(options);
        return onPool(() -> {
            long start = System.nanoTime();
            ImageDecoder.Decoded decoded = decoder.decode(encoded,
                    (w, h) -> settings.subsampledDecode() ? subsamplingFor(w, h) : 1);
            Map<String, Long> times = new LinkedHashMap<>();
            times.put("decode", System.nanoTime() - start);
            if (decoded.subsampling() == 1) {
                return run(decoded.image(), decoded.format(), options, times, null);
            }
            return run(decoded.image(), decoded.format(), options, times, new FullResolution(encoded, decoded));
        });
    }

    /** Analyses an already decoded image on the inference pool. */
    public FaceAnalysis analyze(RgbImage image, FaceOptions options) {
        require(options);
        return onPool(() -> run(image, "raw", options, new LinkedHashMap<>(), null));
    }

    private void require(FaceOptions options) {
        require(asked(options));
        if (options.has(Estimation.FACE_DESCRIPTOR)) {
            requireDescriptor(options.descriptorVersion());
        }
    }

    /** Refuses a descriptor version whose model is not loaded ({@link Unavailable}). */
    public void requireDescriptor(int version) {
        DescriptorModel model = DescriptorModel.require(version);
        if (!sessions.containsKey(model.model())) {
            String reason = unavailable(Estimation.FACE_DESCRIPTOR);
            throw new Unavailable(Estimation.FACE_DESCRIPTOR, "descriptor version " + version + ": "
                    + (reason != null ? reason : settings.models().missingReason(model.model())));
        }
    }

    /** The descriptor versions this engine extracts. */
    public List<Integer> descriptorVersions() {
        return Arrays.stream(DescriptorModel.values()).filter(m -> sessions.containsKey(m.model()))
                .map(DescriptorModel::version).toList();
    }

    private static Set<Estimation> asked(FaceOptions options) {
        Set<Estimation> asked = EnumSet.of(Estimation.FACE_DETECTION);
        asked.addAll(options.estimations());
        return asked;
    }

    /** People in the image with a score ≥ {@code scoreThreshold}, best first, on the inference pool. */
    public List<BodyDetector.Body> bodies(RgbImage image, double scoreThreshold) {
        require(Set.of(Estimation.BODY_DETECTION));
        return onPool(() -> bodies.detect(image, scoreThreshold));
    }

    static final int SUBSAMPLE_MIN_SIDE = 600;
    /**
     * A face box this big has an eye distance of about 36 px, the ArcFace template's (35 px in
     * 112×112): fr_feature then sees the face at its native scale or finer.
     */
    static final int MIN_FACE_SIDE = 96;

    static int subsamplingFor(int width, int height) {
        return Math.clamp(Math.min(width, height) / SUBSAMPLE_MIN_SIDE, 1, 4);
    }

    /** The full-resolution image behind a subsampled decode, decoded on first need. */
    private final class FullResolution {
        final byte[] encoded;
        final int factor;
        final int width;
        final int height;
        RgbImage image;

        FullResolution(byte[] encoded, ImageDecoder.Decoded subsampled) {
            this.encoded = encoded;
            this.factor = subsampled.subsampling();
            this.width = subsampled.fullWidth();
            this.height = subsampled.fullHeight();
        }

        RgbImage image(Map<String, Long> times) {
            if (image == null) {
                long start = System.nanoTime();
                image = decoder.decode(encoded, 1).image();
                times.merge("decode", System.nanoTime() - start, Long::sum);
            }
            return image;
        }
    }

    /**
     * Descriptor and/or basic attributes of a stored sample (the 250×250 warp this engine made).
     * The 112×112 network input is re-derived from the sample's central region.
     */
    public Face fromSample(RgbImage sample, boolean descriptor, boolean basicAttributes) {
        return fromSample(sample, descriptor, basicAttributes, DescriptorModel.V201.version());
    }

    /** {@link #fromSample(RgbImage, boolean, boolean)} with a descriptor of {@code descriptorVersion}. */
    public Face fromSample(RgbImage sample, boolean descriptor, boolean basicAttributes, int descriptorVersion) {
        Set<Estimation> asked = EnumSet.noneOf(Estimation.class);
        if (descriptor) {
            asked.add(Estimation.FACE_DESCRIPTOR);
        }
        if (basicAttributes) {
            asked.add(Estimation.BASIC_ATTRIBUTES);
        }
        require(asked);
        if (descriptor) {
            requireDescriptor(descriptorVersion);
        }
        if (sample.width() != SAMPLE_SIZE || sample.height() != SAMPLE_SIZE) {
            throw new ImageRejectedException(ImageRejectedException.Reason.UNSUPPORTED_FORMAT, "A face sample is "
                    + SAMPLE_SIZE + "x" + SAMPLE_SIZE + " pixels, got " + sample.width() + "x" + sample.height());
        }
        return onPool(() -> {
            Map<Estimation, Object> estimations = new EnumMap<>(Estimation.class);
            if (descriptor && descriptorVersion == DescriptorModel.V202.version()) {
                estimations.put(Estimation.FACE_DESCRIPTOR, describe(descriptorVersion,
                        Sampler.crop(sample, 0, 0, SAMPLE_SIZE, SAMPLE_SIZE, FACERES_SIDE, FACERES_SIDE, -1)));
            } else if (descriptor) {
                double side = 112 * SAMPLE_SCALE;
                estimations.put(Estimation.FACE_DESCRIPTOR, describe(descriptorVersion,
                        Sampler.crop(sample, SAMPLE_OFFSET, SAMPLE_OFFSET, side, side, 112, 112, -1)));
            }
            if (basicAttributes) {
                // The sample spans about 1.4× the face box, what SSR-Net was given in the package.
                estimations.put(Estimation.BASIC_ATTRIBUTES,
                        basicAttributes(Sampler.crop(sample, 0, 0, SAMPLE_SIZE, SAMPLE_SIZE, 64, 64, -1)));
            }
            return new Face(null, 1.0, null, null, estimations, sample);
        });
    }

    /** What can be estimated on a face warp without a detection in a photo (LUNA's {@code image_type=1}). */
    public static final Set<Estimation> ON_WARP = Set.of(Estimation.FACE_DESCRIPTOR, Estimation.BASIC_ATTRIBUTES);

    /**
     * A face warp given by the caller (LUNA's {@code image_type=1}: 250×250, as its samples and ours are),
     * processed without detection: the face fills the warp at the sample geometry, so its box is the
     * whole warp and its five landmarks are the template's points there. Of {@code asked}, the
     * estimations of {@link #ON_WARP} are made; the others need the face in its photo (pose, landmarks68,
     * eyes, emotions, liveness) and are left out, as LUNA's SDK estimates "only available attributes"
     * on a warp. The warp is the face's sample. Another size: {@link ImageRejectedException}.
     */
    public Face fromWarp(RgbImage warp, Set<Estimation> asked) {
        return fromWarp(warp, asked, DescriptorModel.V201.version());
    }

    /** {@link #fromWarp(RgbImage, Set)} with a descriptor of {@code descriptorVersion}. */
    public Face fromWarp(RgbImage warp, Set<Estimation> asked, int descriptorVersion) {
        Face face = fromSample(warp, asked.contains(Estimation.FACE_DESCRIPTOR),
                asked.contains(Estimation.BASIC_ATTRIBUTES), descriptorVersion);
        Point[] landmarks5 = new Point[ARCFACE_112.length];
        for (int i = 0; i < landmarks5.length; i++) {
            landmarks5[i] = new Point(ARCFACE_112[i].x() * SAMPLE_SCALE + SAMPLE_OFFSET,
                    ARCFACE_112[i].y() * SAMPLE_SCALE + SAMPLE_OFFSET);
        }
        return new Face(new Box(0, 0, SAMPLE_SIZE, SAMPLE_SIZE), 1.0, landmarks5, null, face.estimations(), warp);
    }

    private <T> T onPool(Callable<T> work) {
        Future<T> future;
        try {
            future = pool.submit(work);
        } catch (RejectedExecutionException e) {
            throw new BusyException(settings.queueCapacity());
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for inference", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    // ------------------------------------------------------------------ pipeline

    private FaceAnalysis run(RgbImage image, String format, FaceOptions options, Map<String, Long> times,
            FullResolution full) throws OrtException {
        double threshold = Double.isNaN(options.detectionThreshold()) ? settings.detectionThreshold()
                : options.detectionThreshold();
        long t = System.nanoTime();
        List<Detection> detections = detect(image, threshold);
        if (options.maxFaces() > 0 && detections.size() > options.maxFaces()) {
            detections = detections.subList(0, options.maxFaces());
        }
        t = lap(times, "detect", t);
        List<Face> faces = new ArrayList<>(detections.size());
        for (Detection detection : detections) {
            if (full == null) {
                faces.add(face(image, detection, options, times));
            } else if (detection.box().height() >= MIN_FACE_SIDE) {
                faces.add(scaled(face(image, detection, options, times), full.factor, full.width, full.height));
            } else {
                faces.add(face(full.image(times), detection.scaled(full.factor, full.width, full.height), options,
                        times));
            }
        }
        if (full == null) {
            return new FaceAnalysis(image.width(), image.height(), format, faces, times);
        }
        return new FaceAnalysis(full.width, full.height, format, faces, times);
    }

    /** A face found on a subsampled image, in full-resolution coordinates. */
    private static Face scaled(Face face, int factor, int width, int height) {
        Box b = face.box();
        Box box = new Box(b.x1() * factor, b.y1() * factor, b.x2() * factor, b.y2() * factor).clamped(width, height);
        return new Face(box, face.score(), scaled(face.landmarks5(), factor), scaled(face.landmarks68(), factor),
                face.estimations(), face.sample());
    }

    private static Point[] scaled(Point[] points, int factor) {
        Point[] out = new Point[points.length];
        for (int i = 0; i < points.length; i++) {
            out[i] = new Point(points[i].x() * factor, points[i].y() * factor);
        }
        return out;
    }

    private Face face(RgbImage image, Detection detection, FaceOptions options, Map<String, Long> times)
            throws OrtException {
        long t = System.nanoTime();
        Box box = detection.box();
        Point[] landmarks68 = landmarks68(image, detection.square());
        Point[] landmarks5 = fivePoints(landmarks68);
        t = lap(times, "landmarks", t);
        Geometry.Similarity toTemplate = Geometry.Similarity.fit(landmarks5, ARCFACE_112);
        Geometry.Similarity toSample = new Geometry.Similarity(toTemplate.a() * SAMPLE_SCALE,
                toTemplate.b() * SAMPLE_SCALE, toTemplate.tx() * SAMPLE_SCALE + SAMPLE_OFFSET,
                toTemplate.ty() * SAMPLE_SCALE + SAMPLE_OFFSET);
        RgbImage sample = null;
        if (options.sample()) {
            sample = Sampler.toImage(Sampler.warp(image, toSample.inverse().affine(), SAMPLE_SIZE, SAMPLE_SIZE, GREY),
                    SAMPLE_SIZE, SAMPLE_SIZE);
            t = lap(times, "sample", t);
        }
        Map<Estimation, Object> estimations = new EnumMap<>(Estimation.class);
        for (Estimation estimation : options.estimations()) {
            if (estimation.kind() == Estimation.Kind.FACE) {
                estimations.put(estimation, step(estimation, image, detection, landmarks68, toTemplate, toSample,
                        options.descriptorVersion()));
                t = lap(times, estimation.answer() == null ? "descriptor" : estimation.answer(), t);
            }
        }
        return new Face(box, detection.score(), landmarks5, landmarks68, estimations, sample);
    }

    /** The engine step of one face estimation. */
    private Object step(Estimation estimation, RgbImage image, Detection detection, Point[] landmarks68,
            Geometry.Similarity toTemplate, Geometry.Similarity toSample, int descriptorVersion) throws OrtException {
        Box box = detection.box();
        return switch (estimation) {
            // outside the image the warp sees the detector's grey, as the landmark crop did (issue 24)
            case FACE_DESCRIPTOR -> descriptorVersion == DescriptorModel.V202.version()
                    ? describe(descriptorVersion, Sampler.warp(image, scaled(toSample, FACERES_SIDE / (double) SAMPLE_SIZE)
                            .inverse().affine(), FACERES_SIDE, FACERES_SIDE, GREY))
                    : describe(descriptorVersion, Sampler.warp(image, toTemplate.inverse().affine(), 112, 112, GREY));
            case BASIC_ATTRIBUTES -> {
                double[] r = contextCrop(box, 1.4, image.width(), image.height());
                yield basicAttributes(Sampler.crop(image, r[0], r[1], r[2], r[3], 64, 64, -1));
            }
            case HEAD_POSE -> headPose(image, box);
            case EYES -> new Eyes(eyeClosed(image, landmarks68, 36, 39, new int[] {37, 38, 40, 41}),
                    eyeClosed(image, landmarks68, 42, 45, new int[] {43, 44, 46, 47}));
            case LIVENESS -> new Liveness(liveness(image, detection.detectorBox())); // the package's own crop, see LivenessEstimator
            case EMOTIONS -> emotions(image, box);
            default -> throw new IllegalStateException("no engine step for " + estimation);
        };
    }

    /** The liveness score of a face given by its detector box, on the calling thread (tests). */
    double liveness(RgbImage image, Box detectorBox) throws OrtException {
        int side = LivenessEstimator.SIZE;
        return LivenessEstimator.real(run(Model.LIVENESS, LivenessEstimator.input(image, detectorBox), 1, 3, side,
                side).get("output"));
    }

    private static long lap(Map<String, Long> times, String stage, long since) {
        long now = System.nanoTime();
        times.merge(stage, now - since, Long::sum);
        return now;
    }

    /**
     * A detected face: {@code box} is the square box clamped to the image (the reported rect, and the
     * region of the attribute stages), {@code detectorBox} the box the detector gave (what the package's
     * liveness JavaScript crops around), {@code square} the square box before clamping. A face cut by
     * the image edge keeps its whole square for the landmark crop, the part outside filled with the
     * detector's grey: clamping it gave a non-square crop of the visible part, stretched, and landmarks
     * (so the alignment and the descriptor) drifted (issue 24).
     */
    record Detection(Box box, double score, Box detectorBox, Box square) {

        Detection scaled(double factor, int width, int height) {
            Box whole = scale(square, factor);
            return new Detection(whole.clamped(width, height), score, scale(detectorBox, factor), whole);
        }

        private static Box scale(Box b, double f) {
            return new Box(b.x1() * f, b.y1() * f, b.x2() * f, b.y2() * f);
        }
    }

    /** Detector: letterboxed 320×240 frame, threshold, score-sorted NMS, square boxes. */
    List<Detection> detect(RgbImage image, double threshold) throws OrtException {
        int w = image.width();
        int h = image.height();
        // Frame (in image coordinates) the detector sees: the image, padded with grey around small
        // images (pitfall 2), then extended to the model's 4:3 aspect so faces are not stretched.
        double fx = 0, fy = 0, fw = w, fh = h;
        if (Math.max(w, h) < SMALL_IMAGE_SIDE) {
            fw = w * SMALL_IMAGE_PADDING;
            fh = h * SMALL_IMAGE_PADDING;
            fx = -(fw - w) / 2;
            fy = -(fh - h) / 2;
        }
        if (fw / fh > 4.0 / 3) {
            double nh = fw * 3 / 4;
            fy -= (nh - fh) / 2;
            fh = nh;
        } else {
            double nw = fh * 4 / 3;
            fx -= (nw - fw) / 2;
            fw = nw;
        }
        float[] frame = Sampler.crop(image, fx, fy, fw, fh, 320, 240, GREY);
        Map<String, float[]> out = run(Model.DETECT, nchw(frame, 320, 240, false, 127, 1f / 128),
                1, 3, 240, 320);
        float[] scores = out.get("scores");
        float[] boxes = out.get("boxes");
        List<Detection> candidates = new ArrayList<>();
        for (int i = 0; i < scores.length / 2; i++) {
            double score = scores[i * 2 + 1];
            if (score >= threshold) {
                Box box = new Box(fx + boxes[i * 4] * fw, fy + boxes[i * 4 + 1] * fh,
                        fx + boxes[i * 4 + 2] * fw, fy + boxes[i * 4 + 3] * fh);
                if (box.width() > 0 && box.height() > 0) {
                    candidates.add(new Detection(box, score, box, box));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection candidate : candidates) {
            boolean overlaps = false;
            for (Detection k : kept) {
                if (k.box().iou(candidate.box()) > settings.nmsIou()) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(candidate);
            }
        }
        List<Detection> result = new ArrayList<>(kept.size());
        for (Detection d : kept) {
            Box b = d.box();
            double side = b.height();
            double cx = (b.x1() + b.x2()) / 2;
            double cy = (b.y1() + b.y2()) / 2;
            Box square = new Box(cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2);
            Box visible = square.clamped(w, h);
            if (visible.width() >= 2 && visible.height() >= 2) {
                result.add(new Detection(visible, d.score(), b, square));
            }
        }
        return result;
    }

    /**
     * 68 landmarks: the unclamped square box as a 64×64 grey crop, {@code v/256}, the detector's grey
     * outside the image; outputs are normalised to the crop.
     */
    Point[] landmarks68(RgbImage image, Box square) throws OrtException {
        float[] crop = Sampler.crop(image, square.x1(), square.y1(), square.width(), square.height(), 64, 64, GREY);
        float[] input = grey(crop, 64 * 64, 1f / 256);
        float[] out = run(Model.LANDMARK, input, 1, 1, 64, 64).get("output");
        Point[] points = new Point[68];
        for (int i = 0; i < 68; i++) {
            points[i] = new Point(square.x1() + out[i * 2] * square.width(),
                    square.y1() + out[i * 2 + 1] * square.height());
        }
        return points;
    }

    static Point[] fivePoints(Point[] p) {
        return new Point[] {
                mean(p[37], p[38], p[40], p[41]),
                mean(p[43], p[44], p[46], p[47]),
                p[30],
                mean(p[48], p[60]),
                mean(p[54], p[64])};
    }

    private static Point mean(Point... points) {
        double x = 0, y = 0;
        for (Point p : points) {
            x += p.x();
            y += p.y();
        }
        return new Point(x / points.length, y / points.length);
    }

    /**
     * The descriptor of an aligned face (RGB 0..255, interleaved = NHWC): for 201 the 112×112 template,
     * for 202 the sample geometry at {@value #FACERES_SIDE}×{@value #FACERES_SIDE}.
     */
    private Descriptor describe(int version, float[] warp) throws OrtException {
        float[] out = switch (DescriptorModel.require(version)) {
            case V201 -> run(Model.FEATURE, nchw(warp, 112, 112, false, 127, 1f / 128), 1, 3, 112, 112)
                    .get("output").clone();
            case V202 -> faceRes(warp);
        };
        double norm = Similarity.normalise(out);
        return new Descriptor(out, norm, version);
    }

    /** The raw (not normalised) HSE FaceRec embedding of a 224×224 face crop; the conversion test's entry. */
    float[] faceRes(float[] warp224) throws OrtException {
        return run(Model.FACERES, "images", warp224, 1, FACERES_SIDE, FACERES_SIDE, 3).get("embedding").clone();
    }

    private static Geometry.Similarity scaled(Geometry.Similarity s, double k) {
        return new Geometry.Similarity(s.a() * k, s.b() * k, s.tx() * k, s.ty() * k);
    }

    private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    private BasicAttributes basicAttributes(float[] crop64) throws OrtException {
        // SSR-Net was trained on BGR (pitfall 4); the package normalises channel i with ImageNet's i-th mean/std.
        float[] input = imagenet(crop64, 64, 64, true);
        double age = ssrNet(run(Model.AGE, input, 1, 3, 64, 64), 101);
        double male = ssrNet(run(Model.GENDER, input, 1, 3, 64, 64), 1);
        return new BasicAttributes(Math.clamp(age, 0, 100), Math.clamp(male, 0, 1));
    }

    /** SSR-Net stage-wise regression as the package merges it (s1 = s2 = s3 = 3, λ = 1). */
    private static double ssrNet(Map<String, float[]> out, double v) {
        float[][] p = {out.get("prob_stage_1"), out.get("prob_stage_2"), out.get("prob_stage_3")};
        float[][] idx = {out.get("index_offset_stage1"), out.get("index_offset_stage2"), out.get("index_offset_stage3")};
        float[] dk = {out.get("stage1_delta_k")[0], out.get("stage2_delta_k")[0], out.get("stage3_delta_k")[0]};
        double total = 0;
        double divisor = 1;
        for (int stage = 0; stage < 3; stage++) {
            double sum = 0;
            for (int i = 0; i < 3; i++) {
                sum += (i + idx[stage][i]) * p[stage][i];
            }
            divisor *= 3 * (1 + dk[stage]);
            total += sum / divisor;
        }
        return total * v;
    }

    private HeadPose headPose(RgbImage image, Box box) throws OrtException {
        double w = box.width();
        double h = box.height();
        Box wide = new Box(box.x1() - w / 4, box.y1() - h / 4, box.x2() + w / 4, box.y2() + h / 4)
                .clamped(image.width(), image.height());
        float[] crop = Sampler.crop(image, wide.x1(), wide.y1(), wide.width(), wide.height(), 224, 224, -1);
        Map<String, float[]> out = run(Model.POSE, imagenet(crop, 224, 224, false), 1, 3, 224, 224);
        return new HeadPose(binned(out.get("output")), binned(out.get("617")), binned(out.get("618")));
    }

    private static double binned(float[] logits) {
        float[] p = softmax(logits);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += p[i] * i;
        }
        return sum * 3 - 99;
    }

    /** Probability that an eye is closed: a square around its lid points, 1.6× the corner distance. */
    private double eyeClosed(RgbImage image, Point[] p, int corner1, int corner2, int[] lids) throws OrtException {
        Point centre = mean(p[lids[0]], p[lids[1]], p[lids[2]], p[lids[3]]);
        double size = Math.max(4, Math.abs(p[corner2].x() - p[corner1].x()) * 1.6);
        float[] crop = Sampler.crop(image, centre.x() - size / 2, centre.y() - size / 2, size, size, 24, 24, -1);
        float[] out = run(Model.EYE, grey(crop, 24 * 24, 1f / 255), 1, 1, 24, 24).get("output");
        return softmax(out)[0];
    }

    private Emotions emotions(RgbImage image, Box box) throws OrtException {
        Box region = new Box(box.x1(), box.y1(), box.x1() + box.width() * 1.2, box.y1() + box.height() * 1.2)
                .clamped(image.width(), image.height());
        float[] crop = Sampler.crop(image, region.x1(), region.y1(), region.width(), region.height(), 224, 224, -1);
        float[] p = softmax(run(Model.EXPRESSION, nchw(crop, 224, 224, false, 0, 1f / 255), 1, 3, 224, 224)
                .get("output"));
        double[] probabilities = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            probabilities[i] = p[i];
        }
        return new Emotions(probabilities);
    }

    /**
     * The package's crop around a box: the box scaled by {@code scale} about its centre (less if the
     * image is too small), then shifted to lie inside the image. Returns {x, y, width, height}.
     */
    static double[] contextCrop(Box box, double scale, int width, int height) {
        double s = Math.min(Math.min((height - 1) / box.height(), (width - 1) / box.width()), scale);
        double nw = box.width() * s;
        double nh = box.height() * s;
        double cx = (box.x1() + box.x2()) / 2;
        double cy = (box.y1() + box.y2()) / 2;
        double x1 = cx - nw / 2;
        double y1 = cy - nh / 2;
        x1 = Math.clamp(x1, 0, Math.max(0, width - nw));
        y1 = Math.clamp(y1, 0, Math.max(0, height - nh));
        return new double[] {x1, y1, nw, nh};
    }

    // ------------------------------------------------------------------ tensors

    /** Interleaved RGB → NCHW, {@code (v − offset) · scale}; {@code bgr} swaps the channel order. */
    private static float[] nchw(float[] rgb, int w, int h, boolean bgr, float offset, float scale) {
        int plane = w * h;
        float[] out = new float[plane * 3];
        for (int i = 0; i < plane; i++) {
            float r = (rgb[i * 3] - offset) * scale;
            float g = (rgb[i * 3 + 1] - offset) * scale;
            float b = (rgb[i * 3 + 2] - offset) * scale;
            out[i] = bgr ? b : r;
            out[plane + i] = g;
            out[2 * plane + i] = bgr ? r : b;
        }
        return out;
    }

    /** ImageNet normalisation, channel i with mean/std i (after the optional BGR swap, as the package does). */
    private static float[] imagenet(float[] rgb, int w, int h, boolean bgr) {
        int plane = w * h;
        float[] out = new float[plane * 3];
        for (int i = 0; i < plane; i++) {
            float c0 = bgr ? rgb[i * 3 + 2] : rgb[i * 3];
            float c1 = rgb[i * 3 + 1];
            float c2 = bgr ? rgb[i * 3] : rgb[i * 3 + 2];
            out[i] = (c0 / 255f - IMAGENET_MEAN[0]) / IMAGENET_STD[0];
            out[plane + i] = (c1 / 255f - IMAGENET_MEAN[1]) / IMAGENET_STD[1];
            out[2 * plane + i] = (c2 / 255f - IMAGENET_MEAN[2]) / IMAGENET_STD[2];
        }
        return out;
    }

    private static float[] grey(float[] rgb, int pixels, float scale) {
        float[] out = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            out[i] = (0.299f * rgb[i * 3] + 0.587f * rgb[i * 3 + 1] + 0.114f * rgb[i * 3 + 2]) * scale;
        }
        return out;
    }

    static float[] softmax(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) {
            max = Math.max(max, v);
        }
        float[] out = new float[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            out[i] = (float) Math.exp(logits[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (out[i] / sum);
        }
        return out;
    }

    private Map<String, float[]> run(Model model, float[] input, long... shape) throws OrtException {
        return run(model, "input", input, shape);
    }

    private Map<String, float[]> run(Model model, String inputName, float[] input, long... shape) throws OrtException {
        OrtSession session = sessions.get(model);
        if (session == null) {
            throw new IllegalStateException(model.fileName() + " is not loaded in this engine");
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input), shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            Map<String, float[]> outputs = new LinkedHashMap<>();
            for (Map.Entry<String, ai.onnxruntime.OnnxValue> entry : result) {
                FloatBuffer buffer = ((OnnxTensor) entry.getValue()).getFloatBuffer();
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                outputs.put(entry.getKey(), values);
            }
            return outputs;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeSessions();
        if (bodies != null) {
            bodies.close();
        }
    }

    private void closeSessions() {
        for (OrtSession session : sessions.values()) {
            try {
                session.close();
            } catch (OrtException ignored) {
                // closing anyway
            }
        }
        sessions.clear();
    }
}

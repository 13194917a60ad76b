package io.selene.vision.body;

import java.util.Arrays;
import java.util.List;

import io.selene.vision.body.BodyDetector.Body;
import io.selene.vision.image.Geometry;
import io.selene.vision.image.RgbImage;
import io.selene.vision.image.Sampler;

/** Body samples and the face–body association. */
public final class Bodies {

    /** The stored body sample: 128×256 (width × height), as LUNA's body warp. */
    public static final int SAMPLE_WIDTH = 128;
    public static final int SAMPLE_HEIGHT = 256;
    /** A face belongs to a body when its centre lies in this upper fraction of the body box. */
    static final double HEAD_PART = 0.5;
    private static final int SAMPLE_BORDER_GREY = 128;

    private Bodies() {
    }

    /**
     * The body's sample: its box widened or heightened around its centre to the 1:2 aspect (so the
     * person is not stretched), cut out and resized to 128×256; outside the image is grey.
     */
    public static RgbImage sample(RgbImage image, Body body) {
        double width = body.width();
        double height = body.height();
        double aspect = (double) SAMPLE_WIDTH / SAMPLE_HEIGHT;
        if (width / height > aspect) {
            height = width / aspect;
        } else {
            width = height * aspect;
        }
        double x = body.x() + body.width() / 2 - width / 2;
        double y = body.y() + body.height() / 2 - height / 2;
        return Sampler.toImage(Sampler.crop(image, x, y, width, height, SAMPLE_WIDTH, SAMPLE_HEIGHT,
                SAMPLE_BORDER_GREY), SAMPLE_WIDTH, SAMPLE_HEIGHT);
    }

    /**
     * Which body each face belongs to: a face whose centre lies inside a body box, in its upper
     * half, and is not wider than the body. Faces are taken in the given order (best first); each
     * body gets at most one face, the one nearest its vertical axis among those that qualify.
     *
     * @return for each face, the index of its body in {@code bodies}, or −1
     */
    public static int[] associate(List<Geometry.Box> faces, List<Body> bodies) {
        int[] owner = new int[faces.size()];
        Arrays.fill(owner, -1);
        boolean[] taken = new boolean[bodies.size()];
        for (int f = 0; f < faces.size(); f++) {
            Geometry.Box face = faces.get(f);
            double cx = (face.x1() + face.x2()) / 2;
            double cy = (face.y1() + face.y2()) / 2;
            int best = -1;
            double bestOffset = Double.MAX_VALUE;
            for (int b = 0; b < bodies.size(); b++) {
                Body body = bodies.get(b);
                if (taken[b] || cx < body.x() || cx > body.x() + body.width() || cy < body.y()
                        || cy > body.y() + HEAD_PART * body.height() || face.width() > body.width()) {
                    continue;
                }
                double offset = Math.abs(cx - (body.x() + body.width() / 2)) / body.width();
                if (offset < bestOffset) {
                    bestOffset = offset;
                    best = b;
                }
            }
            if (best >= 0) {
                owner[f] = best;
                taken[best] = true;
            }
        }
        return owner;
    }
}

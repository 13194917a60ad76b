package io.selene.vision.image;

/** Points, boxes and the 2-D similarity transform of face alignment. */
public final class Geometry {

    private Geometry() {
    }

    public record Point(double x, double y) {
    }

    /** An axis-aligned box in image pixels, {@code x2 > x1}, {@code y2 > y1}. */
    public record Box(double x1, double y1, double x2, double y2) {

        public double width() {
            return x2 - x1;
        }

        public double height() {
            return y2 - y1;
        }

        public double area() {
            return Math.max(0, width()) * Math.max(0, height());
        }

        public double iou(Box other) {
            double w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
            double h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
            if (w <= 0 || h <= 0) {
                return 0;
            }
            double inter = w * h;
            return inter / (area() + other.area() - inter);
        }

        public boolean contains(Point p) {
            return p.x() >= x1 && p.x() <= x2 && p.y() >= y1 && p.y() <= y2;
        }

        public Box shifted(double dx, double dy) {
            return new Box(x1 + dx, y1 + dy, x2 + dx, y2 + dy);
        }

        public Box clamped(int width, int height) {
            return new Box(Math.max(0, x1), Math.max(0, y1), Math.min(width, x2), Math.min(height, y2));
        }
    }

    /**
     * {@code x' = a·x − b·y + tx}, {@code y' = b·x + a·y + ty}: rotation, uniform scale and translation.
     */
    public record Similarity(double a, double b, double tx, double ty) {

        /**
         * Least-squares similarity mapping {@code from[i]} onto {@code to[i]} (Umeyama 1991 without
         * reflection; in 2-D it has this closed form).
         */
        public static Similarity fit(Point[] from, Point[] to) {
            int n = from.length;
            double fx = 0, fy = 0, tx = 0, ty = 0;
            for (int i = 0; i < n; i++) {
                fx += from[i].x();
                fy += from[i].y();
                tx += to[i].x();
                ty += to[i].y();
            }
            fx /= n;
            fy /= n;
            tx /= n;
            ty /= n;
            double norm = 0, dot = 0, cross = 0;
            for (int i = 0; i < n; i++) {
                double sx = from[i].x() - fx, sy = from[i].y() - fy;
                double dx = to[i].x() - tx, dy = to[i].y() - ty;
                norm += sx * sx + sy * sy;
                dot += sx * dx + sy * dy;
                cross += sx * dy - sy * dx;
            }
            if (norm < 1e-9) {
                throw new IllegalArgumentException("degenerate points");
            }
            double a = dot / norm;
            double b = cross / norm;
            return new Similarity(a, b, tx - (a * fx - b * fy), ty - (b * fx + a * fy));
        }

        public Point apply(Point p) {
            return new Point(a * p.x() - b * p.y() + tx, b * p.x() + a * p.y() + ty);
        }

        public double scale() {
            return Math.hypot(a, b);
        }

        public Similarity inverse() {
            double s2 = a * a + b * b;
            double ia = a / s2;
            double ib = -b / s2;
            return new Similarity(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
        }

        /** As the affine rows {@code [a, -b, tx, b, a, ty]}. */
        public double[] affine() {
            return new double[] {a, -b, tx, b, a, ty};
        }
    }
}

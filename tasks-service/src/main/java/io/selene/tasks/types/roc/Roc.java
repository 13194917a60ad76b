package io.selene.tasks.types.roc;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.batik.dom.GenericDOMImplementation;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.batik.svggen.SVGGraphics2DIOException;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.w3c.dom.Document;

/**
 * The ROC of a verification test from its genuine (same person) and impostor (different people) scores:
 * TAR at given FARs with the threshold of each, the equal error rate, and the curve (FAR on a log scale)
 * as data and as a PNG plot.
 *
 * <p>A pair is accepted when its score is strictly above the threshold. The threshold for FAR {@code f} is
 * midway between the {@code (k+1)}-th and the {@code k}-th largest impostor score with
 * {@code k = floor(f · impostors)}: exactly {@code k} impostors score above it. A FAR below {@code 1 / impostors} cannot be measured ({@code measurable:
 * false}; its threshold is the largest impostor score, i.e. zero false accepts).
 */
public final class Roc {

    public static final double[] FARS = {1e-2, 1e-3, 1e-4, 1e-5, 1e-6};
    private static final int CURVE_POINTS = 121;

    private final float[] genuine;
    private final float[] impostor;

    /** Sorts copies of both score sets (ascending). */
    public Roc(float[] genuine, float[] impostor) {
        if (genuine.length == 0 || impostor.length == 0) {
            throw new IllegalArgumentException("needs genuine and impostor scores");
        }
        this.genuine = genuine.clone();
        this.impostor = impostor.clone();
        Arrays.parallelSort(this.genuine);
        Arrays.parallelSort(this.impostor);
    }

    public int genuineCount() {
        return genuine.length;
    }

    public int impostorCount() {
        return impostor.length;
    }

    /** One operating point. */
    public record Point(double far, double threshold, double tar, boolean measurable) {
    }

    /** The operating point for {@code far}. */
    public Point at(double far) {
        long allowed = (long) Math.floor(far * impostor.length + 1e-9);
        boolean measurable = allowed >= 1;
        int index = (int) Math.max(0, impostor.length - 1 - Math.min(allowed, impostor.length - 1));
        // midway to the next larger impostor score: still exactly `allowed` impostors above, and unbiased
        // (the (k+1)-th largest score alone sits half a sample below the FAR it stands for)
        float threshold = index + 1 < impostor.length
                ? (float) ((impostor[index] + (double) impostor[index + 1]) / 2) : impostor[index];
        return new Point(far, threshold, above(genuine, threshold), measurable);
    }

    /** Fraction of sorted {@code scores} strictly above {@code threshold}. */
    private static double above(float[] scores, float threshold) {
        int at = Arrays.binarySearch(scores, Math.nextUp(threshold));
        int first = at >= 0 ? at : -at - 1;
        while (first > 0 && scores[first - 1] > threshold) {
            first--;
        }
        while (first < scores.length && scores[first] <= threshold) {
            first++;
        }
        return (double) (scores.length - first) / scores.length;
    }

    /** Equal error rate and its threshold: where FAR (impostors above) meets FRR (genuine at or below). */
    public double[] eer() {
        double bestGap = Double.MAX_VALUE;
        double[] best = {1, 0};
        // candidate thresholds: every impostor score near the crossing; a binary search on FAR - FRR first
        int lo = 0;
        int hi = impostor.length - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            double far = (double) (impostor.length - 1 - mid) / impostor.length;
            double frr = 1 - above(genuine, impostor[mid]);
            if (far > frr) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        for (int i = Math.max(0, lo - 2); i <= Math.min(impostor.length - 1, hi + 2); i++) {
            float t = impostor[i];
            double far = above(impostor, t);
            double frr = 1 - above(genuine, t);
            double gap = Math.abs(far - frr);
            if (gap < bestGap) {
                bestGap = gap;
                best = new double[] {(far + frr) / 2, t};
            }
        }
        return best;
    }

    /** The curve from FAR {@code 1 / impostors} (at least 1e-7) to 1, log-spaced. */
    public List<Point> curve() {
        double low = Math.max(1e-7, 1.0 / impostor.length);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < CURVE_POINTS; i++) {
            double far = Math.pow(10, Math.log10(low) * (1 - (double) i / (CURVE_POINTS - 1)));
            points.add(at(far));
        }
        return points;
    }

    /** The curve as a PNG plot (TAR over FAR on a log axis), {@code width × height} pixels. */
    public static byte[] png(List<Point> curve, double eer, int width, int height) {
        BufferedImage image = chart(curve, eer).createBufferedImage(width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The same plot as SVG: JFreeChart draws onto Batik's SVG Graphics2D, so it scales for reports. */
    public static byte[] svg(List<Point> curve, double eer, int width, int height) {
        Document document = GenericDOMImplementation.getDOMImplementation()
                .createDocument("http://www.w3.org/2000/svg", "svg", null);
        SVGGraphics2D graphics = new SVGGraphics2D(document);
        graphics.setSVGCanvasSize(new Dimension(width, height));
        chart(curve, eer).draw(graphics, new Rectangle2D.Double(0, 0, width, height));
        StringWriter out = new StringWriter();
        try {
            graphics.stream(out, true);
        } catch (SVGGraphics2DIOException e) {
            throw new UncheckedIOException(e);
        } finally {
            graphics.dispose();
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JFreeChart chart(List<Point> curve, double eer) {
        XYSeries series = new XYSeries("ROC");
        for (Point point : curve) {
            series.addOrUpdate(point.far(), point.tar());
        }
        JFreeChart chart = ChartFactory.createXYLineChart("ROC (EER " + String.format(java.util.Locale.ROOT,
                "%.4f", eer) + ")", "FAR", "TAR", new XYSeriesCollection(series), PlotOrientation.VERTICAL, false,
                false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis far = new LogAxis("FAR");
        far.setBase(10);
        far.setSmallestValue(1e-7);
        plot.setDomainAxis(far);
        NumberAxis tar = (NumberAxis) plot.getRangeAxis();
        tar.setRange(0, 1.0);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getRenderer().setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4));
        plot.getRenderer().setSeriesStroke(0, new BasicStroke(2f));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}

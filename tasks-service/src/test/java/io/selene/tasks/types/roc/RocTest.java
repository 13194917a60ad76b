package io.selene.tasks.types.roc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.Set;

import javax.imageio.ImageIO;

import io.selene.commons.error.LunaException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ROC arithmetic against distributions whose TAR/FAR are known in closed form, the plot as a real
 * image, and the markup checks.
 */
class RocTest {

    // Impostor scores ~ Exponential(1): FAR(t) = exp(-t). Genuine ~ Logistic(MU, S): TAR(t) = 1 / (1 + exp((t - MU) / S)).
    private static final double MU = 9.0;
    private static final double S = 1.2;
    private static final int IMPOSTORS = 4_000_000;
    private static final int GENUINE = 400_000;

    private static Roc roc;

    @BeforeAll
    static void scores() {
        System.setProperty("java.awt.headless", "true");
        // Stratified samples (the distribution's quantiles at (i + 0.5) / n): the empirical curve then follows the
        // analytic one to about 1/n, so the test is deterministic.
        float[] impostor = new float[IMPOSTORS];
        for (int i = 0; i < IMPOSTORS; i++) {
            double u = (i + 0.5) / IMPOSTORS; // P(X <= x) = 1 - exp(-x)
            impostor[i] = (float) -Math.log(1 - u);
        }
        float[] genuine = new float[GENUINE];
        for (int i = 0; i < GENUINE; i++) {
            double u = (i + 0.5) / GENUINE; // P(X <= x) = 1 / (1 + exp(-(x - MU) / S))
            genuine[i] = (float) (MU + S * Math.log(u / (1 - u)));
        }
        roc = new Roc(genuine, impostor);
    }

    private static double analyticTar(double threshold) {
        return 1 / (1 + Math.exp((threshold - MU) / S));
    }

    @Test
    void tarAtEachFarMatchesTheAnalyticCurveWithinATenthOfAPoint() {
        for (double far : Roc.FARS) {
            Roc.Point point = roc.at(far);
            double threshold = -Math.log(far);
            assertThat(point.measurable()).isTrue();
            assertThat(point.threshold()).as("threshold at FAR %s", far).isCloseTo(threshold,
                    org.assertj.core.data.Offset.offset(0.02));
            assertThat(point.tar()).as("TAR at FAR %s", far).isCloseTo(analyticTar(threshold),
                    org.assertj.core.data.Offset.offset(0.001));
        }
        // a FAR finer than 1 / impostors cannot be measured
        assertThat(roc.at(1e-7).measurable()).isFalse();
    }

    @Test
    void equalErrorRateIsWhereFarMeetsFrr() {
        // solve exp(-t) = 1 - TAR(t) by bisection
        double lo = 0;
        double hi = 30;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (Math.exp(-mid) > 1 - analyticTar(mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double[] eer = roc.eer();
        assertThat(eer[0]).isCloseTo(Math.exp(-lo), org.assertj.core.data.Offset.offset(0.001));
        assertThat(eer[1]).isCloseTo(lo, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void theSvgPlotIsAnSvgDocumentWithTheCurveAndItsTitle() throws Exception {
        byte[] svg = Roc.svg(roc.curve(), roc.eer()[0], 800, 600);
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        org.w3c.dom.Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        org.w3c.dom.Element root = document.getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getAttribute("width")).isEqualTo("800");
        assertThat(root.getAttribute("height")).isEqualTo("600");
        String text = root.getTextContent();
        assertThat(text).contains("ROC (EER ").contains("FAR").contains("0.50"); // rotated labels come as shapes
        // the curve: line segments in the series colour, one per pair of plotted points
        org.w3c.dom.NodeList groups = document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        int segments = 0;
        for (int i = 0; i < groups.getLength(); i++) {
            org.w3c.dom.Element group = (org.w3c.dom.Element) groups.item(i);
            if (group.getAttribute("style").contains("stroke:rgb(31,119,180)")) {
                segments += group.getElementsByTagNameNS("http://www.w3.org/2000/svg", "line").getLength();
            }
        }
        assertThat(segments).as("segments of the curve").isGreaterThan(50);
    }

    @Test
    void thePlotIsARealPngOfTheCurve() throws Exception {
        byte[] png = Roc.png(roc.curve(), roc.eer()[0], 800, 600);
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(800);
        assertThat(image.getHeight()).isEqualTo(600);
        Set<Integer> colours = new HashSet<>();
        int curvePixels = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                if (b > 150 && r < 100 && g < 160) {
                    curvePixels++;
                }
            }
        }
        assertThat(colours).as("not blank").hasSizeGreaterThan(10);
        assertThat(curvePixels).as("the curve is drawn").isGreaterThan(100);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    @Test
    void badMarkupIsRefusedNamingTheItem() {
        String a = "\"11111111-1111-4111-8111-111111111111\"";
        String b = "\"22222222-2222-4222-8222-222222222222\"";
        assertThatThrownBy(() -> RocTask.markup(json("{\"pairs\": [{\"id1\": " + a + ", \"id2\": \"x\", \"same\": 1}]}")))
                .isInstanceOfSatisfying(LunaException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(28120);
                    assertThat(e.detail()).contains("content.markup.pairs[0].id2");
                });
        assertThatThrownBy(() -> RocTask.markup(json("{\"pairs\": [{\"id1\": " + a + ", \"id2\": " + b
                + ", \"same\": 1}]}"))).isInstanceOfSatisfying(LunaException.class,
                        e -> assertThat(e.detail()).contains("impostor"));
        assertThatThrownBy(() -> RocTask.markup(json("{\"pairs\": [], \"labels\": []}")))
                .isInstanceOf(LunaException.class);
        assertThatThrownBy(() -> RocTask.markup(json("{\"labels\": [{\"id\": " + a + ", \"label\": \"x\"}, {\"id\": "
                + a + ", \"label\": \"y\"}]}"))).isInstanceOfSatisfying(LunaException.class,
                        e -> assertThat(e.detail()).contains("labelled twice"));
        JsonNode ok = RocTask.markup(json("{\"labels\": [{\"id\": " + a + ", \"label\": \"x\"}, {\"id\": " + b
                + ", \"label\": \"x\"}, {\"id\": \"33333333-3333-4333-8333-333333333333\", \"label\": 7}]}"));
        assertThat(ok.path("labels")).hasSize(3);
    }
}

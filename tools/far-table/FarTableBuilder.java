import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.commons.far.FarTable;
import io.selene.commons.far.ImpostorModel;
import io.selene.vision.FaceAnalysis;
import io.selene.vision.FaceEngine;
import io.selene.vision.FaceOptions;
import io.selene.vision.VisionSettings;

/**
 * See tools/far-table/build. Args: photos dir, output CSV, synthetic descriptors, seed, threads.
 * Extracts every face of the six test photos with the real model, takes every pair of faces as a
 * different-identity pair, fits {@link ImpostorModel} to their cosines, counts every pair of a large
 * synthetic sample of it and writes the similarity → FAR table.
 */
public final class FarTableBuilder {

    private static final double BIN = 0.0005;   // cosine histogram resolution
    private static final double STEP = 0.005;   // cosine between table rows
    private static final long MIN_PAIRS = 200;
    private static final double SAME_PERSON = 0.40;  // pairs at or above a row's cosine, at least (±7 % at 1 sd)

    public static void main(String[] args) throws Exception {
        Path photos = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        int threads = Integer.parseInt(args[4]);
        int version = DescriptorVersion.FACE_FP512.number();

        List<float[]> descriptors = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (FaceEngine engine = new FaceEngine(VisionSettings.defaults(VisionSettings.modelsFromEnvironment()))) {
            for (int n = 1; n <= 6; n++) {
                String photo = "sample" + n + ".jpg";
                FaceAnalysis analysis = engine.analyze(Files.readAllBytes(photos.resolve(photo)),
                        FaceOptions.DETECT_ONLY.withDescriptor());
                for (int f = 0; f < analysis.faces().size(); f++) {
                    descriptors.add(analysis.faces().get(f).descriptor().values());
                    names.add(photo + "#" + f);
                }
            }
        }
        // The six photos are one photo series: a person may be in two of them. Two faces of one photo are
        // two people; two faces of different photos are taken for one person at cosine >= 0.40 (the
        // 0.1 %-FAR point of vision-pitfalls.md, where genuine pairs average 0.69) and left out.
        List<Double> real = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (int i = 0; i < descriptors.size(); i++) {
            for (int j = i + 1; j < descriptors.size(); j++) {
                double cosine = dot(descriptors.get(i), descriptors.get(j));
                boolean samePhoto = photo(names.get(i)).equals(photo(names.get(j)));
                if (!samePhoto && cosine >= SAME_PERSON) {
                    excluded.add(String.format(Locale.ROOT, "%s~%s %.3f", names.get(i), names.get(j), cosine));
                } else {
                    real.add(cosine);
                }
            }
        }
        System.out.println("left out as the same person: " + excluded);
        double[] cosines = real.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        ImpostorModel model = ImpostorModel.fit(cosines);
        double sd = Math.sqrt(variance(cosines));
        System.out.printf(Locale.ROOT, "real: %d faces, %d different-identity pairs, cosine mean %.4f sd %.4f max %.4f%n",
                descriptors.size(), cosines.length, mean(cosines), sd, cosines[cosines.length - 1]);
        System.out.printf(Locale.ROOT, "model: mean %.4f, scale %.4f, %d effective dimensions%n", model.meanCosine(),
                model.scale(), model.dimensions());

        long t0 = System.nanoTime();
        long[] histogram = model.pairHistogram(model.sample(count, seed), BIN, threads);
        long pairs = (long) count * (count - 1) / 2;
        System.out.printf(Locale.ROOT, "synthetic: %d descriptors, %d pairs, counted in %.1f s%n", count, pairs,
                (System.nanoTime() - t0) / 1e9);
        FarTable table = FarTable.fromHistogram(version, histogram, BIN, STEP, MIN_PAIRS);

        StringBuilder csv = new StringBuilder();
        csv.append("# Selene similarity -> FAR table, descriptor version ").append(version)
                .append(" (faceplugin fr_feature). Built by tools/far-table/build; see docs/far.md.\n");
        csv.append(String.format(Locale.ROOT, "# real pairs: %d faces of var/test-photos (six photos of one series), "
                + "%d different-identity pairs, cosine mean %.4f sd %.4f max %.4f%n",
                descriptors.size(), cosines.length, mean(cosines), sd, cosines[cosines.length - 1]));
        csv.append("# left out as the same person (faces of two photos at cosine >= 0.40): " + excluded + "\n");
        csv.append(String.format(Locale.ROOT, "# impostor model: mean_cosine=%.6f scale=%.6f dimensions=%d "
                + "(dimensions from the real pairs' variance, mean and scale from their top %.0f %%)%n",
                model.meanCosine(), model.scale(), model.dimensions(), ImpostorModel.TAIL * 100));
        csv.append(String.format(Locale.ROOT, "# synthetic sample: descriptors=%d pairs=%d seed=%d%n", count, pairs, seed));
        csv.append(String.format(Locale.ROOT, "# range: far %.2e .. 1 (every row rests on >= %d synthetic pairs); "
                + "similarities above the last row read as far <= %.2e%n", table.minFar(), MIN_PAIRS, table.minFar()));
        csv.append("# real pairs measure far down to about 1/pairs only; below that the rows are the model's tail\n");
        for (double preset : new double[] {1e-3, 1e-4, 1e-5}) {
            if (preset < table.minFar()) {
                throw new IllegalStateException("preset " + preset + " is below the table's range: more DESCRIPTORS");
            }
            csv.append(String.format(Locale.ROOT, "# preset far %.0e: cosine %.4f, similarity %.4f%n", preset,
                    table.cosineAt(preset), table.similarityAt(preset)));
        }
        // Where the real pairs can speak: their measured FAR against the table's, at their own quantiles.
        csv.append("# real vs table, FAR at the cosine of the k-th highest real pair (k/pairs measured, Poisson +-1/sqrt(k)):\n");
        for (int k : new int[] {1, 2, 3, 5, 10, 23, 46, 115}) {
            if (k > cosines.length) {
                break;
            }
            double cosine = cosines[cosines.length - k];
            csv.append(String.format(Locale.ROOT, "#   k=%3d cosine %.4f  real %.2e  table %.2e%n", k, cosine,
                    (double) k / cosines.length, table.farAtCosine(cosine)));
        }
        csv.append(table.rowsCsv());
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, csv.toString());
        System.out.print(csv.toString().lines().filter(l -> l.startsWith("#")).map(l -> l + "\n")
                .reduce("", String::concat));
    }

    private static String photo(String name) {
        return name.substring(0, name.indexOf('#'));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static double variance(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double value : values) {
            sum += (value - mean) * (value - mean);
        }
        return sum / (values.length - 1);
    }
}

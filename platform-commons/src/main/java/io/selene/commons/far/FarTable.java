package io.selene.commons.far;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.selene.commons.descriptor.Similarity;

/**
 * Similarity → false accept rate for one descriptor version: the share of different-identity pairs
 * whose similarity is at least a given value. Rows are (cosine, similarity, far), cosine ascending and
 * far descending; between rows log(far) is linear in cosine. The table is stated over
 * {@code [minFar(), 1]}: a similarity above the last row is answered as {@link #minFar()} ("at most"),
 * and a FAR below it cannot be asked for. How the rows were measured is in docs/far.md and the
 * resource's own header.
 *
 * @param version descriptor version the table belongs to
 * @param rows    (cosine, similarity, far), cosine ascending, far descending
 */
public record FarTable(int version, List<Row> rows) {

    public record Row(double cosine, double similarity, double far) {
    }

    public FarTable {
        rows = List.copyOf(rows);
        if (rows.size() < 2) {
            throw new IllegalArgumentException("a FAR table needs at least two rows");
        }
        for (int i = 1; i < rows.size(); i++) {
            Row before = rows.get(i - 1);
            Row row = rows.get(i);
            if (!(row.cosine() > before.cosine()) || !(row.far() < before.far()) || !(row.far() > 0)) {
                throw new IllegalArgumentException("FAR table row " + i + " is out of order: " + row);
            }
        }
    }

    /** The smallest FAR the table states (its last row): higher similarities read as "at most this". */
    public double minFar() {
        return rows.getLast().far();
    }

    /** The estimated FAR of a match at {@code similarity} (0..1), within {@code [minFar(), 1]}. */
    public double far(double similarity) {
        return farAtCosine(Similarity.toCosine(similarity));
    }

    public double farAtCosine(double cosine) {
        if (Double.isNaN(cosine) || cosine <= rows.getFirst().cosine()) {
            return rows.getFirst().far();
        }
        if (cosine >= rows.getLast().cosine()) {
            return minFar();
        }
        int hi = 1;
        while (rows.get(hi).cosine() < cosine) {
            hi++;
        }
        Row a = rows.get(hi - 1);
        Row b = rows.get(hi);
        double t = (cosine - a.cosine()) / (b.cosine() - a.cosine());
        return Math.exp(Math.log(a.far()) + t * (Math.log(b.far()) - Math.log(a.far())));
    }

    /** The cosine at which the FAR falls to {@code far}; {@code far} must be within the table's range. */
    public double cosineAt(double far) {
        if (!(far >= minFar() && far <= rows.getFirst().far())) {
            throw new IllegalArgumentException("FAR " + far + " is outside the table's range " + minFar()
                    + ".." + rows.getFirst().far());
        }
        int hi = 1;
        while (rows.get(hi).far() > far) {
            hi++;
        }
        Row a = rows.get(hi - 1);
        Row b = rows.get(hi);
        double t = (Math.log(far) - Math.log(a.far())) / (Math.log(b.far()) - Math.log(a.far()));
        return a.cosine() + t * (b.cosine() - a.cosine());
    }

    /** The similarity threshold (0..1) at which the FAR falls to {@code far}. */
    public double similarityAt(double far) {
        return Similarity.fromCosine(cosineAt(far));
    }

    /** Reads the CSV resource: {@code #} comment lines, a header {@code cosine,similarity,far}, then rows. */
    public static FarTable parse(int version, List<String> lines) {
        List<Row> rows = new ArrayList<>();
        boolean header = false;
        for (String line : lines) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!text.equals("cosine,similarity,far")) {
                    throw new IllegalArgumentException("FAR table header must be 'cosine,similarity,far', got " + text);
                }
                header = true;
                continue;
            }
            String[] cells = text.split(",");
            if (cells.length != 3) {
                throw new IllegalArgumentException("FAR table row needs 3 cells: " + text);
            }
            rows.add(new Row(Double.parseDouble(cells[0]), Double.parseDouble(cells[1]), Double.parseDouble(cells[2])));
        }
        return new FarTable(version, rows);
    }

    /** The rows as CSV (header included), in the format {@link #parse} reads; rows that print alike are one. */
    public String rowsCsv() {
        StringBuilder out = new StringBuilder("cosine,similarity,far\n");
        String previous = "";
        for (Row row : rows) {
            String far = String.format(Locale.ROOT, "%.4e", row.far());
            if (!far.equals(previous)) { // a drop too small to print would read back as a flat step
                out.append(String.format(Locale.ROOT, "%.4f,%.6f,%s%n", row.cosine(), row.similarity(), far));
                previous = far;
            }
        }
        return out.toString();
    }

    /**
     * A table from a pair histogram ({@link ImpostorModel#pairHistogram}): a row every {@code step} of
     * cosine while at least {@code minPairs} pairs lie at or above it, so every stated FAR rests on that
     * many pairs at least.
     */
    public static FarTable fromHistogram(int version, long[] counts, double width, double step, long minPairs) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        long[] atOrAbove = new long[counts.length + 1];
        for (int b = counts.length - 1; b >= 0; b--) {
            atOrAbove[b] = atOrAbove[b + 1] + counts[b];
        }
        List<Row> rows = new ArrayList<>();
        int every = Math.max(1, (int) Math.round(step / width));
        double previous = 2;
        for (int b = 0; b < counts.length; b += every) {
            if (atOrAbove[b] < minPairs) {
                break;
            }
            double far = (double) atOrAbove[b] / total;
            double cosine = -1 + b * width;
            if (far < previous) {
                rows.add(new Row(cosine, Similarity.fromCosine(cosine), far));
                previous = far;
            }
        }
        return new FarTable(version, rows);
    }
}

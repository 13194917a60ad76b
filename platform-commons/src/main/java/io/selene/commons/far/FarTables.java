package io.selene.commons.far;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.selene.commons.descriptor.DescriptorErrors;
import io.selene.commons.descriptor.DescriptorVersion;
import io.selene.commons.json.JsonFields;
import tools.jackson.databind.JsonNode;

/**
 * The FAR table of each descriptor version that has one ({@code far-<version>.csv} beside this class,
 * built by tools/far-table/build; today 201 only), and the FAR presets a caller may give instead of a
 * similarity threshold. A version without a table has no FAR estimate: answers leave {@code far} out and a
 * FAR preset is refused (12057), rather than reading another model's table.
 */
public final class FarTables {

    /** The FARs a caller may ask for by name instead of a threshold ({@code "far": 1e-4}). */
    public static final List<Double> PRESETS = List.of(1e-3, 1e-4, 1e-5);

    private final Map<DescriptorVersion, FarTable> tables = new EnumMap<>(DescriptorVersion.class);

    public FarTables() {
        for (DescriptorVersion version : DescriptorVersion.values()) {
            if (FarTables.class.getResource(name(version.number())) != null) {
                tables.put(version, load(version.number()));
            }
        }
    }

    private static String name(int version) {
        return "far-" + version + ".csv";
    }

    public static FarTable load(int version) {
        String name = name(version);
        try (InputStream in = FarTables.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no FAR table " + name + " for descriptor version " + version);
            }
            return FarTable.parse(version, new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read FAR table " + name, e);
        }
    }

    /** The table of {@code version}, or null when it has none. */
    public FarTable table(DescriptorVersion version) {
        return tables.get(version);
    }

    /** The similarity threshold a FAR preset stands for with {@code version}; 12057 when it has no table. */
    public double threshold(String field, Object far, DescriptorVersion version) {
        double preset = preset(field, far);
        FarTable table = table(version);
        if (table == null) {
            throw DescriptorErrors.NO_FAR_TABLE.exception(field, version.number());
        }
        return table.similarityAt(preset);
    }

    public FarTable table(int version) {
        return table(DescriptorVersion.require(version));
    }

    /** The table of the default face descriptor version, the one matching runs on. */
    public FarTable faces() {
        return table(DescriptorVersion.DEFAULT_FACE);
    }

    /** The estimated FAR of a face match at {@code similarity}, rounded to 3 significant digits. */
    public double far(double similarity) {
        return round(faces().far(similarity));
    }

    /**
     * The similarity threshold a FAR preset stands for; {@code field} names the request field in the
     * error (12056) when {@code far} is not one of {@link #PRESETS}.
     */
    public double threshold(String field, Object far) {
        return faces().similarityAt(preset(field, far));
    }

    /** The preset at {@code name} of a JSON object read strictly, or null when absent; 12056 when not a preset. */
    public static Double preset(JsonFields fields, String name) {
        JsonNode value = fields.raw(name);
        if (value == null) {
            return null;
        }
        return preset(fields.path(name), value.isNumber() ? value.doubleValue() : value.toString());
    }

    /** {@code far} as one of {@link #PRESETS}, or 12056 naming {@code field}. */
    public static double preset(String field, Object far) {
        if (far instanceof Number number) {
            double value = number.doubleValue();
            for (double preset : PRESETS) {
                if (Math.abs(value - preset) <= preset * 1e-9) {
                    return preset;
                }
            }
        }
        throw DescriptorErrors.BAD_FAR.exception(field, PRESETS, far);
    }

    /** {@code far} to 3 significant digits, as answers give it. */
    public static double round(double far) {
        return new BigDecimal(far).round(new MathContext(3)).doubleValue();
    }
}

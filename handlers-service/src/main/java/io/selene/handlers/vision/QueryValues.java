package io.selene.handlers.vision;

import java.util.Map;

import io.selene.commons.error.PlatformErrors;

/** Single query values of the vision routes: flags and bounded numbers, refused with 101 naming them. */
final class QueryValues {

    private QueryValues() {
    }

    static String single(Map<String, String[]> query, String name) {
        String[] values = query.get(name);
        if (values == null || values.length == 0) {
            return null;
        }
        if (values.length > 1) {
            throw PlatformErrors.BAD_QUERY.exception("Parameter '" + name + "' given more than once");
        }
        return values[0];
    }

    static boolean flag(Map<String, String[]> query, String name, boolean otherwise) {
        String value = single(query, name);
        if (value == null) {
            return otherwise;
        }
        return switch (value) {
            case "1" -> true;
            case "0" -> false;
            default -> throw PlatformErrors.BAD_QUERY.exception("Bad value '" + value + "' of parameter '" + name
                    + "': expected 0 or 1");
        };
    }

    static double number(Map<String, String[]> query, String name, double otherwise, double min, double max,
            boolean integer) {
        String value = single(query, name);
        if (value == null) {
            return otherwise;
        }
        try {
            double number = integer ? Integer.parseInt(value) : Double.parseDouble(value);
            if (!(number >= min && number <= max)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw PlatformErrors.BAD_QUERY.exception("Bad value '" + value + "' of parameter '" + name + "': expected "
                    + (integer ? "an integer" : "a number") + " in " + (integer ? String.valueOf((int) min) : String.valueOf(min))
                    + ".." + (integer ? String.valueOf((int) max) : String.valueOf(max)));
        }
    }
}

package io.selene.commons.error;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Error details as a client reads them: no Java class or parser token names (a binding failure says
 * "an array", not {@code JsonToken.START_ARRAY} or {@code io.selene...$StatsRequest}), no control
 * characters. Every error body passes through {@link #clean}.
 */
public final class ErrorDetails {

    /** A qualified Java type name, possibly in backticks, with nested ({@code $}) and generic parts. */
    private static final Pattern JAVA_TYPE = Pattern.compile(
            "`?\\[?L?((?:[a-z_][a-z0-9_]*\\.){2,}[A-Z][A-Za-z0-9_]*(?:\\$[A-Za-z0-9_]+)*)(?:<[^>`]*>)?(?:\\[])*;?`?");
    private static final Pattern TOKEN = Pattern.compile("`?(?:JsonToken\\.)?\\b(START_ARRAY|START_OBJECT|END_ARRAY"
            + "|END_OBJECT|VALUE_STRING|VALUE_NUMBER_INT|VALUE_NUMBER_FLOAT|VALUE_TRUE|VALUE_FALSE|VALUE_NULL"
            + "|PROPERTY_NAME|VALUE_EMBEDDED_OBJECT)\\b`?");
    private static final Map<String, String> TOKENS = Map.ofEntries(Map.entry("START_ARRAY", "an array"),
            Map.entry("END_ARRAY", "the end of an array"), Map.entry("START_OBJECT", "an object"),
            Map.entry("END_OBJECT", "the end of an object"), Map.entry("VALUE_STRING", "a string"),
            Map.entry("VALUE_NUMBER_INT", "an integer"), Map.entry("VALUE_NUMBER_FLOAT", "a number"),
            Map.entry("VALUE_TRUE", "a boolean"), Map.entry("VALUE_FALSE", "a boolean"),
            Map.entry("VALUE_NULL", "null"), Map.entry("PROPERTY_NAME", "a field name"),
            Map.entry("VALUE_EMBEDDED_OBJECT", "a value"));

    private ErrorDetails() {
    }

    public static String clean(String detail) {
        if (detail == null) {
            return null;
        }
        Matcher types = JAVA_TYPE.matcher(detail);
        StringBuilder out = new StringBuilder();
        while (types.find()) {
            types.appendReplacement(out, Matcher.quoteReplacement(typeName(types.group(1))));
        }
        types.appendTail(out);
        Matcher tokens = TOKEN.matcher(out.toString());
        out.setLength(0);
        while (tokens.find()) {
            tokens.appendReplacement(out, Matcher.quoteReplacement(TOKENS.get(tokens.group(1))));
        }
        tokens.appendTail(out);
        StringBuilder printable = new StringBuilder(out.length());
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c != '`') {
                printable.append(c < 0x20 || c == 0x7f ? ' ' : c);
            }
        }
        return printable.toString();
    }

    /** What a JSON client calls the Java type. */
    static String typeName(String type) {
        String simple = type.substring(type.lastIndexOf('.') + 1);
        return switch (simple) {
            case "String", "UUID", "Character", "OffsetDateTime", "Instant", "LocalDate" -> "string";
            case "Integer", "Long", "Short", "Byte", "BigInteger" -> "integer";
            case "Double", "Float", "BigDecimal", "Number" -> "number";
            case "Boolean" -> "boolean";
            case "List", "ArrayList", "Set", "Collection", "Object[]" -> "array";
            default -> "object";
        };
    }
}

package io.selene.api.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A path with {@code {name}} segments, matched segment by segment. */
final class PathTemplate {

    /** What a variable segment may hold (raw): no '/', no ';', no '.'/'..', no encoded slash or backslash. */
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9._~!$&'()*+,=:@%-]+");

    private final String path;
    private final String[] segments;
    private final String[] variables;

    PathTemplate(String path) {
        if (path == null || !path.startsWith("/") || path.contains("//") || path.contains("?")
                || (path.length() > 1 && path.endsWith("/"))) {
            throw new IllegalArgumentException("Bad route path '" + path + "'");
        }
        this.path = path;
        this.segments = split(path);
        this.variables = new String[segments.length];
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.startsWith("{") && segment.endsWith("}")) {
                variables[i] = segment.substring(1, segment.length() - 1);
                if (variables[i].isBlank() || variables[i].contains("{")) {
                    throw new IllegalArgumentException("Bad variable in route path '" + path + "'");
                }
            } else if (segment.contains("{") || segment.contains("}")) {
                throw new IllegalArgumentException("A variable must be a whole segment: '" + path + "'");
            }
        }
    }

    static String[] split(String path) {
        return path.equals("/") ? new String[0] : path.substring(1).split("/", -1);
    }

    String path() {
        return path;
    }

    List<String> variableNames() {
        List<String> names = new ArrayList<>();
        for (String variable : variables) {
            if (variable != null) {
                names.add(variable);
            }
        }
        return names;
    }

    /** Variable values (raw) when the request segments fit, else null. */
    Map<String, String> match(String[] request) {
        if (request.length != segments.length) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < segments.length; i++) {
            if (variables[i] == null) {
                if (!segments[i].equals(request[i])) {
                    return null;
                }
            } else {
                String value = request[i];
                if (!safe(value)) {
                    return null;
                }
                values.put(variables[i], value);
            }
        }
        return values;
    }

    private static boolean safe(String value) {
        if (value.isEmpty() || value.equals(".") || value.equals("..") || !SAFE_SEGMENT.matcher(value).matches()) {
            return false;
        }
        String lower = value.toLowerCase();
        return !lower.contains("%2f") && !lower.contains("%5c") && !lower.contains("%2e") && !lower.contains("%00");
    }

    String expand(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            out.append('/').append(variables[i] == null ? segments[i] : values.get(variables[i]));
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    /** Same shape: same length, literals equal where both are literal, variables at the same places. */
    boolean sameShape(PathTemplate other) {
        if (segments.length != other.segments.length) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            boolean variable = variables[i] != null;
            if (variable != (other.variables[i] != null) || (!variable && !segments[i].equals(other.segments[i]))) {
                return false;
            }
        }
        return true;
    }

    /** More specific first: at the first segment where they differ in kind, a literal beats a variable. */
    static int bySpecificity(PathTemplate a, PathTemplate b) {
        int length = Math.min(a.segments.length, b.segments.length);
        for (int i = 0; i < length; i++) {
            boolean av = a.variables[i] != null;
            boolean bv = b.variables[i] != null;
            if (av != bv) {
                return av ? 1 : -1;
            }
        }
        return Integer.compare(a.segments.length, b.segments.length);
    }
}

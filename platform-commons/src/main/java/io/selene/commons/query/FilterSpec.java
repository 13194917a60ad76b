package io.selene.commons.query;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.selene.commons.error.PlatformErrors;

/**
 * Declares the query parameters a collection route accepts and parses them strictly:
 * {@code page}/{@code page_size}, ranges ({@code field__gte/__gt/__lte/__lt}), comma lists
 * ({@code face_ids=a,b}) and single values. Unknown, repeated or malformed parameters are
 * answered with a LUNA 400 naming the parameter.
 */
public final class FilterSpec {

    public static final int DEFAULT_PAGE_SIZE = 10;
    public static final int MAX_PAGE_SIZE = 100;
    public static final int DEFAULT_MAX_LIST_LENGTH = 1000;

    /** The suffixes of a range filter's parameters, in the order {@code Range} holds its bounds. */
    public static final List<String> RANGE_SUFFIXES = List.of("__gte", "__gt", "__lte", "__lt");

    private final Map<String, ValueType> ranges = new LinkedHashMap<>();
    private final Map<String, ListSpec> lists = new LinkedHashMap<>();
    private final Map<String, ValueType> values = new LinkedHashMap<>();
    private boolean paged = true;
    private int maxPageSize = MAX_PAGE_SIZE;
    private int defaultPageSize = DEFAULT_PAGE_SIZE;

    private record ListSpec(ValueType type, int maxLength) {
    }

    public static FilterSpec paged() {
        return new FilterSpec();
    }

    public static FilterSpec unpaged() {
        FilterSpec spec = new FilterSpec();
        spec.paged = false;
        return spec;
    }

    public FilterSpec pageSize(int defaultSize, int maxSize) {
        if (defaultSize < 1 || defaultSize > maxSize) {
            throw new IllegalArgumentException("default page size must be in 1.." + maxSize);
        }
        this.defaultPageSize = defaultSize;
        this.maxPageSize = maxSize;
        return this;
    }

    public FilterSpec range(String field, ValueType type) {
        ranges.put(field, type);
        return this;
    }

    public FilterSpec list(String name, ValueType type) {
        return list(name, type, DEFAULT_MAX_LIST_LENGTH);
    }

    public FilterSpec list(String name, ValueType type, int maxLength) {
        lists.put(name, new ListSpec(type, maxLength));
        return this;
    }

    public FilterSpec value(String name, ValueType type) {
        values.put(name, type);
        return this;
    }

    /** Parses the servlet-style parameter map ({@code request.getParameterMap()}). */
    public Filters parse(Map<String, String[]> parameters, Clock clock) {
        Map<String, RangeBuilder> rangeValues = new LinkedHashMap<>();
        Map<String, List<?>> listValues = new LinkedHashMap<>();
        Map<String, Object> singleValues = new LinkedHashMap<>();
        Integer page = null;
        Integer pageSize = null;
        for (Map.Entry<String, String[]> entry : parameters.entrySet()) {
            String name = entry.getKey();
            String raw = single(name, entry.getValue());
            if (paged && "page".equals(name)) {
                page = bounded(name, raw, 1, Integer.MAX_VALUE);
            } else if (paged && "page_size".equals(name)) {
                pageSize = bounded(name, raw, 1, maxPageSize);
            } else if (lists.containsKey(name)) {
                listValues.put(name, parseList(name, raw, lists.get(name), clock));
            } else if (values.containsKey(name)) {
                singleValues.put(name, parseValue(name, raw, values.get(name), clock));
            } else {
                String field = rangeField(name);
                if (field == null) {
                    throw PlatformErrors.BAD_QUERY.exception("Unknown query parameter '" + name + "'");
                }
                Object bound = parseValue(name, raw, ranges.get(field), clock);
                rangeValues.computeIfAbsent(field, f -> new RangeBuilder()).set(name.substring(field.length()), bound);
            }
        }
        Map<String, Range<?>> builtRanges = new LinkedHashMap<>();
        rangeValues.forEach((field, builder) -> builtRanges.put(field, builder.build()));
        PageRequest pageRequest = paged
                ? new PageRequest(page == null ? 1 : page, pageSize == null ? defaultPageSize : pageSize)
                : null;
        return new Filters(builtRanges, listValues, singleValues, pageRequest);
    }

    private String rangeField(String name) {
        for (String suffix : RANGE_SUFFIXES) {
            if (name.endsWith(suffix)) {
                String field = name.substring(0, name.length() - suffix.length());
                if (ranges.containsKey(field)) {
                    return field;
                }
            }
        }
        return null;
    }

    private static String single(String name, String[] raw) {
        if (raw == null || raw.length == 0) {
            throw PlatformErrors.BAD_QUERY.exception("Parameter '" + name + "' has no value");
        }
        if (raw.length > 1) {
            throw PlatformErrors.BAD_QUERY.exception("Parameter '" + name + "' is given more than once");
        }
        return raw[0];
    }

    private static int bounded(String name, String raw, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw PlatformErrors.BAD_QUERY.exception("Bad value '" + raw + "' of parameter '" + name
                    + "': expected an integer");
        }
        if (value < min || value > max) {
            throw PlatformErrors.BAD_QUERY.exception("Bad value '" + raw + "' of parameter '" + name
                    + "': must be in " + min + ".." + max);
        }
        return value;
    }

    private static List<Object> parseList(String name, String raw, ListSpec spec, Clock clock) {
        List<String> items = Arrays.stream(raw.split(",", -1)).map(String::trim).toList();
        if (items.size() > spec.maxLength()) {
            throw PlatformErrors.BAD_QUERY.exception("Parameter '" + name + "' has " + items.size()
                    + " items; at most " + spec.maxLength() + " are allowed");
        }
        List<Object> parsed = new ArrayList<>(items.size());
        for (String item : items) {
            parsed.add(parseValue(name, item, spec.type(), clock));
        }
        return List.copyOf(parsed);
    }

    private static Object parseValue(String name, String raw, ValueType type, Clock clock) {
        if (raw.isEmpty()) {
            throw PlatformErrors.BAD_QUERY.exception("Parameter '" + name + "' is empty");
        }
        try {
            return type.parse(raw, clock);
        } catch (IllegalArgumentException e) {
            String reason = e instanceof NumberFormatException ? "expected " + type.name().toLowerCase()
                    : e.getMessage() == null ? "expected " + type.name().toLowerCase() : e.getMessage();
            throw PlatformErrors.BAD_QUERY.exception("Bad value '" + raw + "' of parameter '" + name + "': " + reason);
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class RangeBuilder {
        private Comparable gte;
        private Comparable gt;
        private Comparable lte;
        private Comparable lt;

        void set(String suffix, Object value) {
            Comparable bound = (Comparable) value;
            switch (suffix) {
                case "__gte" -> gte = bound;
                case "__gt" -> gt = bound;
                case "__lte" -> lte = bound;
                case "__lt" -> lt = bound;
                default -> throw new IllegalStateException(suffix);
            }
        }

        Range<?> build() {
            return new Range(gte, gt, lte, lt);
        }
    }
}

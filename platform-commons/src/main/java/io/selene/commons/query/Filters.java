package io.selene.commons.query;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parsed query of a collection route; see {@link FilterSpec}. */
public record Filters(
        Map<String, Range<?>> ranges,
        Map<String, List<?>> lists,
        Map<String, Object> values,
        PageRequest page) {

    public Filters {
        ranges = Map.copyOf(ranges);
        lists = Map.copyOf(lists);
        values = Map.copyOf(values);
    }

    @SuppressWarnings("unchecked")
    public <T extends Comparable<? super T>> Optional<Range<T>> range(String field) {
        return Optional.ofNullable((Range<T>) ranges.get(field));
    }

    @SuppressWarnings("unchecked")
    public <T> Optional<List<T>> list(String name) {
        return Optional.ofNullable((List<T>) lists.get(name));
    }

    @SuppressWarnings("unchecked")
    public <T> Optional<T> value(String name) {
        return Optional.ofNullable((T) values.get(name));
    }
}

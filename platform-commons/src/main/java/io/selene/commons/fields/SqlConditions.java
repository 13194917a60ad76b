package io.selene.commons.fields;

import java.util.List;
import java.util.Optional;

import io.selene.commons.query.Filters;
import io.selene.commons.query.Range;
import io.selene.commons.sql.Where;

/**
 * Catalogue filters answered in SQL on the owner's table: each given filter of a use becomes a
 * condition on its field's column. Filters the owner answers itself ({@link FieldFilter#own()}) are
 * left to it.
 *
 * @param alias  the table's alias in the query ({@code e}, {@code f})
 * @param arrays id and text lists as one array parameter ({@code IN (SELECT unnest(CAST(:p AS uuid[])))}) instead of
 *               an expanded {@code IN (...)} list (faces' reads of up to 1,000 ids)
 */
public record SqlConditions(Catalogue catalogue, String alias, boolean arrays) {

    /**
     * Adds the given filters of a use to {@code where}; answers whether any was given. Values are
     * checked against the field where the type bounds them (gender 0 or 1); ranges are not.
     */
    public boolean add(Where where, FieldFilter.Use use, Filters filters) {
        boolean added = false;
        for (Catalogue.Filter f : catalogue.sharedFilters(use)) {
            added |= add(where, f, filters);
        }
        return added;
    }

    /** One filter, when given. */
    public boolean add(Where where, Catalogue.Filter f, Filters filters) {
        Field field = f.field();
        String column = alias + "." + field.column();
        switch (f.filter().match()) {
            case ANY_OF -> {
                Optional<List<Object>> values = filters.list(f.name());
                if (values.isEmpty()) {
                    return false;
                }
                List<?> items = field.type() == FieldType.NAME
                        ? field.names().resolve(values.get().stream().map(Object::toString).toList()) : values.get();
                switch (field.type()) {
                    case TEXTS -> where.overlaps(column, items, "text");
                    case UUID, TEXT -> {
                        if (arrays) {
                            where.anyOf(column, items, field.type() == FieldType.UUID ? "uuid" : "text");
                        } else {
                            where.in(column, items);
                        }
                    }
                    default -> where.in(column, items);
                }
                return true;
            }
            case EQUALS -> {
                Optional<Object> value = filters.value(f.name());
                value.ifPresent(v -> {
                    field.requireWithin(f.name(), v);
                    where.equal(column, v);
                });
                return value.isPresent();
            }
            case CONTAINS -> {
                Optional<String> value = filters.value(f.name());
                value.ifPresent(text -> where.contains(column, text));
                return value.isPresent();
            }
            case RANGE -> {
                Optional<Range<Comparable<Object>>> range = filters.range(f.name());
                range.ifPresent(r -> where.range(column, r, field.isReal() ? "real" : null));
                return range.isPresent();
            }
        }
        return false;
    }
}

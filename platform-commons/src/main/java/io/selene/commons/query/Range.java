package io.selene.commons.query;

/**
 * Bounds of a {@code field__gte/__gt/__lte/__lt} filter; absent bounds are {@code null}.
 */
public record Range<T extends Comparable<? super T>>(T gte, T gt, T lte, T lt) {

    public boolean contains(T value) {
        return (gte == null || value.compareTo(gte) >= 0)
                && (gt == null || value.compareTo(gt) > 0)
                && (lte == null || value.compareTo(lte) <= 0)
                && (lt == null || value.compareTo(lt) < 0);
    }
}

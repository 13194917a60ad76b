package io.selene.commons.query;

/** A 1-based page of a collection. */
public record PageRequest(int page, int pageSize) {

    public long offset() {
        return (long) (page - 1) * pageSize;
    }
}

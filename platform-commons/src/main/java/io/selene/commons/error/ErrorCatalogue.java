package io.selene.commons.error;

import java.util.List;

/** A group of errors a service can answer with; every bean of this type is listed at {@code /docs/errors}. */
public interface ErrorCatalogue {

    List<LunaError> errors();
}

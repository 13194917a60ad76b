package io.selene.commons.docs;

import java.util.List;
import java.util.Map;

/**
 * The other services' error catalogues, by service name; a service that has this bean (the gateway)
 * lists the platform's catalogue at {@code /docs/errors}, where the errors' links lead its clients.
 */
public interface RemoteErrorCatalogues {

    Map<String, List<ErrorCatalogueController.ErrorEntry>> catalogues();
}

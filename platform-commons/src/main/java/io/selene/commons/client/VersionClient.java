package io.selene.commons.client;

import io.selene.commons.version.VersionResponse;
import org.springframework.web.service.annotation.GetExchange;

/** {@code GET /version} of any service. */
public interface VersionClient {

    @GetExchange("/version")
    VersionResponse version();
}

package io.selene.commons.config;

import io.selene.commons.error.LunaErrorController;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Import;

/**
 * Registers the LUNA error controller before Boot's error auto-configuration looks for one, so
 * Boot's white-label controller is never created.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnProperty("selene.service.name")
@Import(LunaErrorController.class)
public class PlatformErrorAutoConfiguration {
}

package io.selene.configurator.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The settings page (admin Basic login, see {@link AdminBasicAuthFilter}): one static page whose script
 * calls this service's {@code /1/...} API: list, edit with validation, history and roll back.
 */
@RestController
@Tag(name = "ui")
public class SettingsPageController {

    private final String page;

    public SettingsPageController() {
        try (InputStream in = new ClassPathResource("configurator/ui/settings.html").getInputStream()) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("configurator/ui/settings.html is missing", e);
        }
    }

    @GetMapping(path = {"/ui", "/ui/settings"}, produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "Settings page for admins (browser; Basic login of an admin account)")
    public ResponseEntity<String> settings() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                        + "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .body(page);
    }
}

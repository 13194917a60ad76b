package io.selene.commons.settings;

import java.util.Locale;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code LUNA_<SERVICE>_LOGGER.LOG_LEVEL} to the service's own loggers (its base package).
 * Logback directly: the all-in-one launcher runs without Spring's logging system, and 14 services
 * share one logback there, so each may only touch its own package.
 */
final class LogLevels {

    private final String basePackage;
    private Level original;
    private boolean saved;

    LogLevels(String basePackage) {
        this.basePackage = basePackage;
    }

    /** {@code level} in LUNA's words (WARNING = warn), or {@code null} for the level the service started with. */
    synchronized void apply(String level) {
        if (basePackage == null || basePackage.isBlank()
                || !(LoggerFactory.getLogger(basePackage) instanceof Logger logger)) {
            return;
        }
        if (!saved) {
            original = logger.getLevel();
            saved = true;
        }
        if (level == null) {
            logger.setLevel(original);
            return;
        }
        String normalised = level.trim().toUpperCase(Locale.ROOT);
        logger.setLevel(Level.toLevel("WARNING".equals(normalised) ? "WARN" : normalised, original));
    }
}

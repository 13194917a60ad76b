package io.selene.commons.settings;

import java.util.Locale;

/** Names shared by configurator-service and the services that pull their settings from it. */
public final class SettingNames {

    /** Prefix of the properties the Configurator contributes: {@code configurator.<SETTING>.<KEY>...}. */
    public static final String PROPERTY_PREFIX = "configurator.";

    /** {@code reload} of a limitation whose changes the services apply without a restart. */
    public static final String LIVE = "live";
    /** {@code reload} of a limitation that the services read only at start. */
    public static final String RESTART = "restart";

    private SettingNames() {
    }

    /**
     * LUNA names each service's logger settings {@code LUNA_<SERVICE>_LOGGER} (e.g.
     * {@code LUNA_CONFIGURATOR_LOGGER}); ours follow it: {@code matcher-service} → {@code LUNA_MATCHER_LOGGER}.
     */
    public static String loggerSetting(String serviceName) {
        String base = serviceName.endsWith("-service")
                ? serviceName.substring(0, serviceName.length() - "-service".length()) : serviceName;
        return "LUNA_" + base.toUpperCase(Locale.ROOT).replace('-', '_') + "_LOGGER";
    }
}

package io.selene.commons.health;

/** One connection a service depends on (database, cache, storage), checked by {@code /healthcheck}. */
public interface HealthCheck {

    /** Short name shown in the healthcheck body, e.g. {@code postgres}. */
    String name();

    /** Returns normally when healthy; throws with a reason otherwise. */
    void check() throws Exception;

    /**
     * Whether a failure makes the service unhealthy (502). A non-critical check that fails is shown as
     * {@code degraded}: the service works on, e.g. on its own defaults while the Configurator is down.
     */
    default boolean critical() {
        return true;
    }

    /**
     * Something an operator should act on although the service works (e.g. a licence near its end),
     * shown with the check after it passed; {@code null} when there is none. It never fails the report.
     */
    default String warning() {
        return null;
    }
}

package io.selene.commons.health;

/** One connection a service depends on (database, cache, storage), checked by {@code /healthcheck}. */
public interface HealthCheck {

    /** Short name shown in the healthcheck body, e.g. {@code postgres}. */
    String name();

    /** Returns normally when healthy; throws with a reason otherwise. */
    void check() throws Exception;
}

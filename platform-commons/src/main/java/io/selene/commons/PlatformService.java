package io.selene.commons;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Spring Boot application class as a Selene service. The name picks the service's own
 * configuration file ({@code <name>.yml}) so that several services can share one JVM (the
 * all-in-one launcher) without their settings colliding.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PlatformService {

    /** Module name, e.g. {@code faces-service}. */
    String name();

    /** Version number of the service's REST API (6 for the public API). */
    int apiVersion();
}

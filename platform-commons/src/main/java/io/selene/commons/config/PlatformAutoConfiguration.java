package io.selene.commons.config;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.selene.commons.PlatformSettings;
import io.selene.commons.account.AccountContextArgumentResolver;
import io.selene.commons.account.InternalCallFilter;
import io.selene.commons.client.InternalClients;
import io.selene.commons.descriptor.DescriptorErrors;
import io.selene.commons.far.FarTables;
import io.selene.commons.docs.ErrorCatalogueController;
import io.selene.commons.docs.OpenApiContentNegotiationFilter;
import io.selene.commons.error.ErrorResponses;
import io.selene.commons.error.LunaExceptionHandler;
import io.selene.commons.error.PlatformErrors;
import io.selene.commons.health.HealthCheck;
import io.selene.commons.health.HealthController;
import io.selene.commons.health.HealthMetrics;
import io.selene.commons.health.PostgresHealthCheck;
import io.selene.commons.health.RedisHealthCheck;
import io.selene.commons.json.FiniteNumbers;
import io.selene.commons.json.StrictJson;
import io.selene.commons.metrics.RequestMeters;
import io.selene.commons.metrics.RequestMetricsController;
import io.selene.commons.metrics.RequestMetricsFilter;
import io.selene.commons.version.VersionController;
import io.selene.commons.web.BodySizeLimitFilter;
import io.selene.commons.web.RequestIdFilter;
import io.selene.commons.web.RequestInputFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Wires the platform conventions into every service that has platform-commons on its
 * classpath and is marked with {@link io.selene.commons.PlatformService}.
 */
@AutoConfiguration(
        afterName = {
                "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
                "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnProperty("selene.service.name")
@EnableConfigurationProperties(PlatformSettings.class)
@Import({VersionController.class, HealthController.class, ErrorCatalogueController.class,
        LunaExceptionHandler.class, RequestMetricsController.class})
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PlatformErrors platformErrors() {
        return new PlatformErrors();
    }

    @Bean
    DescriptorErrors descriptorErrors() {
        return new DescriptorErrors();
    }

    @Bean
    FarTables farTables() {
        return new FarTables();
    }

    @Bean
    ErrorResponses errorResponses(PlatformSettings properties, JsonMapper jsonMapper) {
        return new ErrorResponses(properties, jsonMapper);
    }

    @Bean
    StrictJson strictJson(JsonMapper jsonMapper, jakarta.validation.Validator validator) {
        return new StrictJson(jsonMapper, validator);
    }

    @Bean
    InternalClients internalClients(PlatformSettings properties, JsonMapper jsonMapper) {
        return new InternalClients(properties, jsonMapper);
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter(PlatformSettings properties, Clock clock) {
        FilterRegistrationBean<RequestIdFilter> registration =
                new FilterRegistrationBean<>(new RequestIdFilter(properties.service().name(), clock));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    RequestMeters requestMeters() {
        return new RequestMeters();
    }

    @Bean
    FilterRegistrationBean<RequestMetricsFilter> requestMetricsFilter(PlatformSettings properties,
            MeterRegistry meterRegistry, RequestMeters requestMeters) {
        FilterRegistrationBean<RequestMetricsFilter> registration = new FilterRegistrationBean<>(
                new RequestMetricsFilter(meterRegistry, requestMeters, properties.service().name()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(PlatformSettings properties,
            ErrorResponses errors) {
        FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(properties.http().maxBodySize().toBytes(), errors));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    @ConditionalOnProperty(name = "selene.internal.require-secret", havingValue = "true", matchIfMissing = true)
    FilterRegistrationBean<InternalCallFilter> internalCallFilter(PlatformSettings properties,
            ErrorResponses errors) {
        String secret = properties.internal().secret();
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException(properties.service().name()
                    + " needs the shared internal secret: set SELENE_INTERNAL_SECRET (selene.internal.secret)");
        }
        FilterRegistrationBean<InternalCallFilter> registration =
                new FilterRegistrationBean<>(new InternalCallFilter(secret, errors));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    /** After the body-size limit (it reads JSON bodies through the counting stream). */
    @Bean
    FilterRegistrationBean<RequestInputFilter> requestInputFilter(ErrorResponses errors, JsonMapper jsonMapper) {
        FilterRegistrationBean<RequestInputFilter> registration =
                new FilterRegistrationBean<>(new RequestInputFilter(errors, jsonMapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    /**
     * JSON numbers are numbers and strings are strings: {@code "ttl": "10"}, {@code "threshold": "NaN"} (a string, see
     * {@link FiniteNumbers}), {@code "ttl": 1.5} (a fraction for an integer) and {@code "login": 5} are refused with the
     * field named, instead of being coerced.
     */
    @Bean
    JsonMapperBuilderCustomizer strictNumbers() {
        return builder -> builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT).addModule(FiniteNumbers.module())
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Float, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    @Bean
    HealthMetrics healthMetrics(ObjectProvider<HealthCheck> checks) {
        return new HealthMetrics(checks.orderedStream().toList());
    }

    @Bean
    WebMvcConfigurer accountContextResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new AccountContextArgumentResolver());
            }
        };
    }

    @Bean
    FilterRegistrationBean<OpenApiContentNegotiationFilter> openApiContentNegotiationFilter() {
        FilterRegistrationBean<OpenApiContentNegotiationFilter> registration =
                new FilterRegistrationBean<>(new OpenApiContentNegotiationFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DataSource.class)
    @ConditionalOnBean(DataSource.class)
    static class PostgresCheckConfiguration {

        @Bean
        HealthCheck postgresHealthCheck(DataSource dataSource) {
            return new PostgresHealthCheck(dataSource);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(RedisConnectionFactory.class)
    @ConditionalOnBean(RedisConnectionFactory.class)
    static class RedisCheckConfiguration {

        @Bean
        HealthCheck redisHealthCheck(RedisConnectionFactory connectionFactory) {
            return new RedisHealthCheck(connectionFactory);
        }
    }
}
